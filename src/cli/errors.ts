/**
 * The CLI's two error kinds, both in the package's one error family: a bad command line (exit 2) and a
 * value in the input file that cannot be read (exit 1, naming the line or row).
 */
import { InvalidInputError, MilvusError, type MilvusErrorDetails } from '../errors.js';

/** The command line is unusable: unknown option, missing argument, bad value. Exit code 2. */
export class UsageError extends MilvusError {
  override name = 'UsageError';
  constructor(message: string) {
    super('USAGE_ERROR', message);
  }
}

/** A value in the input file cannot be read or converted to its field's type. `row` is the 0-based source row. */
export class SourceDataError extends InvalidInputError {
  override name = 'SourceDataError';
  /** `line 12` (text formats) or `row 11` (Parquet, NumPy). */
  readonly location: string;
  constructor(file: string, location: string, message: string, details: MilvusErrorDetails = {}) {
    super(`${file} ${location}: ${message}`, details);
    this.location = location;
  }
}
