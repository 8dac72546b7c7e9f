/**
 * Stager of Array-of-Struct fields. Each row is a list of struct objects (`[{ frame: 1, emb: [...] }, ...]`);
 * the stager turns it member-wise, as Milvus stores it: one column per member holding, per row, that
 * member's values of every element. A scalar member is staged as an Array field of its type; a vector
 * member (an embedding list) as a vector column of all the row's vectors back to back, with per-row
 * offsets. Each member gets a descriptor of its own, and the core writes them inside the struct's FieldData.
 */
import { DataType, isVectorType } from '../../data-type.js';
import type { FieldPlan } from '../../schema.js';
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import { stageArray } from './arrays.js';
import { fieldError, getWord, invalid, isNull, setWord, stageValidity, type FieldInput } from './column.js';
import { bytesPerRow, stageFloatVectors, stagePackedVectors } from './vectors.js';

/** Writes a member descriptor's name (the member's bare name on the wire). */
export type NameWriter = (desc: number, name: string) => void;

/** Stages the struct field `input` (its validity already staged, `count` non-null rows) and its members. */
export function stageStruct(heap: Heap, input: FieldInput, count: number, writeName: NameWriter): void {
  const { plan, numRows, desc } = input;
  const members = plan.members!;
  const rows = structRows(input);
  const membersPtr = heap.alloc(members.length * L.FD_WORDS * 4);
  heap.u8.fill(0, membersPtr, membersPtr + members.length * L.FD_WORDS * 4);
  setWord(heap, desc, L.F_KIND, L.K_STRUCT);
  setWord(heap, desc, L.F_DATA_TYPE, L.TYPE_ARRAY_OF_STRUCT);
  setWord(heap, desc, L.F_DATA_PTR, membersPtr);
  setWord(heap, desc, L.F_NUM_MEMBERS, members.length);
  // The struct's own FieldData carries no validity: its members do (Milvus' layout).
  setWord(heap, desc, L.F_VALID_PTR, 0);
  members.forEach((member, m) => {
    const memberDesc = membersPtr + m * L.FD_WORDS * 4;
    const memberValues = new Array<unknown>(numRows);
    for (let r = 0; r < numRows; r++) memberValues[r] = rows[r] === null ? null : rows[r]!.map((element) => element[member.name]);
    const memberInput: FieldInput = { plan: { ...member, name: `${plan.name}[${member.name}]` }, values: memberValues, column: undefined, numRows, rowBase: input.rowBase, desc: memberDesc };
    writeName(memberDesc, member.name);
    const staged = stageValidity(heap, memberInput);
    if (staged !== count) throw fieldError(plan.name, undefined, 'internal: member rows disagree with the struct rows');
    if (isVectorType(member.type)) stageVectorMember(heap, memberInput, member.name, rows, count);
    else stageScalarMember(heap, memberInput, count);
  });
}

/** Every row as a list of element objects, each holding exactly the struct's members; `null` for a null row. */
function structRows(input: FieldInput): (Record<string, unknown>[] | null)[] {
  const { plan, values, numRows } = input;
  const names = plan.members!.map((m) => m.name);
  const out = new Array<Record<string, unknown>[] | null>(numRows);
  for (let r = 0; r < numRows; r++) {
    const v = values[r];
    if (isNull(v)) {
      out[r] = null;
      continue;
    }
    const row = input.rowBase + r;
    if (!Array.isArray(v)) throw invalid(plan.name, row, `a list of structs with members ${names.join(', ')}`, v);
    if (plan.maxCapacity > 0 && v.length > plan.maxCapacity) {
      throw fieldError(plan.name, row, `expected at most ${plan.maxCapacity} structs (max_capacity), got ${v.length}`);
    }
    v.forEach((element: unknown, e) => checkElement(plan, names, element, row, e));
    out[r] = v as Record<string, unknown>[];
  }
  return out;
}

function checkElement(plan: FieldPlan, names: readonly string[], element: unknown, r: number, e: number): void {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) {
    throw invalid(plan.name, r, `struct elements as objects with members ${names.join(', ')}`, element, ` at element ${e}`);
  }
  for (const key of Object.keys(element)) {
    if (!names.includes(key)) throw fieldError(plan.name, r, `element ${e} has "${key}", which is not a member of the struct (members: ${names.join(', ')})`);
  }
  for (const name of names) {
    const value = (element as Record<string, unknown>)[name];
    if (!Object.prototype.propertyIsEnumerable.call(element, name) || value === null || value === undefined) {
      throw fieldError(plan.name, r, `element ${e} has no value for member "${name}" (every member of every element is required)`);
    }
  }
}

