/**
 * Keeps the last lines a child process wrote, for error messages, and hands each complete line to
 * an optional listener (progress output).
 */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  /** @param maxLines how many of the most recent lines to keep. */
  constructor(
    private readonly maxLines = 20,
    private readonly onLine?: (line: string) => void,
  ) {}

  /** Feeds a chunk of output; chunks may split lines anywhere. */
  push(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split(/\r?\n|\r/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  /** The kept lines joined by newlines, including an unterminated last line. */
  text(): string {
    return [...this.lines, this.partial].filter((l) => l.trim() !== '').join('\n');
  }

  private add(line: string): void {
    if (line.trim() === '') return;
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
    this.onLine?.(line);
  }
}
