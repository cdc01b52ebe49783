import * as fontkit from 'fontkit';
import { PdfDict, PdfStream, PdfString, name, type PdfRef } from '../pdf/objects.ts';
import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';

export const DEFAULT_FONT = { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' };

let cachedFont: fontkit.Font | undefined;
function loadFont(): fontkit.Font {
  if (!cachedFont) {
    const f = fontkit.openSync(DEFAULT_FONT.path, DEFAULT_FONT.postscriptName);
    if (!('layout' in f)) throw new Error('font face not found in collection');
    cachedFont = f;
  }
  return cachedFont;
}

export interface ShapedText {
  /** 2-byte codes in the subset (CID = new glyph id) */
  codes: number[];
  /** width in text space units per 1 pt of font size */
  width: number;
}

/**
 * One embedded subset of the CJK font shared by every text of a sealing operation:
 * Type0 / CIDFontType0 (CFF) with Identity-H and a ToUnicode CMap so text extracts.
 */
export class FontSubset {
  private font = loadFont();
  private subset = this.font.createSubset();
  private widths = new Map<number, number>();
  private unicode = new Map<number, number[]>();

  get ascent(): number {
    return this.font.ascent / this.font.unitsPerEm;
  }
  get descent(): number {
    return this.font.descent / this.font.unitsPerEm;
  }

  shape(text: string): ShapedText {
    const run = this.font.layout(text);
    const codes: number[] = [];
    let width = 0;
    run.glyphs.forEach((g, i) => {
      const cid = this.subset.includeGlyph(g.id);
      codes.push(cid);
      const w = (run.positions[i]?.xAdvance ?? g.advanceWidth) * (1000 / this.font.unitsPerEm);
      this.widths.set(cid, Math.round(g.advanceWidth * (1000 / this.font.unitsPerEm)));
      if (!this.unicode.has(cid) && g.codePoints.length) this.unicode.set(cid, g.codePoints);
      width += w / 1000;
    });
    return { codes, width };
  }

  /** Builds the font objects; `add` registers an indirect object and returns its reference. */
  embed(add: (o: PdfDict | PdfStream) => PdfRef): PdfRef {
    const f = this.font;
    const scale = 1000 / f.unitsPerEm;
    const tag = Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    const baseFont = `${tag}+${f.postscriptName}`;
    const fontFile = new PdfStream(
      new PdfDict({ Subtype: name('CIDFontType0C'), Filter: name('FlateDecode') }),
      deflateSync(this.subset.encode()),
    );
    const descriptor = new PdfDict({
      Type: name('FontDescriptor'),
      FontName: name(baseFont),
      Flags: 4,
      FontBBox: [f.bbox.minX * scale, f.bbox.minY * scale, f.bbox.maxX * scale, f.bbox.maxY * scale].map(Math.round),
      ItalicAngle: f.italicAngle || 0,
      Ascent: Math.round(f.ascent * scale),
      Descent: Math.round(f.descent * scale),
      CapHeight: Math.round((f.capHeight || f.ascent) * scale),
      StemV: 80,
      FontFile3: add(fontFile),
    });
    const w: (number | number[])[] = [];
    for (const cid of [...this.widths.keys()].sort((a, b) => a - b)) w.push(cid, [this.widths.get(cid)!]);
    const cidFont = new PdfDict({
      Type: name('Font'),
      Subtype: name('CIDFontType0'),
      BaseFont: name(baseFont),
      CIDSystemInfo: new PdfDict({ Registry: new PdfString(Buffer.from('Adobe')), Ordering: new PdfString(Buffer.from('Identity')), Supplement: 0 }),
      FontDescriptor: add(descriptor),
      DW: 1000,
      W: w,
    });
    const toUnicode = new PdfStream(new PdfDict({ Filter: name('FlateDecode') }), deflateSync(Buffer.from(this.cmap(), 'latin1')));
    return add(
      new PdfDict({
        Type: name('Font'),
        Subtype: name('Type0'),
        BaseFont: name(baseFont),
        Encoding: name('Identity-H'),
        DescendantFonts: [add(cidFont)],
        ToUnicode: add(toUnicode),
      }),
    );
  }

  private cmap(): string {
    const hex4 = (n: number) => n.toString(16).padStart(4, '0');
    const utf16 = (cps: number[]) =>
      Buffer.from(String.fromCodePoint(...cps), 'utf16le')
        .swap16()
        .toString('hex');
    const entries = [...this.unicode].sort((a, b) => a[0] - b[0]);
    let body = '';
    for (let i = 0; i < entries.length; i += 100) {
      const chunk = entries.slice(i, i + 100);
      body += `${chunk.length} beginbfchar\n`;
      for (const [cid, cps] of chunk) body += `<${hex4(cid)}> <${utf16(cps)}>\n`;
      body += 'endbfchar\n';
    }
    return (
      '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
      '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
      '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
      body +
      'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n'
    );
  }
}

