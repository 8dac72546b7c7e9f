/**
 * Progress on stderr: a redrawn bar on a terminal, or one plain line every few seconds otherwise (logs,
 * CI). Shows rows landed, percent, rows/s and ETA; when the row count is not known up front (JSON Lines,
 * CSV) it is estimated from the bytes read so far and the file size.
 */

/** Where the numbers come from. */
export interface ProgressSource {
  /** Rows known in advance (Parquet, NumPy). */
  totalRows: number | undefined;
  /** File size in bytes, for the estimate. */
  sizeBytes: number;
  /** Bytes of the file read so far. */
  bytesRead(): number;
}

/** Options of {@link ProgressReporter}. */
export interface ProgressOptions {
  /** Redraw in place (a terminal) or print lines. */
  tty: boolean;
  /** Milliseconds between plain lines (default 5 000; env `MILVUS_WASM_PROGRESS_MS` overrides). */
  lineIntervalMs?: number;
}

const BAR_WIDTH = 24;
const TTY_INTERVAL_MS = 200;

/** Reports progress until `stop()`. Rows already landed before this run (a resume) count as done. */
export class ProgressReporter {
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private landed = 0;
  private taken = 0;
  private drawn = false;

  constructor(
    private readonly out: { write(text: string): unknown },
    private readonly source: ProgressSource,
    private readonly alreadyDone: number,
    private readonly options: ProgressOptions,
  ) {}

  /** Starts the periodic output. */
  start(): void {
    const fromEnv = Number(process.env.MILVUS_WASM_PROGRESS_MS);
    const interval = this.options.tty ? TTY_INTERVAL_MS : Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : (this.options.lineIntervalMs ?? 5_000);
    this.timer = setInterval(() => this.draw(), interval);
    this.timer.unref();
  }

  /** Rows landed in this run so far. */
  setLanded(rows: number): void {
    this.landed = rows;
  }

  /** The source position reached (one past the last source row taken), for the estimate. */
  setTaken(sourceRow: number): void {
    this.taken = Math.max(this.taken, sourceRow);
  }

  /** Stops, clearing the bar from the terminal. */
  stop(): void {
    clearInterval(this.timer);
    if (this.options.tty && this.drawn) this.out.write('\r\x1b[2K');
  }

  /** The progress text as it would be drawn now. */
  line(): string {
    const done = this.alreadyDone + this.landed;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.landed / seconds : 0;
    const total = this.total();
    const parts: string[] = [];
    if (total !== undefined && total.rows > 0) {
      const fraction = Math.min(1, done / total.rows);
      const filled = Math.round(fraction * BAR_WIDTH);
      parts.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`, `${total.exact ? '' : '~'}${(fraction * 100).toFixed(1)}%`);
      parts.push(`${fmt(done)}/${total.exact ? '' : '~'}${fmt(total.rows)} rows`);
    } else {
      parts.push(`${fmt(done)} rows`);
    }
    parts.push(`${fmt(Math.round(rate))} rows/s`);
    if (total !== undefined && rate > 0 && done < total.rows) parts.push(`ETA ${duration((total.rows - done) / rate)}`);
    return parts.join('  ');
  }

  private draw(): void {
    const text = this.line();
    this.drawn = true;
    this.out.write(this.options.tty ? `\r\x1b[2K${text}` : `progress: ${text}\n`);
  }

  private total(): { rows: number; exact: boolean } | undefined {
    if (this.source.totalRows !== undefined) return { rows: this.source.totalRows, exact: true };
    const bytes = this.source.bytesRead();
    if (bytes <= 0 || this.taken <= 0) return undefined;
    if (bytes >= this.source.sizeBytes) return { rows: Math.max(this.taken, this.alreadyDone + this.landed), exact: false };
    return { rows: Math.round((this.taken / bytes) * this.source.sizeBytes), exact: false };
  }
}

/** `1,234,567`. */
export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1:02:03` or `2:03`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
