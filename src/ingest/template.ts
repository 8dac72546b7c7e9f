/** What every request of one write shares, and planning a part of the write's rows against it. */
import { planWrite, type WritePlan } from '../codec/insert.js';
import type { Columns, Engine, Row, UpsertRequestInput } from '../codec/types.js';
import { planSchema } from '../schema.js';
import type { WriteDescription } from './target.js';

/** Rows or columns, as the encoder takes them. */
export type RowsOrColumns = { data: Row | Row[] } | { columns: Columns };

/** The parts of a request that are the same for every batch of a write. */
export interface WriteTemplate {
  readonly base: Omit<UpsertRequestInput, 'data' | 'columns'>;
  readonly upsert: boolean;
  readonly engine: Engine;
}

/** What the caller asked to write, apart from the rows. */
export interface WriteSpec {
  collection_name: string;
  partition_name?: string;
  upsert: boolean;
  partial_update?: boolean;
  field_ops?: readonly { field_name: string; op: number }[];
}

/** The template of a write of `spec` into the collection `description` describes. */
export function templateFor(description: WriteDescription, spec: WriteSpec, engine: Engine): WriteTemplate {
  return {
    base: {
      collection_name: spec.collection_name,
      schema: description.schema,
      ...(description.update_timestamp !== undefined ? { schema_timestamp: description.update_timestamp } : {}),
      ...(spec.partition_name ? { partition_name: spec.partition_name } : {}),
      ...(spec.upsert && spec.partial_update !== undefined ? { partial_update: spec.partial_update } : {}),
      ...(spec.upsert && spec.field_ops ? { field_ops: spec.field_ops } : {}),
    },
    upsert: spec.upsert,
    engine,
  };
}

/** Plans `part` of the write; its row 0 is row `firstRow` of the caller's input or stream. */
export function planPart(template: WriteTemplate, part: RowsOrColumns, firstRow: number): WritePlan {
  return planWrite({ ...template.base, ...part }, { upsert: template.upsert, engine: template.engine, firstRow });
}

/** True when rows carry their own primary keys, so a resend as upsert cannot duplicate them. */
export function callerKeys(description: WriteDescription): boolean {
  const primary = planSchema(description.schema).primary;
  return primary !== undefined && !primary.autoID;
}
