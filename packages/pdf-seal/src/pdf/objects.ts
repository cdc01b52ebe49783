// The PDF object model: just enough to read the objects an operation touches and to write
// new or changed ones back.

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex = false,
  ) {}
}
/** Bytes written verbatim: placeholders and pre-built content. */
export class PdfRaw {
  constructor(readonly bytes: Uint8Array) {}
}
export class PdfDict {
  readonly map = new Map<string, PdfObject>();
  constructor(entries?: Record<string, PdfObject | undefined>) {
    if (entries) for (const [k, v] of Object.entries(entries)) if (v !== undefined) this.map.set(k, v);
  }
  get(key: string): PdfObject | undefined {
    return this.map.get(key);
  }
  set(key: string, value: PdfObject): this {
    this.map.set(key, value);
    return this;
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  clone(): PdfDict {
    const d = new PdfDict();
    for (const [k, v] of this.map) d.map.set(k, v);
    return d;
  }
}
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** encoded data when known (new streams, streams inside memory buffers) */
    public data: Uint8Array | null,
    /** absolute file offset of the data when read lazily */
    readonly dataOffset = -1,
  ) {}
}

export type PdfObject =
  | null
  | boolean
  | number
  | PdfName
  | PdfString
  | PdfRef
  | PdfRaw
  | PdfObject[]
  | PdfDict
  | PdfStream;

export const name = (n: string) => new PdfName(n);

export function isName(o: PdfObject | undefined, n?: string): o is PdfName {
  return o instanceof PdfName && (n === undefined || o.name === n);
}

export function namesOf(o: PdfObject | undefined): string | undefined {
  return o instanceof PdfName ? o.name : undefined;
}

const latin1 = new TextDecoder('latin1');

/** A PDF text string: PDFDocEncoding is treated as Latin-1; UTF-16BE with BOM otherwise. */
export function textString(s: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(s)) return new PdfString(Buffer.from(s, 'latin1'));
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return new PdfString(Buffer.concat([Buffer.from([0xfe, 0xff]), b]), true);
}

export function decodeText(o: PdfObject | undefined): string | undefined {
  if (!(o instanceof PdfString)) return undefined;
  const b = o.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const c = Buffer.from(b.subarray(2));
    if (c.length % 2) return undefined;
    c.swap16();
    return c.toString('utf16le');
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return Buffer.from(b.subarray(3)).toString('utf8');
  return latin1.decode(b);
}

export function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+00'00'`;
}

export function parsePdfDate(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz, th = '00', tm = '00'] = m;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se);
  if (tz === '+' || tz === '-') t -= (tz === '+' ? 1 : -1) * (+th * 60 + +tm) * 60000;
  return new Date(t);
}

// ---------------------------------------------------------------- serialising

const DELIM = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));

function nameBytes(n: string): string {
  let out = '/';
  for (const ch of Buffer.from(n, 'latin1')) {
    if (ch < 0x21 || ch > 0x7e || ch === 0x23 || DELIM.has(ch)) out += '#' + ch.toString(16).padStart(2, '0');
    else out += String.fromCharCode(ch);
  }
  return out;
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  let s = n.toFixed(4);
  s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function literal(bytes: Uint8Array): string {
  let out = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b < 0x20 || b > 0x7e) out += '\\' + b.toString(8).padStart(3, '0');
    else out += String.fromCharCode(b);
  }
  return out + ')';
}

/** Serialises an object; stream data is appended by the caller through `parts`. */
export function serialize(o: PdfObject, parts: Uint8Array[] = []): Uint8Array[] {
  const push = (s: string) => parts.push(Buffer.from(s, 'latin1'));
  if (o === null) push('null');
  else if (typeof o === 'boolean') push(o ? 'true' : 'false');
  else if (typeof o === 'number') push(formatNumber(o));
  else if (o instanceof PdfName) push(nameBytes(o.name));
  else if (o instanceof PdfRef) push(`${o.num} ${o.gen} R`);
  else if (o instanceof PdfString) push(o.hex ? '<' + Buffer.from(o.bytes).toString('hex') + '>' : literal(o.bytes));
  else if (o instanceof PdfRaw) parts.push(o.bytes);
  else if (Array.isArray(o)) {
    push('[');
    o.forEach((v, i) => {
      if (i) push(' ');
      serialize(v, parts);
    });
    push(']');
  } else if (o instanceof PdfDict) {
    push('<<');
    for (const [k, v] of o.map) {
      push(nameBytes(k) + ' ');
      serialize(v, parts);
      push('\n');
    }
    push('>>');
  } else if (o instanceof PdfStream) {
    if (!o.data) throw new Error('stream data not loaded');
    const d = o.dict.clone();
    d.set('Length', o.data.length);
    serialize(d, parts);
    push('\nstream\n');
    parts.push(o.data);
    push('\nendstream');
  }
  return parts;
}
