// Seal images as the vendor client shows them: a round red 公章 (unit name along the top
// inside the ring, a five-pointed star in the middle) and a square red 法人章. Drawn as SVG
// and rasterised by resvg with the Noto CJK fonts, on a transparent background.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const FONT_DIR = '/usr/share/fonts/opentype/noto';
const FONT_FILES = ['NotoSerifCJK-Bold.ttc', 'NotoSansCJK-Bold.ttc'].map((f) => `${FONT_DIR}/${f}`);
const FONT_FAMILY = "'Noto Serif CJK SC', 'Noto Sans CJK SC'";
const RED = '#e3221c';

function fontFiles(): string[] {
  const found = FONT_FILES.filter((f) => existsSync(f));
  if (found.length === 0) throw new Error(`no Noto CJK font in ${FONT_DIR} (install fonts-noto-cjk)`);
  return found.slice(0, 1);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function render(svg: string, sizePx: number): Uint8Array {
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: sizePx },
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'Noto Serif CJK SC' },
  });
  return new Uint8Array(r.render().asPng());
}

function starPath(cx: number, cy: number, outer: number): string {
  const inner = outer * 0.382;
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    pts.push(`${(cx + r * Math.cos(a)).toFixed(2)},${(cy + r * Math.sin(a)).toFixed(2)}`);
  }
  return `M${pts.join('L')}Z`;
}

export interface OfficialSealOptions {
  /** Output width = height in pixels; default 400. */
  sizePx?: number;
  /** Text under the star, e.g. "合同专用章"; none by default. */
  bottomText?: string;
}

/** Round 公章: the unit name in narrow characters along the top arc, a star in the middle. */
export function renderOfficialSeal(unitName: string, opts: OfficialSealOptions = {}): Uint8Array {
  const chars = [...unitName.trim()];
  if (chars.length === 0) throw new Error('unit name is empty');
  const c = 200;
  const rText = 134;
  const n = chars.length;
  const spanDeg = Math.min(250, Math.max(120, n * 22));
  const perCharArc = (rText * (spanDeg * Math.PI)) / 180 / n;
  const height = Math.min(56, Math.max(28, perCharArc * 1.4));
  const scaleX = Math.min(1, (perCharArc * 0.96) / height);
  const letters = chars
    .map((ch, i) => {
      const angle = -spanDeg / 2 + (spanDeg * (i + 0.5)) / n;
      // The glyph's baseline sits inward so that its middle lies on the text circle.
      const y = c - rText + height * 0.36;
      return `<g transform="rotate(${angle.toFixed(3)} ${c} ${c})"><text transform="translate(${c} ${y.toFixed(2)}) scale(${scaleX.toFixed(3)} 1)" x="0" y="0" text-anchor="middle" font-size="${height.toFixed(2)}">${esc(ch)}</text></g>`;
    })
    .join('');
  const bottom = opts.bottomText
    ? `<text x="${c}" y="${c + 118}" text-anchor="middle" font-size="34">${esc(opts.bottomText)}</text>`
    : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">
<g fill="${RED}" font-family="${FONT_FAMILY}" font-weight="bold">
<circle cx="${c}" cy="${c}" r="186" fill="none" stroke="${RED}" stroke-width="11"/>
${letters}
<path d="${starPath(c, c + 6, 72)}"/>
${bottom}
</g></svg>`;
  return render(svg, opts.sizePx ?? 400);
}

/** Square 法人章: the name padded to four characters (…之印 / …印), read in columns from the right. */
export function renderPersonalSeal(name: string, opts: { sizePx?: number } = {}): Uint8Array {
  let chars = [...name.trim()];
  if (chars.length === 0) throw new Error('name is empty');
  if (chars.length === 2) chars = [...chars, '之', '印'];
  else if (chars.length === 3) chars = [...chars, '印'];
  const cols = chars.length === 1 ? 1 : 2;
  const rows = Math.ceil(chars.length / cols);
  const inset = 26;
  const inner = 300 - 2 * inset;
  const cellW = inner / cols;
  const cellH = inner / rows;
  const fontSize = Math.min(cellW, cellH) * 0.95;
  const scaleY = cellH / cellW > 1.05 ? Math.min(1.6, cellH / cellW) : 1;
  const texts = chars
    .map((ch, i) => {
      const col = cols - 1 - Math.floor(i / rows); // first column on the right
      const row = i % rows;
      const cx = inset + cellW * (col + 0.5);
      const baseline = inset + cellH * (row + 0.5) + fontSize * 0.36 * scaleY;
      return `<text transform="translate(${cx.toFixed(2)} ${baseline.toFixed(2)}) scale(1 ${scaleY.toFixed(3)})" text-anchor="middle" font-size="${(fontSize / scaleY).toFixed(2)}">${esc(ch)}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300">
<g fill="${RED}" font-family="${FONT_FAMILY}" font-weight="bold">
<rect x="9" y="9" width="282" height="282" rx="8" fill="none" stroke="${RED}" stroke-width="14"/>
${texts}
</g></svg>`;
  return render(svg, opts.sizePx ?? 300);
}
