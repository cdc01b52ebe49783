import { describe, expect, it } from 'vitest';
import { detectFileType, zipEntryNames } from './detect-file-type.ts';
import { contentDisposition } from './content-disposition.ts';
import { zip } from '../../test/support/files.ts';

function zipOf(names: string[], comment = ''): Buffer {
  const z = zip(Object.fromEntries(names.map((n) => [n, ''])));
  const c = Buffer.from(comment);
  z.writeUInt16LE(c.length, z.length - 2); // the EOCD's comment length
  return Buffer.concat([z, c]);
}

const detect = (name: string, bytes: Buffer) =>
  detectFileType(name, bytes.length, bytes.subarray(0, 4096), async (s, e) => bytes.subarray(s, e + 1));

describe('detectFileType', () => {
  it('reads ZIP entry names past a trailing comment', async () => {
    const z = zipOf(['[Content_Types].xml', 'word/document.xml'], 'a comment');
    expect(await zipEntryNames(z.length, async (s, e) => z.subarray(s, e + 1))).toEqual(['[Content_Types].xml', 'word/document.xml']);
  });

  it('tells docx, xlsx and OFD apart by their entries, whatever the name', async () => {
    expect(await detect('x.zip', zipOf(['[Content_Types].xml', 'word/document.xml']))).toMatchObject({ kind: 'word' });
    expect(await detect('x.docx', zipOf(['[Content_Types].xml', 'xl/workbook.xml']))).toMatchObject({ kind: 'excel' });
    expect(await detect('x', zipOf(['OFD.xml']))).toMatchObject({ kind: 'ofd' });
    expect(await detect('x.docx', zipOf(['word/document.xml']))).toBeNull();
  });

  it('accepts a PDF header after leading junk, as readers do', async () => {
    expect(await detect('a.pdf', Buffer.concat([Buffer.alloc(100, 0x20), Buffer.from('%PDF-1.7')]))).toMatchObject({ kind: 'pdf' });
  });

  it('refuses a truncated ZIP', async () => {
    expect(await detect('a.docx', zipOf(['[Content_Types].xml', 'word/x']).subarray(0, 40))).toBeNull();
  });
});

describe('contentDisposition', () => {
  it('keeps the exact name in filename* and an ASCII fallback', () => {
    expect(contentDisposition('attachment', "申请表 (1)'.pdf")).toBe(
      `attachment; filename="___ (1)'.pdf"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8%20%281%29%27.pdf`,
    );
  });
});
