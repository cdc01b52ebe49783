import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, verify } from '../index.ts';
import { testIdentity, type TestIdentity } from '../testing/signers.ts';
import { makePdf, makeSealPng, type PageSpec } from '../testing/make-pdf.ts';
import { isRed, isWhite, pdfsig, pixel, qpdfAccepts, renderPage, run } from '../testing/tools.ts';
import { displayGeometry } from './placement.ts';
import type { PageRecord } from '../pdf/reader.ts';
import { openPdf } from '../pdf/open.ts';
import { PdfDict, PdfStream } from '../pdf/objects.ts';

const dir = mkdtempSync(join(tmpdir(), 'pdfseal-appearance-'));
let id: TestIdentity;
beforeAll(async () => {
  id = await testIdentity('RSA');
});

const page = (over: Partial<PageRecord>): PageRecord => ({ dict: new PdfDict(), mediaBox: [0, 0, 600, 800], cropBox: [0, 0, 600, 800], rotate: 0, ...over });

describe('display geometry', () => {
  it('maps a displayed box to the unrotated rectangle for each /Rotate', () => {
    expect(displayGeometry(page({})).rect(10, 20, 30, 40)).toEqual([10, 740, 40, 780]);
    const r90 = displayGeometry(page({ rotate: 90 }));
    expect([r90.width, r90.height]).toEqual([800, 600]);
    expect(r90.rect(10, 20, 30, 40)).toEqual([20, 10, 60, 40]);
    expect(displayGeometry(page({ rotate: 180 })).rect(10, 20, 30, 40)).toEqual([560, 20, 590, 60]);
    expect(displayGeometry(page({ rotate: 270 })).rect(10, 20, 30, 40)).toEqual([540, 760, 580, 790]);
    expect(displayGeometry(page({ cropBox: [100, 100, 500, 700] })).rect(0, 0, 10, 10)).toEqual([100, 690, 110, 700]);
  });
});

const PAGES: PageSpec[] = [{}, { rotate: 90 }, { width: 842, height: 595, rotate: 180, cropBox: [40, 30, 800, 560] }, { rotate: 270 }];

describe('visible seals as widget annotations', () => {
  it('seals, cross-page strips and CJK text land where the page shows them, upright, without touching page content', async () => {
    const png = makeSealPng(200);
    const original = makePdf(PAGES);
    const signed = (await sign(original, id.signer, {
      placements: [
        { kind: 'seal', pages: [1, 2, 3, 4], x: 150, y: 160, image: { png, widthMm: 40 } },
        { kind: 'cross-page', pages: [1, 2, 3, 4], y: 400, image: { png, widthMm: 40 } },
        { kind: 'text', page: 1, x: 100, y: 300, text: '2022年09月01日 Sealed', fontSize: 16, color: [0.8, 0, 0] },
        { kind: 'text', page: 3, x: 100, y: 300, text: '骑缝章测试\n第二行 line two', fontSize: 16 },
      ],
    })) as Uint8Array;
    const out = join(dir, 'visible.pdf');
    writeFileSync(out, signed);
    expect(qpdfAccepts(out)).toBe(true);
    const sigs = pdfsig(out);
    expect(sigs.length).toBeGreaterThan(0);
    expect(sigs.every((s) => s.valid && s.total)).toBe(true);
    expect((await verify(out)).ok).toBe(true);

    // one field, its widgets in /Kids, no page content stream changed
    const reader = openPdf(out);
    const acro = reader.dict(reader.catalog.get('AcroForm'))!;
    const fields = reader.resolve(acro.get('Fields')) as unknown[];
    expect(fields).toHaveLength(1);
    const field = reader.dict(fields[0] as never)!;
    expect((reader.resolve(field.get('Kids')) as unknown[]).length).toBe(4 + 4 + 2);
    expect(acro.get('SigFlags')).toBe(3);
    const before = openPdf(Buffer.from(original)).pages();
    reader.pages().forEach((p, i) => expect(p.dict.get('Contents')).toEqual(before[i].dict.get('Contents')));
    const kids = reader.resolve(field.get('Kids')) as never[];
    expect(reader.resolve(reader.dict(reader.dict(kids[0])!.get('AP'))!.get('N'))).toBeInstanceOf(PdfStream);
    reader.source.close();

    const mm40 = (40 * 72) / 25.4;
    for (let n = 1; n <= 4; n++) {
      const img = renderPage(out, n, join(dir, `page-${n}`));
      // the seal's centre (its red diamond) is at the displayed (150, 160)
      expect(isRed(pixel(img, 150, 160)), `seal centre on page ${n}`).toBe(true);
      expect(isRed(pixel(img, 150, 160 - mm40 / 2 + 4)), `ring on page ${n}`).toBe(true);
      // upright: the bar is above the centre, nothing below or beside it
      expect(isRed(pixel(img, 150, 160 - mm40 * 0.24)), `bar above centre on page ${n}`).toBe(true);
      expect(isWhite(pixel(img, 150, 160 + mm40 * 0.24)), `blank below centre on page ${n}`).toBe(true);
      expect(isWhite(pixel(img, 150 - mm40 * 0.24, 160)), `blank left of centre on page ${n}`).toBe(true);
      // the cross-page strip hugs the right edge of the displayed page
      const stripW = mm40 / 4;
      let redInStrip = 0;
      for (let x = img.width - stripW; x < img.width - 1; x++) for (let y = 400 - mm40 / 2; y < 400 + mm40 / 2; y += 2) if (isRed(pixel(img, x, y))) redInStrip++;
      expect(redInStrip, `strip on page ${n}`).toBeGreaterThan(10);
      let redLeftOfStrip = 0;
      for (let x = img.width - stripW - 30; x < img.width - stripW - 2; x++) for (let y = 400 - mm40 / 2; y < 400 + mm40 / 2; y += 2) if (isRed(pixel(img, x, y))) redLeftOfStrip++;
      expect(redLeftOfStrip, `nothing left of the strip on page ${n}`).toBe(0);
    }
    // text is extractable (ToUnicode) and rendered (the subset has the glyphs)
    const text = run('pdftotext', [out, '-']).stdout;
    expect(text).toContain('2022年09月01日 Sealed');
    expect(text).toContain('骑缝章测试');
    expect(text).toContain('第二行 line two');
    const p1 = renderPage(out, 1, join(dir, 'text-1'));
    let dark = 0;
    for (let x = 100; x < 300; x++) for (let y = 300; y < 320; y++) if (!isWhite(pixel(p1, x, y))) dark++;
    expect(dark).toBeGreaterThan(200);
  });

  it('rejects a page that does not exist', async () => {
    await expect(sign(makePdf(), id.signer, { placements: [{ kind: 'seal', pages: [3], x: 10, y: 10, image: { png: makeSealPng(50) } }] })).rejects.toMatchObject({
      code: 'SIGNING_FAILED',
    });
  });
});
