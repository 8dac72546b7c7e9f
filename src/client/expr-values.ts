/**
 * Filter template values (`exprValues`): `filter: 'age > {min}'` with `exprValues: { min: 18 }`, sent as
 * the request's `expr_template_values` map of `schema.TemplateValue`. Integers (numbers, bigints, `Long`s)
 * travel exactly as int64; other numbers as double; arrays by their first element's kind, as the SDK does.
 */
import { describeValue, InvalidInputError } from '../errors.js';
import { int64Of, isLongLike } from '../int64-value.js';

type TemplateValue = Record<string, unknown>;

/** The `expr_template_values` map for `exprValues`. Throws `InvalidInputError` for a value with no template form. */
export function formatExprValues(exprValues: Readonly<Record<string, unknown>>): Record<string, TemplateValue> {
  const out: Record<string, TemplateValue> = {};
  for (const [key, value] of Object.entries(exprValues)) out[key] = templateValue(key, value);
  return out;
}

function templateValue(key: string, value: unknown): TemplateValue {
  if (Array.isArray(value)) return { array_val: arrayValue(value) };
  if (typeof value === 'boolean') return { bool_val: value };
  if (typeof value === 'string') return { string_val: value };
  if (typeof value === 'bigint' || isLongLike(value) || (typeof value === 'number' && Number.isInteger(value))) {
    const n = int64Of(value);
    if (n === undefined) throw new InvalidInputError(`exprValues.${key}: expected an int64, got ${describeValue(value)} (pass a bigint or a string beyond 2^53)`, { field: key });
    return { int64_val: n.toString() };
  }
  if (typeof value === 'number') return { float_val: value };
  throw new InvalidInputError(`exprValues.${key}: expected a boolean, number, bigint, string or array, got ${describeValue(value)}`, { field: key });
}

function arrayValue(values: readonly unknown[]): Record<string, unknown> {
  const first = values[0];
  if (typeof first === 'boolean') return { bool_data: { data: values } };
  if (typeof first === 'number' || typeof first === 'bigint' || isLongLike(first)) {
    return values.every((v) => typeof v === 'bigint' || isLongLike(v) || Number.isInteger(v))
      ? { long_data: { data: values.map((v) => String(int64Of(v) ?? v)) } }
      : { double_data: { data: values } };
  }
  if (Array.isArray(first)) return { array_data: { data: values.map((v) => arrayValue(v as unknown[])) } };
  if (typeof first === 'object' && first !== null) return { json_data: { data: values.map((v) => new TextEncoder().encode(JSON.stringify(v))) } };
  return { string_data: { data: values.map(String) } };
}