/** A scalar member: an Array field of the member's type, one list per struct row. */
function stageScalarMember(heap: Heap, input: FieldInput, count: number): void {
  const member = input.plan;
  const asArray: FieldPlan = { ...member, type: DataType.Array, elementType: member.type };
  setWord(heap, input.desc, L.F_KIND, L.K_ARRAY);
  setWord(heap, input.desc, L.F_WIRE_FIELD, L.SCALAR_ARRAY);
  setWord(heap, input.desc, L.F_DATA_TYPE, DataType.Array);
  setWord(heap, input.desc, L.F_LIMIT, member.maxCapacity);
  stageArray(heap, { ...input, plan: asArray }, count, member.maxLength);
}

/**
 * A vector member: each element's vector is checked for its shape here (so an error names the row and
 * element), then all vectors are staged as one vector column and the descriptor marked as a vector array.
 */
function stageVectorMember(heap: Heap, input: FieldInput, key: string, rows: readonly (Record<string, unknown>[] | null)[], count: number): void {
  const member = input.plan;
  const offsetsPtr = heap.alloc((count + 1) * 4);
  const vectors: unknown[] = [];
  let k = 0;
  rows.forEach((row, r) => {
    if (row === null) return;
    heap.u32[(offsetsPtr >> 2) + k++] = vectors.length;
    row.forEach((element, e) => {
      const v = element[key];
      checkVectorShape(member, v, input.rowBase + r, e);
      vectors.push(v);
    });
  });
  heap.u32[(offsetsPtr >> 2) + count] = vectors.length;
  const flat: FieldInput = { ...input, plan: { ...member, nullable: false, hasDefault: false }, values: vectors, numRows: vectors.length };
  if (member.type === DataType.FloatVector) {
    setWord(heap, input.desc, L.F_KIND, L.K_FLOAT_VEC);
    stageFloatVectors(heap, flat, vectors.length, false);
  } else {
    stagePackedVectors(heap, flat, vectors.length, false);
  }
  setWord(heap, input.desc, L.F_ELEM_KIND, getWord(heap, input.desc, L.F_KIND));
  setWord(heap, input.desc, L.F_KIND, L.K_VECTOR_ARRAY);
  setWord(heap, input.desc, L.F_DATA_TYPE, L.TYPE_ARRAY_OF_VECTOR);
  setWord(heap, input.desc, L.F_ELEM_TYPE, member.type);
  setWord(heap, input.desc, L.F_COUNT, count);
  setWord(heap, input.desc, L.F_NUM_ROWS, input.numRows);
  setWord(heap, input.desc, L.F_OFFSETS_PTR, offsetsPtr);
  setWord(heap, input.desc, L.F_SCRATCH_PTR, heap.alloc(count * 4));
  setWord(heap, input.desc, L.F_LIMIT, member.maxCapacity);
  if (member.type === DataType.FloatVector) setWord(heap, input.desc, L.F_WIRE_FIELD, L.VECTOR_FLOAT);
}

/** A vector of the member's dim: numbers (or a float typed array), or its packed bytes for the byte types. */
function checkVectorShape(member: FieldPlan, v: unknown, r: number, e: number): void {
  const dim = member.dim;
  const bytes = bytesPerRow(member.type, dim);
  const at = ` at element ${e}`;
  if (v instanceof Uint8Array || (v instanceof Int8Array && member.type === DataType.Int8Vector)) {
    if (member.type === DataType.FloatVector) throw invalid(member.name, r, `${dim} numbers`, v, at);
    if (v.length !== bytes) throw fieldError(member.name, r, `expected ${bytes} bytes (dim ${dim})${at}, got ${v.length}`);
    return;
  }
  if (Array.isArray(v) || v instanceof Float32Array || v instanceof Float64Array) {
    const want = member.type === DataType.BinaryVector ? bytes : dim;
    if (v.length !== want) throw fieldError(member.name, r, `expected ${want} values (dim ${dim})${at}, got ${v.length}`);
    return;
  }
  throw invalid(member.name, r, `a vector of dim ${dim}`, v, at);
}
