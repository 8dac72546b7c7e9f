/**
 * The browser example (examples/browser), built with Vite as its README says, ingesting through the
 * gRPC-Web proxy into the test Milvus: the page must report every row inserted, a rate, and search hits
 * led by the row it searched for. A screenshot is left in test/browser/artifacts/example.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, expect, test } from 'vitest';
import { tempDir, type TempDir } from '../helpers/temp-dir.js';
import { openPage } from './fixtures/chromium.js';
import { browserEnv, closeBrowserEnv } from './fixtures/environment.js';
import { serveStatic, type StaticServer } from './fixtures/static-server.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/browser/', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let out: TempDir | undefined;
let site: StaticServer | undefined;

afterAll(async () => {
  await site?.close();
  await out?.remove();
  await closeBrowserEnv();
});

test('the example page ingests with a progress bar, shows rows/s and search results', async () => {
  const { browser, proxy } = await browserEnv();
  out = await tempDir('example');
  await build({ root: EXAMPLE, configFile: false, logLevel: 'error', build: { outDir: out.dir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  site = await serveStatic(out.dir);

  const rows = 6000;
  const { page, problems } = await openPage(browser, `${site.origin}/?uri=${encodeURIComponent(proxy.url)}&rows=${rows}&dim=64&batch=1000`);
  try {
    await page.setViewportSize({ width: 900, height: 760 });
    await expect.poll(() => page.textContent('#engine')).toBe('WebAssembly');
    await page.click('#start');
    await page.waitForFunction(() => /^Done|Error/.test(document.querySelector('#status')!.textContent ?? '') || document.querySelector('#status.error'), undefined, { timeout: 120_000 });

    // The run ends by dropping its collection and closing the client; then the button is enabled again.
    await page.waitForFunction(() => !(document.querySelector('#start') as HTMLButtonElement).disabled);
    expect(await page.textContent('#status')).toBe(`Done: ${rows.toLocaleString('en-US')} rows inserted and searched.`);
    expect(await page.textContent('#inserted')).toBe(rows.toLocaleString('en-US'));
    expect(await page.$eval('#progress', (p) => (p as HTMLProgressElement).value)).toBe(1);
    const rate = (await page.textContent('#rate'))!;
    expect(rate).toMatch(/^\d{1,3}(,\d{3})*$/);
    expect(Number(rate.replaceAll(',', ''))).toBeGreaterThan(0);

    const hits = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (td) => td.textContent)));
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => h[0])).toEqual(['1', '2', '3', '4', '5']);
    // The query is row 0's own vector: it comes first, with a cosine similarity of 1.
    expect(hits[0]![1]).toBe('0');
    expect(Number(hits[0]![2])).toBeCloseTo(1, 3);
    expect(hits.every((h) => Number(h[1]) >= 0 && Number(h[1]) < rows)).toBe(true);
    expect(problems).toEqual([]);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'example.png'), fullPage: true });
  } finally {
    await page.close();
  }
});
