// Builds test PDFs by hand (no PDF library shares code with the one under test): pages with
// given boxes and rotation, a label and a grid of marks on each, and optionally a big
// incompressible image per page (for file-size benchmarks). Written straight to disk, one
// object at a time, so a 100 MB file never sits in memory.
import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

export interface PageSpec {
  /** MediaBox [llx lly urx ury]; default A4 portrait */
  mediaBox?: [number, number, number, number];
  cropBox?: [number, number, number, number];
  rotate?: 0 | 90 | 180 | 270;
  /** extra content stream operators (drawn in default user space) */
  content?: string;
  /** an RGB image of this many random bytes (rounded to whole rows), drawn small in a corner */
  imageBytes?: number;
}

export interface PdfSpec {
  pages: PageSpec[];
  /** PDF header version; default 1.7 */
  version?: string;
}

const A4: [number, number, number, number] = [0, 0, 595, 842];

export function writePdf(path: string, spec: PdfSpec): void {
  const fd = openSync(path, 'w');
  let pos = 0;
  const offsets: number[] = [];
  const put = (data: string | Uint8Array) => {
    const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(fd, buf);
    pos += buf.length;
  };
  const obj = (num: number, body: string, stream?: Uint8Array) => {
    offsets[num] = pos;
    put(`${num} 0 obj\n${body}\n`);
    if (stream) {
      put('stream\n');
      put(stream);
      put('\nendstream\n');
    }
    put('endobj\n');
  };
  try {
    put(`%PDF-${spec.version ?? '1.7'}\n%\xe2\xe3\xcf\xd3\n`);
    // 1 catalog, 2 pages, 3 font, then per page: page, content, [image]
    const n = spec.pages.length;
    const pageNums: number[] = [];
    let next = 4;
    const layout = spec.pages.map((p) => {
      const page = next++;
      const content = next++;
      const image = p.imageBytes ? next++ : 0;
      pageNums.push(page);
      return { page, content, image };
    });
    obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
    obj(2, `<< /Type /Pages /Count ${n} /Kids [${pageNums.map((p) => `${p} 0 R`).join(' ')}] >>`);
    obj(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
    const chunk = Buffer.alloc(1 << 20);
    spec.pages.forEach((p, i) => {
      const { page, content, image } = layout[i];
      const mb = p.mediaBox ?? A4;
      const extra = [
        p.cropBox ? `/CropBox [${p.cropBox.join(' ')}]` : '',
        p.rotate ? `/Rotate ${p.rotate}` : '',
      ].join(' ');
      const xobj = image ? `/XObject << /Im0 ${image} 0 R >>` : '';
      obj(page, `<< /Type /Page /Parent 2 0 R /MediaBox [${mb.join(' ')}] ${extra} /Resources << /Font << /F1 3 0 R >> ${xobj} >> /Contents ${content} 0 R >>`);
      const ops =
        `BT /F1 12 Tf ${mb[0] + 40} ${mb[1] + 40} Td (Page ${i + 1} of ${n}) Tj ET\n` +
        (image ? `q 100 0 0 100 ${mb[0] + 40} ${mb[1] + 60} cm /Im0 Do Q\n` : '') +
        (p.content ?? '');
      obj(content, `<< /Length ${Buffer.byteLength(ops, 'latin1')} >>`, Buffer.from(ops, 'latin1'));
      if (image) {
        const side = Math.max(1, Math.floor(Math.sqrt((p.imageBytes ?? 0) / 3)));
        const length = side * side * 3;
        offsets[image] = pos;
        put(`${image} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${length} >>\nstream\n`);
        for (let left = length; left > 0; left -= chunk.length) {
          const part = chunk.subarray(0, Math.min(chunk.length, left));
          randomFillSync(part);
          put(part);
        }
        put('\nendstream\nendobj\n');
      }
    });
    const xref = pos;
    const size = next;
    let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let k = 1; k < size; k++) table += `${String(offsets[k]).padStart(10, '0')} 00000 n \n`;
    put(table);
    put(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  } finally {
    closeSync(fd);
  }
}
