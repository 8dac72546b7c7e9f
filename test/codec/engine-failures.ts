/** The error each encoder engine throws for one request: for tests that bad input is named the same way by both. */
import { expect } from 'vitest';
import { encodeInsertRequest, InvalidInputError } from '../../src/index.js';
import type { InsertRequestInput } from '../../src/index.js';

export interface Failure {
  row: number | undefined;
  field: string | undefined;
  message: string;
}

/** Encodes `input` on the WebAssembly and the TypeScript engine; each must throw `InvalidInputError`. */
export function failuresOnBothEngines(input: InsertRequestInput): Failure[] {
  return (['wasm', 'js'] as const).map((engine) => {
    try {
      encodeInsertRequest(input, { engine });
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      const err = e as InvalidInputError;
      return { row: err.row, field: err.field, message: err.message };
    }
    throw new Error(`${engine}: no error`);
  });
}
