/**
 * Child-process entry of `npm run bench`: runs the Node cases of one group (one workload) and prints one
 * `RESULT {json}` line per case on stdout. A case that throws is reported with its error and the
 * process exits 1 after the others ran. A `first-call` case times the process's very first
 * `encodeInsertRequest` instead (nothing is encoded before it): the runner starts one process per sample.
 *
 * Usage (the runner does this): node --expose-gc --import tsx bench/suite/case-runner.ts CASES_JSON ENV_JSON
 */
import { encodeInsertRequest, type InsertRequestInput } from '../../src/index.js';
import { buildCase, type CaseContext } from './case-fns.js';
import type { CaseSpec } from './cases.js';
import { clientSplit } from '../shared/client-split.js';
import { measure } from '../shared/measure.js';
import { UPDATE_TIMESTAMP } from '../sink/sink-replies.js';
import { workload, type ClientInput, type Workload } from '../shared/workloads.js';

interface ChildEnv {
  sinkAddress?: string;
  tcpAddress?: string;
  liteAddress?: string;
}

const cases = JSON.parse(process.argv[2] ?? '[]') as CaseSpec[];
const env = JSON.parse(process.argv[3] ?? '{}') as ChildEnv;
if (cases.length === 0) throw new Error('usage: case-runner.ts CASES_JSON ENV_JSON');

const emit = (result: object) => process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);

if (cases[0]!.subject === 'first-call') firstCall(cases[0]!);
else await runCases();

/** The request milvus-wasm encodes for the workload's input (what encode cases time and floors move). */
function requestOf(w: Workload, input: ClientInput): InsertRequestInput {
  return {
    collection_name: w.collection, schema: w.schema, schema_timestamp: UPDATE_TIMESTAMP,
    ...(input.columns ? { columns: input.columns } : { data: input.rows! }),
  };
}

/** One sample: the first encode of this fresh process (module instantiation, arena growth and all). */
function firstCall(spec: CaseSpec): void {
  const w = workload(spec.workload);
  const request = requestOf(w, w.input(spec.rows));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const bytes = encodeInsertRequest(request, { engine: spec.engine });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (bytes.length !== encodeInsertRequest(request, { engine: spec.engine }).length) throw new Error(`${spec.name}: the first and second encodes differ in size`);
  emit({ name: spec.name, payloadBytes: bytes.length, ms, cpuMs: (cpu.user + cpu.system) / 1000 });
}

async function runCases(): Promise<void> {
  const context = prepare(cases[0]!);
  let failed = false;
  for (const spec of cases) {
    try {
      const runnable = buildCase(spec, context);
      try {
        const m = await measure(spec.name, runnable.fn, spec.budget);
        emit({ name: spec.name, payloadBytes: context.payload.length, ...m });
      } finally {
        await runnable.close();
      }
    } catch (err) {
      failed = true;
      emit({ name: spec.name, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }
  process.exit(failed ? 1 : 0);
}

function prepare(first: CaseSpec): CaseContext {
  const w = workload(first.workload);
  if (cases.some((c) => c.workload !== w.id || c.rows !== first.rows)) throw new Error('one child runs one workload at one row count');
  const input = w.input(first.rows);
  const needsSdkRows = cases.some((c) => c.subject === 'official-sdk');
  const sdkRows = !needsSdkRows ? undefined : w.sdkRowsFrom ? workload(w.sdkRowsFrom).input(first.rows).rows : input.rows;
  const request = requestOf(w, input);
  const payload = encodeInsertRequest(request, { engine: 'wasm' });
  return { workload: w, rows: first.rows, input, sdkRows, payload, split: clientSplit(request), ...env };
}
