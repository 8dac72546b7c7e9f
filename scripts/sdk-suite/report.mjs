/**
 * The comparison as text: `consoleReport` for the terminal, `markdownReport` for summary.md.
 * Both take the same summary object built by run.mjs:
 * `{ checkout, runs: [official, wasm, wasmOtherMode?], regressions, recovered, onlyWasm }`.
 */

const short = (commit) => commit.slice(0, 12);

function countLine(run) {
  const { passed, failed, total } = run.counts;
  const mode = run.id === 'official' ? "type-checked: the SDK's jest config as is" : run.mode;
  const notRun = notRunFiles(run).length;
  const files = notRun > 0 ? `, ${notRun} spec file(s) did not run` : '';
  const lost = run.lost === undefined ? '' : `; ${run.lost} tests that pass with the official SDK fail`;
  return `${passed} passed, ${failed} failed, ${total} total${files} (${mode})${lost}`;
}

/** `[specFile, first line of its error]` for each file of `run` that failed to compile or load. */
function notRunFiles(run) {
  return [...run.files]
    .filter(([, file]) => file.suiteError !== undefined)
    .map(([name, file]) => [name, firstError(file.suiteError)]);
}

function firstError(suiteError) {
  return suiteError.split('\n').find((line) => !line.includes('Test suite failed to run'))?.trim() ?? '';
}

function runName(run) {
  return run.id === 'official' ? run.label : `${run.label} (${run.mode})`;
}

function difference({ runs: [official, wasm], regressions }) {
  const delta = wasm.counts.passed - official.counts.passed;
  const sign = delta >= 0 ? '+' : '';
  const lost = `${regressions.length} test(s) pass with the official SDK and fail with milvus-wasm`;
  return `${sign}${delta} passed with milvus-wasm; ${lost}`;
}

/** Rows of the per-file table: spec file, then `passed/total` (or why it did not run) per run. */
function fileRows({ runs, regressions }) {
  const names = [...new Set(runs.flatMap((run) => [...run.files.keys()]))].sort();
  return names.map((name) => {
    const cells = runs.map((run) => {
      const file = run.files.get(name);
      if (file === undefined) return '-';
      return file.suiteError ? 'did not run' : `${file.passed}/${file.total}`;
    });
    const lost = regressions.filter((r) => r.specFile === name).length;
    return [name, ...cells, lost > 0 ? `${lost} lost` : ''];
  });
}

function checkoutLine({ checkout }) {
  const { sdkCommit, sdkRepo, protoCommit, protoRepo } = checkout;
  return `milvus-sdk-node ${short(sdkCommit)} (from ${sdkRepo}), proto ${short(protoCommit)} (from ${protoRepo})`;
}

function editLines(run) {
  const edits = run.edits.map((e) => `${e.file}: -${e.before.trim()}  +${e.after.trim()}`);
  const added = run.added.map((a) => `${a.file} (added): ${a.note}`);
  return [...edits, ...added];
}

/** Plain text for the terminal. */
export function consoleReport(summary) {
  const { runs, regressions, recovered, onlyWasm } = summary;
  const out = ['', `SDK suite: ${checkoutLine(summary)}`, ''];
  const width = Math.max(...runs.map((run) => runName(run).length));
  for (const run of runs) out.push(`  ${runName(run).padEnd(width)}  ${countLine(run)}`);
  out.push(`  difference: ${difference(summary)}`, '');
  const header = ['spec file', ...runs.map(runName), ''];
  const rows = [header, ...fileRows(summary)];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) out.push(`  ${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`.trimEnd());
  out.push('', "Changes to the SDK's files, and files added, per run:");
  for (const run of runs) for (const line of editLines(run)) out.push(`  [${run.id}] ${line}`);
  const notRun = runs.flatMap((run) => notRunFiles(run).map(([file, error]) => `[${run.id}] ${file}: ${error}`));
  if (notRun.length > 0) out.push('', 'Spec files that did not run (first error):', ...notRun.map((l) => `  ${l}`));
  out.push('', `Pass with the official SDK, fail with milvus-wasm (${regressions.length}):`);
  for (const r of regressions) out.push(`  ${r.key}`, ...r.failure.split('\n').map((line) => `      ${line}`));
  out.push('', `Passed with milvus-wasm only on a re-run (${recovered.size}):`);
  for (const [key, round] of recovered) out.push(`  ${key} (re-run ${round})`);
  out.push('', `Pass with milvus-wasm only (${onlyWasm.length}):`);
  for (const key of onlyWasm) out.push(`  ${key}`);
  return out.join('\n');
}

/** The same, as Markdown. */
export function markdownReport(summary) {
  const { runs, regressions, recovered, onlyWasm } = summary;
  const out = ['# Official SDK suite: official SDK vs milvus-wasm', '', checkoutLine(summary), ''];
  for (const run of runs) out.push(`- **${runName(run)}**: ${countLine(run)}`);
  out.push(`- difference: ${difference(summary)}`, '');
  const header = ['spec file', ...runs.map(runName), 'lost'];
  out.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  for (const row of fileRows(summary)) out.push(`| ${row.join(' | ')} |`);
  out.push('', "## Changes to the SDK's files, and files added", '');
  for (const run of runs) for (const line of editLines(run)) out.push(`- ${run.id}: \`${line}\``);
  const notRun = runs.flatMap((run) => notRunFiles(run).map(([file, error]) => `- ${run.id}: ${file}: \`${error}\``));
  if (notRun.length > 0) out.push('', '## Spec files that did not run (first error)', '', ...notRun);
  out.push('', `## Pass with the official SDK, fail with milvus-wasm (${regressions.length})`, '');
  for (const r of regressions) {
    out.push(`- ${r.key}`, '', '  ```', ...r.failure.split('\n').map((line) => `  ${line}`), '  ```');
  }
  out.push('', `## Passed with milvus-wasm only on a re-run (${recovered.size})`, '');
  for (const [key, round] of recovered) out.push(`- ${key} (re-run ${round})`);
  out.push('', `## Pass with milvus-wasm only (${onlyWasm.length})`, '');
  for (const key of onlyWasm) out.push(`- ${key}`);
  return `${out.join('\n')}\n`;
}
