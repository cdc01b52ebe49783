// A small DER writer and TLV reader. CMS pieces are assembled from exact bytes (certificates,
// signed attributes, timestamp tokens are embedded verbatim), which is simpler to keep right
// than round-tripping them through an object model.

export function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content);
  return concat([Uint8Array.of(tag), lengthBytes(body.length), body]);
}

export const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
export const set = (...c: Uint8Array[]) => tlv(0x31, ...c);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const nullValue = () => Uint8Array.of(0x05, 0x00);
export const bool = (v: boolean) => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);
/** Context-specific constructed tag [n]. */
export const ctx = (n: number, ...c: Uint8Array[]) => tlv(0xa0 | n, ...c);

export function int(v: number | bigint | Uint8Array): Uint8Array {
  if (v instanceof Uint8Array) {
    let b = v;
    while (b.length > 1 && b[0] === 0 && (b[1] & 0x80) === 0) b = b.subarray(1);
    if (b[0] & 0x80) b = concat([Uint8Array.of(0), b]);
    return tlv(0x02, b);
  }
  let big = BigInt(v);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(big & 0xffn));
    big >>= 8n;
  } while (big > 0n);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map((p) => BigInt(p));
  const out: number[] = [Number(parts[0] * 40n + parts[1])];
  for (const p of parts.slice(2)) {
    const stack: number[] = [];
    let v = p;
    do {
      stack.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < stack.length - 1; i++) stack[i] |= 0x80;
    out.push(...stack);
  }
  return tlv(0x06, Uint8Array.from(out));
}

export interface Tlv {
  tag: number;
  /** offset of the tag byte within the buffer given to readTlv */
  start: number;
  /** offset of the first content byte */
  contentStart: number;
  /** offset just past the element */
  end: number;
  /** the element's full encoding */
  raw: Uint8Array;
  content: Uint8Array;
}

/** Reads one DER element (definite lengths only; BER input goes through pkijs instead). */
export function readTlv(buf: Uint8Array, pos = 0): Tlv {
  const start = pos;
  const tag = buf[pos++];
  if (tag === undefined) throw new Error('DER: unexpected end');
  let len = buf[pos++];
  if (len === 0x80) throw new Error('DER: indefinite length');
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++];
  }
  const end = pos + len;
  if (end > buf.length) throw new Error('DER: length beyond end');
  return { tag, start, contentStart: pos, end, raw: buf.subarray(start, end), content: buf.subarray(pos, end) };
}

export function children(el: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = 0;
  while (p < el.content.length) {
    const c = readTlv(el.content, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

export interface CertParts {
  tbs: Tlv;
  serial: Tlv;
  issuer: Tlv;
  subject: Tlv;
  spki: Tlv;
}

/** The parts of an X.509 certificate CMS needs, as exact encodings. */
export function certParts(der: Uint8Array): CertParts {
  const cert = readTlv(der);
  const tbs = children(cert)[0];
  const f = children(tbs);
  const i = f[0].tag === 0xa0 ? 1 : 0;
  return { tbs, serial: f[i], issuer: f[i + 2], subject: f[i + 4], spki: f[i + 5] };
}
