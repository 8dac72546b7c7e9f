/**
 * JSON text to values like `JSON.parse`, except that integer literals beyond ±(2^53 - 1) become exact
 * bigints, and the members of a top-level object keep their source text. Node 20's `JSON.parse` gives a
 * reviver only the already-rounded number (source-text access arrived in later V8), hence this small
 * recursive-descent parser. It only runs on lines that {@link hasBigIntegerLiteral} flags; every other
 * line goes through the native `JSON.parse`, which is exact for them.
 */

/** One member of a top-level object: its key, its value and the exact source text of the value. */
export interface Member {
  key: string;
  value: unknown;
  text: string;
}

/**
 * True when `text` may hold an integer literal of 16 or more digits (one that `JSON.parse` could round).
 * Digits after a decimal point or in an exponent do not count; digits inside strings do (harmless: the
 * exact parser is then used needlessly).
 */
export function hasBigIntegerLiteral(text: string): boolean {
  return BIG_INTEGER.test(text);
}
const BIG_INTEGER = /(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/;

/** Parses a JSON value; integers beyond the safe range become bigints. Throws `SyntaxError` with the position. */
export function parseJsonExact(text: string): unknown {
  const p = new Parser(text);
  p.ws();
  const value = p.value();
  p.end();
  return value;
}

/** Parses a JSON object and returns its members with their source text. Throws `SyntaxError` if `text` is not one object. */
export function parseObjectMembers(text: string): Member[] {
  const p = new Parser(text);
  p.ws();
  if (text.charCodeAt(p.at) !== LBRACE) throw p.fail('a JSON object');
  const members: Member[] = [];
  p.members((key, start) => {
    const value = p.value();
    members.push({ key, value, text: text.slice(start, p.at).trimEnd() });
  });
  p.end();
  return members;
}

const LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d, QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class Parser {
  at = 0;
  constructor(private readonly text: string) {}

  ws(): void {
    const t = this.text;
    let c = t.charCodeAt(this.at);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = t.charCodeAt(++this.at);
  }

  end(): void {
    this.ws();
    if (this.at < this.text.length) throw this.fail('the end of the JSON text');
  }

  fail(expected: string): SyntaxError {
    const got = this.at < this.text.length ? JSON.stringify(this.text.slice(this.at, this.at + 12)) : 'the end of the text';
    return new SyntaxError(`expected ${expected} at position ${this.at}, got ${got}`);
  }

  value(): unknown {
    const c = this.text.charCodeAt(this.at);
    let v: unknown;
    if (c === LBRACE) v = this.object();
    else if (c === LBRACKET) v = this.array();
    else if (c === QUOTE) v = this.string();
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) v = this.number();
    else if (this.text.startsWith('true', this.at)) { this.at += 4; v = true; }
    else if (this.text.startsWith('false', this.at)) { this.at += 5; v = false; }
    else if (this.text.startsWith('null', this.at)) { this.at += 4; v = null; }
    else throw this.fail('a JSON value');
    this.ws();
    return v;
  }

  /** Walks `{ "k": v, ... }`, calling `onMember` with the cursor on each value. */
  members(onMember: (key: string, valueStart: number) => void): void {
    this.at++;
    this.ws();
    if (this.text.charCodeAt(this.at) === RBRACE) { this.at++; return; }
    for (;;) {
      if (this.text.charCodeAt(this.at) !== QUOTE) throw this.fail('a quoted key');
      const key = this.string();
      this.ws();
      if (this.text.charCodeAt(this.at) !== COLON) throw this.fail('":"');
      this.at++;
      this.ws();
      onMember(key, this.at);
      const c = this.text.charCodeAt(this.at++);
      if (c === RBRACE) return;
      if (c !== COMMA) { this.at--; throw this.fail('"," or "}"'); }
      this.ws();
    }
  }

  private object(): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.members((key) => {
      const value = this.value();
      // As JSON.parse does: an own data property, even for "__proto__".
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    });
    this.ws();
    return obj;
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.at++;
    this.ws();
    if (this.text.charCodeAt(this.at) === RBRACKET) { this.at++; return out; }
    for (;;) {
      out.push(this.value());
      const c = this.text.charCodeAt(this.at++);
      if (c === RBRACKET) return out;
      if (c !== COMMA) { this.at--; throw this.fail('"," or "]"'); }
      this.ws();
    }
  }

  private string(): string {
    const t = this.text;
    const start = this.at;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (Number.isNaN(c)) { this.at = i; throw this.fail('a closing quote'); }
      if (c === QUOTE) break;
      if (c === BACKSLASH) { escaped = true; i += 2; } else i++;
    }
    this.at = i + 1;
    // Escapes (and control-character checks) are left to the native parser.
    return escaped ? (JSON.parse(t.slice(start, i + 1)) as string) : t.slice(start + 1, i);
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (m === null) throw this.fail('a number');
    this.at += m[0].length;
    const n = Number(m[0]);
    if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n)) return BigInt(m[0]);
    return n;
  }
}
