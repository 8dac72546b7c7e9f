/**
 * Encodes the shared differential corpus (`test/oracle/corpus.json`) with whichever build of the package
 * it is handed: run in Node with the Node build and in Chromium with the browser build, so both see the
 * very same input. Mirrors `test/helpers/oracle-corpus.ts`, without Node built-ins.
 */
import type { encodeInsertRequest, encodeUpsertRequest, Row, UpsertRequestInput } from '../../../src/public-api.js';
import type { CorpusCase } from '../../helpers/oracle-corpus.js';
import { untag } from '../../helpers/corpus-tags.js';

/** The encoder functions of one build. */
export interface Encoders {
  encodeInsertRequest: typeof encodeInsertRequest;
  encodeUpsertRequest: typeof encodeUpsertRequest;
}

/** One hex string of request bytes per case, or `error: <name> <code>: <message>` where encoding threw. */
export function encodeCorpus(api: Encoders, cases: readonly CorpusCase[], engine: 'wasm' | 'js'): string[] {
  return cases.map((c) => {
    try {
      const input = caseInput(c);
      const bytes = c.op === 'upsert' ? api.encodeUpsertRequest(input, { engine }) : api.encodeInsertRequest(input, { engine });
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    } catch (e) {
      const err = e as Error & { code?: string };
      return `error: ${err.name} ${err.code}: ${err.message}`;
    }
  });
}

function caseInput(c: CorpusCase): UpsertRequestInput {
  return {
    collection_name: c.collection_name,
    schema: c.schema,
    data: untag(c.rows) as Row | Row[],
    schema_timestamp: 424242,
    ...(c.db_name ? { db_name: c.db_name } : {}),
    ...(c.partition_name ? { partition_name: c.partition_name } : {}),
    ...(c.partial_update !== undefined ? { partial_update: c.partial_update } : {}),
  };
}

