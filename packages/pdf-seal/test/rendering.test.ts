// Seals must appear where the user put them on the page AS DISPLAYED (CropBox and /Rotate
// applied), upright and the right size; cross-page strips must put the seal back together.
// poppler renders at 72 dpi, so one pixel is one point.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { info, sign } from '@hall/pdf-seal';
import { pdftotextWords, render, type Rendered } from './support/external.ts';
import { writePdf, type PageSpec } from './support/make-pdf.ts';
import { redRoundSealPng, sealMask } from './support/seal-image.ts';
import { useSigners } from './support/fixture.ts';

const MM = 72 / 25.4;
const SEAL_MM = 42;
const SEAL_PT = SEAL_MM * MM; // ≈ 119 pt
const sealPng = redRoundSealPng();

const fx = useSigners('render');

/** Red pixels of a rendering inside [x0,x1)×[y0,y1), sampled to a w×h grid. */
function redMask(img: Rendered, x0: number, y0: number, x1: number, y1: number, w: number, h: number): boolean[][] {
  const rows: boolean[][] = [];
  for (let j = 0; j < h; j++) {
    const row: boolean[] = [];
    for (let i = 0; i < w; i++) row.push(img.isRed(x0 + ((i + 0.5) * (x1 - x0)) / w, y0 + ((j + 0.5) * (y1 - y0)) / h));
    rows.push(row);
  }
  return rows;
}

/** Intersection over union of the red cells of two masks. */
function iou(a: boolean[][], b: boolean[][]): number {
  let inter = 0;
  let union = 0;
  for (let j = 0; j < a.length; j++) {
    for (let i = 0; i < a[j].length; i++) {
      if (a[j][i] && b[j][i]) inter++;
      if (a[j][i] || b[j][i]) union++;
    }
  }
  return union === 0 ? 0 : inter / union;
}

function redBoundingBox(img: Rendered): { x0: number; y0: number; x1: number; y1: number; count: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let count = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.isRed(x, y)) {
        count++;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
    }
  }
  return { x0, y0, x1, y1, count };
}

const pageCases: { name: string; page: PageSpec; displayed: [number, number] }[] = [
  { name: 'upright A4', page: {}, displayed: [595, 842] },
  { name: '/Rotate 90', page: { rotate: 90 }, displayed: [842, 595] },
  { name: '/Rotate 180', page: { rotate: 180 }, displayed: [595, 842] },
  { name: '/Rotate 270', page: { rotate: 270 }, displayed: [842, 595] },
  { name: 'CropBox', page: { cropBox: [50, 100, 450, 700] }, displayed: [400, 600] },
  { name: 'CropBox and /Rotate 90', page: { cropBox: [50, 100, 450, 700], rotate: 90 }, displayed: [600, 400] },
  { name: 'MediaBox not at origin, /Rotate 270', page: { mediaBox: [-100, 200, 500, 1000], rotate: 270 }, displayed: [800, 600] },
];

/**
 * Seals `file` on page 1 off-centre (so that a wrong rotation or origin moves the seal
 * visibly) and checks the new red pixels: centred at the spot, the seal's size, upright.
 */
async function expectSealShownAtSpot(file: string, out: string, displayed: [number, number]) {
  const pdfInfo = await info(file);
  expect([pdfInfo.pages.sizes[0].width, pdfInfo.pages.sizes[0].height].map(Math.round)).toEqual(displayed);
  const x = Math.round(displayed[0] * 0.3);
  const y = Math.round(displayed[1] * 0.35);
  await sign(file, fx.signers.rsaP12, { placements: [{ kind: 'seal', pages: [1], x, y, image: { png: sealPng } }] }, out);

  const before = await render(file, 1, 72);
  const img = await render(out, 1, 72);
  expect([img.width, img.height]).toEqual(displayed);
  // only what the seal added counts: a page may have red content of its own
  const added: Rendered = { ...img, isRed: (px, py) => img.isRed(px, py) && !before.isRed(px, py) };
  expect(added.isRed(x, y)).toBe(true); // the triangle covers the centre
  const box = redBoundingBox(added);
  expect(Math.abs((box.x0 + box.x1) / 2 - x)).toBeLessThanOrEqual(3);
  expect(Math.abs((box.y0 + box.y1) / 2 - y)).toBeLessThanOrEqual(3);
  expect(Math.abs(box.x1 - box.x0 - SEAL_PT)).toBeLessThanOrEqual(4);
  expect(Math.abs(box.y1 - box.y0 - SEAL_PT)).toBeLessThanOrEqual(4);
  // upright: the rendered mask matches the image, not a turned or mirrored copy of it
  const grid = 48;
  const rendered = redMask(added, x - SEAL_PT / 2, y - SEAL_PT / 2, x + SEAL_PT / 2, y + SEAL_PT / 2, grid, grid);
  expect(iou(rendered, sealMask(sealPng, grid, grid))).toBeGreaterThan(0.8);
}

