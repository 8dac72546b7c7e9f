/**
 * What the browser client weighs, minified and gzipped as an app's bundler ships it (scripts/browser-size.ts;
 * `npm run size:browser` prints the same numbers with the heaviest inputs): the whole client and the insert
 * encoder alone, each within its budget and with no package from node_modules in it (no protobufjs, no long).
 */
import { describe, expect, test } from 'vitest';
import { browserBundleSize, SIZE_ENTRIES, type BundleSize } from '../../scripts/browser-size.js';

/**
 * Budgets in bytes of gzip -9 (1 KB = 1000 bytes) of what a page loads at once (the entry and the chunks it
 * imports statically, each gzipped as the file it is), and of each chunk the client loads on demand. Issue 12
 * asks 60 KB for the whole client. It weighed 70.3 KB in one file (74.4 KB before the descriptor was cut to
 * what the client uses, the WebAssembly inlined as hex and the SDK's enums built from lists; 205.7 KB with
 * protobufjs and long). Now the TypeScript encoder (src/codec/core-js, needed only where a CSP refuses
 * WebAssembly or `engine: 'js'` is asked for) and ingest's stream reader are loaded on demand, by dynamic
 * import: 66.4 KB at once, plus 3.7 KB and 2.4 KB if and when they are needed. Of the 66.4 KB, the
 * SDK-compatible methods (src/client/methods) are about 10 KB, the encoder's staging 8 KB, the Milvus
 * descriptor 6.7 KB, the inlined WebAssembly 4.5 KB. The encoder alone is 19.6 KB at once (22.8 KB before).
 * Then, knowingly: 11 bytes for writing requests whose vectors are filled afterwards without reserving
 * their room in the arena, and 0.25 KB for filling every vector field given as numbers rather than only
 * the first (a second 768-d field of 10,000 rows encodes in 63 ms instead of 74; the WebAssembly lost
 * 421 bytes of conversions that became unreachable, which paid for part of it). Then 0.27 KB for four
 * encoder speed-ups: `{ index: value }` sparse rows read once into a growing arena region (W5 encode
 * 0.91×), ASCII strings encoded 256 at a time by one native call (W2 encode 0.875×), sparse rows whose
 * indices already rise skipping the sort, and `$meta` documents kept in V8's fast mode (W7 encode 0.89×).
 * These budgets hold what there is, so that they only shrink.
 */
const BUDGET = { wholeClient: 66_930, encoderAlone: 20_140 };
/** The chunks loaded on demand, by the source file that starts each. */
const LAZY_BUDGET: Record<string, number> = { 'src/codec/core-js/index.ts': 3_700, 'src/ingest/ingest.ts': 2_350 };

const described = (size: BundleSize): string =>
  `${size.minified} bytes minified, ${size.gzip} gzipped; heaviest inputs: ${size.inputs.slice(0, 5).map((i) => `${i.path} ${i.bytes}`).join(', ')}`;

describe('what the browser client weighs (esbuild --bundle --minify --platform=browser, gzip -9)', () => {
  test(`the whole client (export * from the browser entry) is at most ${BUDGET.wholeClient / 1000} KB gzipped, (loaded at once), with no package in it`, async () => {
    const whole = await browserBundleSize(SIZE_ENTRIES.wholeClient);
    expect(whole.inputs.map((i) => i.path).filter((p) => p.includes('node_modules'))).toEqual([]);
    expect(whole.inputs.some((i) => i.path === 'src/proto/decode.ts')).toBe(true);
    expect(whole.gzip, described(whole)).toBeLessThanOrEqual(BUDGET.wholeClient);
  });

  test('what the client loads on demand is the TypeScript encoder and ingest\'s stream reader, each within its budget, with no package in it', async () => {
    const whole = await browserBundleSize(SIZE_ENTRIES.wholeClient);
    expect(whole.lazy.map((c) => c.entry).sort()).toEqual(Object.keys(LAZY_BUDGET).sort());
    for (const chunk of whole.lazy) {
      expect(chunk.inputs.map((i) => i.path).filter((p) => p.includes('node_modules'))).toEqual([]);
      expect(chunk.gzip, `${chunk.entry}: ${described({ ...chunk, lazy: [] })}`).toBeLessThanOrEqual(LAZY_BUDGET[chunk.entry]!);
    }
  });

  test(`the insert encoder alone (encodeInsertRequest) is at most ${BUDGET.encoderAlone / 1000} KB gzipped, (loaded at once), without src/proto`, async () => {
    const encoder = await browserBundleSize(SIZE_ENTRIES.encoderAlone);
    expect(encoder.inputs.map((i) => i.path).filter((p) => p.startsWith('src/proto/') || p.includes('node_modules'))).toEqual([]);
    expect(encoder.gzip, described(encoder)).toBeLessThanOrEqual(BUDGET.encoderAlone);
  });
});
