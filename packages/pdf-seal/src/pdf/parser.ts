import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from './objects.ts';

/** Thrown when parsing ran off the end of a window; the reader retries with a larger one. */
export class EndOfWindow extends Error {}
/** Nesting beyond any real file's: give up on the object rather than recover inside it. */
class TooDeep extends Error {}

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export const isWhite = (c: number) => WS[c] === 1;

/** Latin-1 text of a byte range; tokens are short, so this avoids a Buffer per token. */
function text(b: Uint8Array, start: number, end: number): string {
  if (end - start <= 64) return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');
}
const isRegular = (c: number) => !WS[c] && !DELIM[c];

/**
 * A parser over one window of bytes. `base` is the absolute file offset of buf[0], so that
 * stream data can be located in the file without being read.
 */
export class Parser {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    readonly base = 0,
    start = 0,
    /** true when buf ends where the file ends (running out is then an error, not a retry) */
    readonly atEof = true,
  ) {
    this.pos = start;
  }

  private eof(): never {
    if (this.atEof) throw new Error('unexpected end of file');
    throw new EndOfWindow();
  }

  skipWs(): void {
    const b = this.buf;
    for (;;) {
      while (this.pos < b.length && WS[b[this.pos]]) this.pos++;
      if (this.pos < b.length && b[this.pos] === 0x25 /* % */) {
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
        continue;
      }
      break;
    }
  }

  peekByte(): number {
    this.skipWs();
    if (this.pos >= this.buf.length) this.eof();
    return this.buf[this.pos];
  }

  /** Reads a run of regular characters (a keyword or number) without consuming on mismatch. */
  token(): string {
    this.skipWs();
    const b = this.buf;
    const s = this.pos;
    while (this.pos < b.length && isRegular(b[this.pos])) this.pos++;
    if (this.pos >= b.length && !this.atEof) this.eof();
    return text(b, s, this.pos);
  }

  expectKeyword(k: string): void {
    const save = this.pos;
    const t = this.token();
    if (t !== k) {
      this.pos = save;
      throw new Error(`expected ${k}, found ${JSON.stringify(t.slice(0, 20))}`);
    }
  }

  tryKeyword(k: string): boolean {
    const save = this.pos;
    try {
      if (this.token() === k) return true;
    } catch (e) {
      if (e instanceof EndOfWindow) throw e;
    }
    this.pos = save;
    return false;
  }

  /** Parses "N G obj" header; returns [num, gen]. */
  objHeader(): [number, number] {
    const n = this.token();
    const g = this.token();
    const k = this.token();
    if (!/^\d+$/.test(n) || !/^\d+$/.test(g) || k !== 'obj') throw new Error('not an object header');
    return [+n, +g];
  }

  private depth = 0;

  parseObject(): PdfObject {
    // real files nest a few levels; fuzzed ones nest thousands and would exhaust the stack
    if (this.depth > 128) throw new TooDeep('objects nested too deeply');
    this.depth++;
    try {
      return this.parseObjectInner();
    } finally {
      this.depth--;
    }
  }

  private parseObjectInner(): PdfObject {
    const c = this.peekByte();
    const b = this.buf;
    if (c === 0x2f /* / */) return this.parseName();
    if (c === 0x28 /* ( */) return this.parseLiteral();
    if (c === 0x3c /* < */) {
      if (this.pos + 1 >= b.length) this.eof();
      if (b[this.pos + 1] === 0x3c) return this.parseDictOrStream();
      return this.parseHex();
    }
    if (c === 0x5b /* [ */) {
      this.pos++;
      const arr: PdfObject[] = [];
      for (;;) {
        const d = this.peekByte();
        if (d === 0x5d) {
          this.pos++;
          return arr;
        }
        arr.push(this.parseObject());
      }
    }
    if (c === 0x5d || c === 0x3e || c === 0x29 || c === 0x7b || c === 0x7d) {
      this.pos++;
      throw new Error(`unexpected ${String.fromCharCode(c)}`);
    }
    const t = this.token();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) || /^[+-]?\d*\.\d*$/.test(t)) {
      // an integer may start "N G R"
      if (/^\d+$/.test(t)) {
        const save = this.pos;
        try {
          const g = this.token();
          if (/^\d+$/.test(g)) {
            const r = this.token();
            if (r === 'R') return new PdfRef(+t, +g);
          }
        } catch (e) {
          if (e instanceof EndOfWindow) throw e;
        }
        this.pos = save;
      }
      const v = parseFloat(t);
      return Number.isFinite(v) ? v : 0;
    }
    if (t === '') {
      this.pos++;
      throw new Error('unexpected byte ' + c);
    }
    throw new Error(`unexpected token ${JSON.stringify(t.slice(0, 20))}`);
  }

  private parseName(): PdfName {
    const b = this.buf;
    this.pos++;
    const s = this.pos;
    while (this.pos < b.length && isRegular(b[this.pos])) this.pos++;
    if (this.pos >= b.length && !this.atEof) this.eof();
    let raw = text(b, s, this.pos);
    if (raw.includes('#')) raw = raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return new PdfName(raw);
  }

  private parseLiteral(): PdfString {
    const b = this.buf;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      if (this.pos >= b.length) this.eof();
      const c = b[this.pos++];
      if (c === 0x5c) {
        if (this.pos >= b.length) this.eof();
        const e = b[this.pos++];
        const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (map[e] !== undefined) out.push(map[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let i = 0; i < 2 && b[this.pos] >= 0x30 && b[this.pos] <= 0x37; i++) v = v * 8 + (b[this.pos++] - 0x30);
          out.push(v & 0xff);
        } else if (e === 13) {
          if (b[this.pos] === 10) this.pos++;
        } else if (e !== 10) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else out.push(c);
    }
    return new PdfString(Uint8Array.from(out));
  }

  private parseHex(): PdfString {
    const b = this.buf;
    this.pos++;
    let hex = '';
    for (;;) {
      if (this.pos >= b.length) this.eof();
      const c = b[this.pos++];
      if (c === 0x3e) break;
      if (!WS[c]) hex += String.fromCharCode(c);
    }
    if (hex.length % 2) hex += '0';
    return new PdfString(Uint8Array.from(Buffer.from(hex, 'hex')), true);
  }

  private parseDictOrStream(): PdfDict | PdfStream {
    this.pos += 2;
    const d = new PdfDict();
    for (;;) {
      const c = this.peekByte();
      if (c === 0x3e) {
        if (this.pos + 1 >= this.buf.length) this.eof();
        this.pos += 2;
        break;
      }
      if (c === 0x3e || c === 0x29 || c === 0x5d || c === 0x7b || c === 0x7d) {
        // a stray delimiter where a key belongs: skip it cheaply (damaged files repeat them)
        this.pos++;
        continue;
      }
      const before = this.pos;
      let key: PdfObject;
      try {
        key = this.parseObject();
      } catch (e) {
        // junk where a key belongs (e.g. a stray "0 R"): skip it as qpdf does
        if (e instanceof EndOfWindow || e instanceof TooDeep || this.pos === before) throw e;
        continue;
      }
      if (!(key instanceof PdfName)) continue;
      const save = this.pos;
      const nc = this.peekByte();
      if (nc === 0x3e && this.buf[this.pos + 1] === 0x3e) {
        d.set(key.name, null);
        continue;
      }
      this.pos = save;
      d.set(key.name, this.parseObject());
    }
    // stream?
    const save = this.pos;
    this.skipWs();
    if (this.pos + 6 > this.buf.length && !this.atEof) this.eof();
    if (text(this.buf, this.pos, Math.min(this.pos + 6, this.buf.length)) === 'stream') {
      this.pos += 6;
      if (this.buf[this.pos] === 13) this.pos++;
      if (this.buf[this.pos] === 10) this.pos++;
      return new PdfStream(d, null, this.base + this.pos);
    }
    this.pos = save;
    return d;
  }
}
