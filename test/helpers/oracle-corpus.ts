/**
 * The shared differential corpus (`test/oracle/corpus.json`): cases of schema + rows, with values JSON
 * cannot express tagged as documented in `test/oracle/pymilvus_insert.py`. Here the tags become the
 * JavaScript values our encoder takes; the Python side turns them into what pymilvus takes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CollectionSchemaInput } from '../../src/schema.js';
import type { Row, UpsertRequestInput } from '../../src/codec/types.js';
import { untag } from './corpus-tags.js';

/** Path of the corpus file, also handed to the Python scripts. */
export const CORPUS_PATH = fileURLToPath(new URL('../oracle/corpus.json', import.meta.url));

/** The `update_timestamp` the capture sink reports; pymilvus echoes it as `schema_timestamp`. */
export const SINK_SCHEMA_TIMESTAMP = 424242;

/** One corpus case as stored (values still tagged). */
export interface CorpusCase {
  collection_name: string;
  op?: 'insert' | 'upsert';
  db_name?: string;
  partition_name?: string;
  partial_update?: boolean;
  schema: CollectionSchemaInput;
  rows: unknown;
  /** Why this case is not compared byte for byte, when it is not. */
  note?: string;
}

/** Every case of the corpus. */
export function loadCorpus(): CorpusCase[] {
  return (JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as { cases: CorpusCase[] }).cases;
}

export { untag };

/** The encoder input equivalent to what `pymilvus_insert.py` does with the case. */
export function caseInput(c: CorpusCase): UpsertRequestInput {
  const input: UpsertRequestInput = {
    collection_name: c.collection_name,
    schema: c.schema,
    data: untag(c.rows) as Row | Row[],
    schema_timestamp: SINK_SCHEMA_TIMESTAMP,
  };
  if (c.db_name) input.db_name = c.db_name;
  if (c.partition_name) input.partition_name = c.partition_name;
  if (c.partial_update !== undefined) input.partial_update = c.partial_update;
  return input;
}
