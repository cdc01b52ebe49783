import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { PdfDict, PdfStream, name, formatNumber, type PdfRef } from '../pdf/objects.ts';
import type { PageRecord } from '../pdf/reader.ts';
import type { Placement, SealImage } from '../types.ts';
import { imageFromPng } from './image.ts';
import { FontSubset } from './font.ts';
import { PdfSealError } from '../errors.ts';

export interface WidgetSpec {
  pageIndex: number;
  rect: [number, number, number, number];
  appearance: PdfRef;
}

const MM = 72 / 25.4;
const f = formatNumber;

/** The displayed page: its size and the map from displayed coordinates to user space. */
export function displayGeometry(page: PageRecord) {
  const [cx0, cy0, cx1, cy1] = page.cropBox;
  const w = cx1 - cx0;
  const h = cy1 - cy0;
  const rot = page.rotate;
  const width = rot % 180 === 0 ? w : h;
  const height = rot % 180 === 0 ? h : w;
  const toUser = (X: number, Y: number): [number, number] => {
    switch (rot) {
      case 90:
        return [cx0 + Y, cy0 + X];
      case 180:
        return [cx1 - X, cy0 + Y];
      case 270:
        return [cx1 - Y, cy1 - X];
      default:
        return [cx0 + X, cy1 - Y];
    }
  };
  /** the annotation rectangle for a displayed box */
  const rect = (X: number, Y: number, bw: number, bh: number): [number, number, number, number] => {
    const a = toUser(X, Y);
    const b = toUser(X + bw, Y + bh);
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  };
  // Annotations turn with the page; drawing the appearance turned the other way keeps it upright.
  const matrix: number[] = rot === 90 ? [0, 1, -1, 0, 0, 0] : rot === 180 ? [-1, 0, 0, -1, 0, 0] : rot === 270 ? [0, -1, 1, 0, 0, 0] : [1, 0, 0, 1, 0, 0];
  return { width, height, rotation: rot, rect, matrix };
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  // IHDR sits at a fixed place in every PNG
  const b = Buffer.from(png);
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') {
    try {
      const p = PNG.sync.read(b);
      return { width: p.width, height: p.height };
    } catch (e) {
      throw new PdfSealError('SIGNING_FAILED', '印章图片不是有效的 PNG 文件', { cause: e });
    }
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

export function sealSize(img: SealImage): { w: number; h: number } {
  const { width, height } = pngSize(img.png);
  const w = (img.widthMm ?? 42) * MM;
  const h = img.heightMm !== undefined ? img.heightMm * MM : (w * height) / width;
  return { w, h };
}

/**
 * Builds the appearance streams and shared resources for one sealing operation. Every widget
 * gets a Form XObject whose BBox is the box as displayed and whose Matrix counter-rotates it.
 */
export function buildWidgets(pages: PageRecord[], placements: Placement[], add: (o: PdfDict | PdfStream) => PdfRef): WidgetSpec[] {
  const out: WidgetSpec[] = [];
  const images = new Map<Uint8Array, PdfRef>();
  const imageRef = (img: SealImage): PdfRef => {
    let r = images.get(img.png);
    if (!r) {
      const d = imageFromPng(img.png);
      if (d.smask) d.image.dict.set('SMask', add(d.smask));
      r = add(d.image);
      images.set(img.png, r);
    }
    return r;
  };
  const pageAt = (n: number): PageRecord => {
    const p = pages[n - 1];
    if (!Number.isInteger(n) || !p) throw new PdfSealError('SIGNING_FAILED', `第 ${n} 页不存在（共 ${pages.length} 页）`);
    return p;
  };
  const form = (bbox: [number, number], matrix: number[], content: string, resources: PdfDict): PdfRef =>
    add(
      new PdfStream(
        new PdfDict({
          Type: name('XObject'),
          Subtype: name('Form'),
          BBox: [0, 0, bbox[0], bbox[1]],
          Matrix: matrix,
          Resources: resources,
          Filter: name('FlateDecode'),
        }),
        deflateSync(Buffer.from(content, 'latin1')),
      ),
    );
  let font: FontSubset | undefined;
  let fontRef: PdfRef | undefined;
  const texts: { spec: Extract<Placement, { kind: 'text' }>; lines: { codes: number[]; width: number }[] }[] = [];
  for (const pl of placements) {
    if (pl.kind === 'text') {
      font ??= new FontSubset();
      const shaper = font;
      texts.push({ spec: pl, lines: pl.text.split(/\r?\n/).map((line) => shaper.shape(line)) });
    }
  }
  if (font) fontRef = font.embed(add);

  for (const pl of placements) {
    if (pl.kind === 'seal') {
      const { w, h } = sealSize(pl.image);
      const im = imageRef(pl.image);
      for (const n of pl.pages) {
        const page = pageAt(n);
        const g = displayGeometry(page);
        const ap = form([w, h], g.matrix, `q ${f(w)} 0 0 ${f(h)} 0 0 cm /Im0 Do Q\n`, new PdfDict({ XObject: new PdfDict({ Im0: im }) }));
        out.push({ pageIndex: n - 1, rect: g.rect(pl.x - w / 2, pl.y - h / 2, w, h), appearance: ap });
      }
    } else if (pl.kind === 'cross-page') {
      const { w, h } = sealSize(pl.image);
      const im = imageRef(pl.image);
      const count = pl.pages.length;
      if (count < 1) throw new PdfSealError('SIGNING_FAILED', '骑缝章至少需要一页');
      const sw = w / count;
      pl.pages.forEach((n, i) => {
        const page = pageAt(n);
        const g = displayGeometry(page);
        const content = `q ${f(w)} 0 0 ${f(h)} ${f(-i * sw)} 0 cm /Im0 Do Q\n`;
        const ap = form([sw, h], g.matrix, content, new PdfDict({ XObject: new PdfDict({ Im0: im }) }));
        out.push({ pageIndex: n - 1, rect: g.rect(g.width - sw, pl.y - h / 2, sw, h), appearance: ap });
      });
    }
  }
  for (const t of texts) {
    const page = pageAt(t.spec.page);
    const g = displayGeometry(page);
    const size = t.spec.fontSize ?? 12;
    const [r, gr, b] = t.spec.color ?? [0, 0, 0];
    const lineHeight = (font!.ascent - font!.descent) * size;
    const w = Math.max(...t.lines.map((l) => l.width)) * size;
    const h = lineHeight * t.lines.length;
    // lines top to bottom; each baseline sits a descent above its line box's bottom
    const shows = t.lines
      .map((l, i) => {
        const hex = l.codes.map((c) => c.toString(16).padStart(4, '0')).join('');
        const y = h - (i + 1) * lineHeight - font!.descent * size;
        return `1 0 0 1 0 ${f(y)} Tm <${hex}> Tj`;
      })
      .join(' ');
    const content = `BT /F0 ${f(size)} Tf ${f(r)} ${f(gr)} ${f(b)} rg ${shows} ET\n`;
    const ap = form([w, h], g.matrix, content, new PdfDict({ Font: new PdfDict({ F0: fontRef! }) }));
    out.push({ pageIndex: t.spec.page - 1, rect: g.rect(t.spec.x, t.spec.y, w, h), appearance: ap });
  }

  return out;
}
