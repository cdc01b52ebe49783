// Files a user would upload, made on the fly: a real Word document (the `docx` package), a
// one-page PDF and a PNG, so tests depend on no binary fixtures.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';

export async function makeDocx(dir: string, name: string, lines: string[]): Promise<string> {
  const doc = new Document({
    sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'Noto Sans CJK SC', size: 28 })] })) }],
  });
  const path = join(dir, name);
  await writeFile(path, await Packer.toBuffer(doc));
  return path;
}

/** A valid one-page A4 PDF with a line of Latin text (byte offsets in the xref are exact). */
export function pdfBytes(text: string): Buffer {
  const content = `BT /F1 24 Tf 72 760 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export async function makePdf(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, pdfBytes(text));
  return path;
}

// An 8×8 blue PNG.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIAQMAAAD+wSzIAAAAA1BMVEUVZcA+eQETAAAAC0lEQVQI12NgQAUAABAAAaHFIcEAAAAASUVORK5CYII=';

export async function makePng(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, Buffer.from(PNG_BASE64, 'base64'));
  return path;
}
