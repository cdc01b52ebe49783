// The type of an upload, decided by its bytes (magic numbers), never by its name alone.
// The name only tells apart formats that share one container: OLE2 holds .doc, .xls, .wps
// and password-protected .docx/.xlsx alike.
import type { FileKind } from '@hall/shared/schemas/drive';

export interface DetectedType {
  kind: FileKind;
  mimeType: string;
}

/** Reads bytes [start, end] (inclusive) of the stored file. */
export type ReadRange = (start: number, end: number) => Promise<Buffer>;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP_CENTRAL = 0x02014b50;
const MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;

const MIME = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  wps: 'application/vnd.ms-works',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Returns the type, or null when the bytes are none of the allowed kinds. */
export async function detectFileType(name: string, size: number, head: Buffer, readRange: ReadRange): Promise<DetectedType | null> {
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (head.subarray(0, 1024).includes('%PDF-')) return { kind: 'pdf', mimeType: MIME.pdf };
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: 'image', mimeType: MIME.jpeg };
  if (head.subarray(0, 8).equals(PNG)) return { kind: 'image', mimeType: MIME.png };
  const ext = extensionOf(name);
  if (head.subarray(0, 8).equals(OLE2)) {
    if (ext === 'wps') return { kind: 'word', mimeType: MIME.wps };
    if (['doc', 'dot', 'docx', 'dotx'].includes(ext)) return { kind: 'word', mimeType: MIME.doc };
    if (['xls', 'xlt', 'et', 'xlsx'].includes(ext)) return { kind: 'excel', mimeType: MIME.xls };
    return null;
  }
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL) {
    const names = await zipEntryNames(size, readRange);
    if (!names) return null;
    if (names.some((n) => n.toLowerCase() === 'ofd.xml')) return { kind: 'ofd', mimeType: MIME.ofd };
    if (names.includes('[Content_Types].xml')) {
      if (names.some((n) => n.startsWith('word/'))) return { kind: 'word', mimeType: MIME.docx };
      if (names.some((n) => n.startsWith('xl/'))) return { kind: 'excel', mimeType: MIME.xlsx };
    }
  }
  return null;
}

/** Names in a ZIP's central directory (ZIP64 included), or null when it is not a readable ZIP. */
export async function zipEntryNames(size: number, readRange: ReadRange): Promise<string[] | null> {
  const tailLength = Math.min(size, 22 + 0xffff + 20);
  if (tailLength < 22) return null;
  const tailStart = size - tailLength;
  const tail = await readRange(tailStart, size - 1);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === ZIP_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
    const recordOffset = Number(tail.readBigUInt64LE(locator + 8));
    const record = await readRange(recordOffset, Math.min(recordOffset + 55, size - 1));
    if (record.length < 56) return null;
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdSize === 0 || cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) return null;
  const cd = await readRange(cdOffset, cdOffset + cdSize - 1);
  const names: string[] = [];
  let p = 0;
  while (p + 46 <= cd.length && names.length < count && cd.readUInt32LE(p) === ZIP_CENTRAL) {
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    names.push(cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
