/**
 * Assembles decoded columns into the official Node SDK's result rows: query rows (one object per entity,
 * a key per returned column; dynamic fields under `$meta`, or by name when asked for by name) and search
 * hits (`{ score, ...fields }` per query, with highlights, element offsets and group-by values).
 */
import { DEFAULT_DYNAMIC_FIELD } from '../constants.js';
import { setOwn } from '../own-property.js';
import { fieldDataMap, type DecodedFieldData } from './field-data.js';
import type { FieldData, OutputTransformers } from './field-values.js';
import { int64ListOut, type Int64, type Int64Mode } from './int64.js';

/** One entity of a query or search answer: field name to value. */
export type RowData = Record<string, unknown>;

/** The value of `name` at `row`: its own column, or a key of the dynamic `$meta` column. */
function valueOf(columns: Map<string, unknown[]>, name: string, row: number): unknown {
  const own = columns.get(name);
  if (own) return own[row];
  const meta = columns.get(DEFAULT_DYNAMIC_FIELD)?.[row] as Record<string, unknown> | null | undefined;
  return meta && Object.prototype.hasOwnProperty.call(meta, name) ? meta[name] : undefined;
}

/** Query rows: one object per entity with a key per returned column (the SDK's `query` result `data`). */
export function queryRows(fieldsData: readonly DecodedFieldData[], mode: Int64Mode, transformers?: OutputTransformers): RowData[] {
  const columns = fieldDataMap(fieldsData, mode, transformers);
  const names = fieldsData.map((fd) => fd.field_name);
  const count = Math.max(0, ...[...columns.values()].map((c) => c.length));
  const rows: RowData[] = [];
  for (let r = 0; r < count; r++) {
    const row: RowData = {};
    for (const name of names) setOwn(row, name, valueOf(columns, name, r));
    rows.push(row);
  }
  return rows;
}

/** The parts of `schema.SearchResultData` that shape the hits. */
export interface DecodedSearchResults {
  topks: (string | number | bigint)[];
  scores: number[];
  fields_data: DecodedFieldData[];
  output_fields?: string[];
  highlight_results?: { field_name: string; datas: ({ fragments?: string[]; scores?: number[] } | null)[] }[];
  element_indices?: { data: unknown[] } | null;
  group_by_field_values?: DecodedFieldData[];
  ids?: { int_id?: { data: unknown[] } | null; str_id?: { data: string[] } | null } | null;
  primary_field_name?: string;
}

/** The highlighted fragments of one field of a hit, with their scores. */
export interface HighlightData {
  fragments: string[];
  scores: number[];
}
/** A hit's highlights by field name. */
export type HighlightResult = Record<string, HighlightData>;

/**
 * One search hit (the SDK's `SearchResultData`): `score`, the primary key and the output fields by name.
 * Field values are typed `any`, as the SDK types them, since their types depend on the schema.
 */
export interface SearchResultData {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field's value; its type depends on the schema
  [field: string]: any;
  score: number;
  /** The matched element of an element-level search (exact: text, or a bigint with `int64: 'bigint'`). */
  offset?: Int64;
  /** The group's values of a grouping search, by field name. */
  group_by_field_values?: Record<string, FieldData>;
  /** Highlighted fragments of a search with a `highlighter`. */
  highlight?: HighlightResult;
}

/**
 * Hits per query: `{ score, ...output fields }` (the SDK's `formatSearchResult`), scores cut to
 * `roundDecimal` digits when set. The primary key is always there, under its field name: a full Milvus
 * returns it as an output field; where a server leaves it out, it is taken from the hits' `ids`.
 */
export function searchHits(res: DecodedSearchResults, mode: Int64Mode, roundDecimal = -1, pkName?: string, transformers?: OutputTransformers): SearchResultData[][] {
  const columns = fieldDataMap(res.fields_data, mode, transformers);
  const key = res.primary_field_name || pkName;
  const ids = key && !columns.has(key) ? idList(res.ids, mode) : undefined;
  const groups = res.group_by_field_values?.length ? fieldDataMap(res.group_by_field_values, mode, transformers) : undefined;
  const names = res.output_fields?.length ? res.output_fields : res.fields_data.map((fd) => fd.field_name);
  const offsets = res.element_indices?.data;
  const out: SearchResultData[][] = [];
  let at = 0;
  for (const topk of res.topks) {
    const hits: SearchResultData[] = [];
    for (let k = 0; k < Number(topk); k++, at++) {
      const hit: SearchResultData = { score: roundDecimal === -1 ? res.scores[at]! : truncate(res.scores[at]!, roundDecimal) };
      if (ids) setOwn(hit, key!, ids[at]);
      if (offsets && offsets.length > 0) hit.offset = offsets[at] as Int64;
      if (groups) {
        const values: Record<string, FieldData> = {};
        for (const [name, column] of groups) setOwn(values, name, column[at]);
        hit.group_by_field_values = values;
      }
      for (const name of names) setOwn(hit, name, valueOf(columns, name, at));
      const highlight = highlightOf(res, at);
      if (highlight) hit.highlight = highlight;
      hits.push(hit);
    }
    out.push(hits);
  }
  return out;
}

function idList(ids: DecodedSearchResults['ids'], mode: Int64Mode): unknown[] | undefined {
  if (ids?.str_id) return ids.str_id.data;
  if (ids?.int_id) return int64ListOut(ids.int_id.data as string[], mode);
  return undefined;
}

function highlightOf(res: DecodedSearchResults, at: number): HighlightResult | undefined {
  let found: HighlightResult | undefined;
  for (const hr of res.highlight_results ?? []) {
    const data = hr.datas[at];
    if (!data) continue;
    found ??= {};
    setOwn(found, hr.field_name, { fragments: data.fragments ?? [], scores: data.scores ?? [] });
  }
  return found;
}

/** The SDK's `formatNumberPrecision`: digits after the point cut (not rounded) to `precision`. */
export function truncate(value: number, precision: number): number {
  const [whole, fraction] = value.toString().split('.');
  return Number(fraction === undefined ? whole : `${whole}.${fraction.slice(0, precision)}`);
}