describe('a seal shows where it was placed on the displayed page', () => {
  for (const c of pageCases) {
    test(c.name, async () => {
      const file = join(fx.work, `page-${c.name.replace(/\W+/g, '-')}.pdf`);
      writePdf(file, { pages: [c.page] });
      await expectSealShownAtSpot(file, join(fx.work, `sealed-${c.name.replace(/\W+/g, '-')}.pdf`), c.displayed);
    });
  }

  // real files from the corpus: /Rotate inherited from the page tree, 180 and 270
  for (const [name, displayed] of [
    ['inherited-rotate.pdf', [792, 612]],
    ['minimal-rotated.pdf', [612, 792]],
    ['to-rotate.pdf', [792, 612]],
  ] as const) {
    test(`corpus/qpdf/${name}`, async () => {
      await expectSealShownAtSpot(join('/work/shared/corpus/qpdf', name), join(fx.work, `sealed-${name}`), [...displayed]);
    });
  }
});

describe('cross-page seal', () => {
  for (const pageSpec of [{}, { rotate: 90 as const }]) {
    test(`strips laid side by side rebuild the seal (${pageSpec.rotate ? 'rotated pages' : 'upright pages'})`, async () => {
      const n = 4;
      const file = join(fx.work, `cross-${pageSpec.rotate ?? 0}.pdf`);
      writePdf(file, { pages: Array.from({ length: n }, () => pageSpec) });
      const out = join(fx.work, `cross-sealed-${pageSpec.rotate ?? 0}.pdf`);
      const y = 300;
      await sign(file, fx.signers.ecP12, { placements: [{ kind: 'cross-page', pages: [1, 2, 3, 4], y, image: { png: sealPng } }] }, out);

      const strip = SEAL_PT / n;
      const grid = 48;
      const perStrip = grid / n;
      const assembled: boolean[][] = Array.from({ length: grid }, () => []);
      for (let p = 1; p <= n; p++) {
        const img = await render(out, p, 72);
        // the strip sits at the right edge of the displayed page, centred on height y
        const part = redMask(img, img.width - strip, y - SEAL_PT / 2, img.width, y + SEAL_PT / 2, perStrip, grid);
        part.forEach((row, j) => assembled[j].push(...row));
        // nothing red elsewhere on the page
        const box = redBoundingBox(img);
        expect(box.x0).toBeGreaterThanOrEqual(img.width - strip - 2);
      }
      expect(iou(assembled, sealMask(sealPng, grid, grid))).toBeGreaterThan(0.75);
    });
  }
});

describe('text placement', () => {
  for (const rotate of [0, 90] as const) {
    test(`CJK text is real, extractable text at the spot asked for (/Rotate ${rotate})`, async () => {
      const file = join(fx.work, `text-${rotate}.pdf`);
      writePdf(file, { pages: [{ rotate }] });
      const out = join(fx.work, `text-sealed-${rotate}.pdf`);
      const text = '2022年09月01日';
      await sign(file, fx.signers.ecP12, { placements: [{ kind: 'text', page: 1, x: 250, y: 300, text, fontSize: 14 }] }, out);
      const word = (await pdftotextWords(out)).find((w) => w.text === text);
      expect(word).toBeDefined();
      // (x, y) is the top-left corner of the text box on the displayed page
      expect(Math.abs(word!.xMin - 250)).toBeLessThanOrEqual(3);
      expect(Math.abs(word!.yMin - 300)).toBeLessThanOrEqual(3);
      expect(word!.xMax - word!.xMin).toBeGreaterThan(14 * 6); // 12 glyphs, about a half to a full em each
    });
  }
});
