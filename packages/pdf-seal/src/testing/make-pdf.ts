// Small generated PDFs for tests: pages of given sizes and rotations, in either xref style.
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

export interface PageSpec {
  width?: number;
  height?: number;
  rotate?: number;
  cropBox?: [number, number, number, number];
}

export function makePdf(pages: PageSpec[] = [{}], opts: { xrefStream?: boolean } = {}): Uint8Array {
  const objs: string[] = [];
  const n = pages.length;
  // 1 catalog, 2 pages, 3 font, then page i: 4+2i, content 5+2i
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[2] = `<< /Type /Pages /Count ${n} /Kids [${pages.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] >>`;
  objs[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pages.forEach((p, i) => {
    const w = p.width ?? 595;
    const h = p.height ?? 842;
    const text = `BT /F1 24 Tf 72 ${h - 100} Td (Page ${i + 1}) Tj ET`;
    objs[4 + 2 * i] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}]` +
      (p.cropBox ? ` /CropBox [${p.cropBox.join(' ')}]` : '') +
      (p.rotate ? ` /Rotate ${p.rotate}` : '') +
      ` /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`;
    objs[5 + 2 * i] = `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
  });
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let i = 1; i < objs.length; i++) {
    offsets[i] = Buffer.byteLength(out, 'latin1');
    out += `${i} 0 obj\n${objs[i]}\nendobj\n`;
  }
  const size = objs.length;
  const xrefAt = Buffer.byteLength(out, 'latin1');
  if (opts.xrefStream) {
    const rows: number[] = [0, 0, 0, 0, 0xff, 0xff];
    for (let i = 1; i <= size; i++) {
      const off = i === size ? xrefAt : offsets[i];
      rows.push(1, (off >> 24) & 0xff, (off >> 16) & 0xff, (off >> 8) & 0xff, off & 0xff, 0);
    }
    // W [1 4 1]; row 0 is the free head
    const data = deflateSync(Buffer.from(rows.slice(0, 0).concat([0, 0, 0, 0, 0, 0xff], rows.slice(6))));
    const dict = `<< /Type /XRef /Size ${size + 1} /W [1 4 1] /Root 1 0 R /Filter /FlateDecode /Length ${data.length} >>`;
    return Buffer.concat([
      Buffer.from(out + `${size} 0 obj\n${dict}\nstream\n`, 'latin1'),
      data,
      Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'),
    ]);
  }
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let i = 1; i < size; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A red round seal with a transparent background, like a company seal image (with a bar above the centre). */
export function makeSealPng(size = 200): Uint8Array {
  const png = new PNG({ width: size, height: size });
  const c = size / 2;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c + 0.5, y - c + 0.5);
      const ring = d < c - 2 && d > c - 14;
      const star = Math.abs(x - c) + Math.abs(y - c) < size / 8;
      // a bar above the centre only, so that tests can tell upright from upside down
      const bar = Math.abs(x - c) < size / 10 && y > size * 0.22 && y < size * 0.3;
      const i = (y * size + x) * 4;
      png.data[i] = 220;
      png.data[i + 1] = 20;
      png.data[i + 2] = 30;
      png.data[i + 3] = ring || star || bar ? 255 : 0;
    }
  return PNG.sync.write(png);
}
