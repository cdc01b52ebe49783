import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { renderOfficialSeal, renderPersonalSeal } from './seal-image.ts';

function stats(png: Uint8Array) {
  const img = PNG.sync.read(Buffer.from(png));
  let transparent = 0;
  let red = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const [r, g, b, a] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
    if (a === 0) transparent++;
    else if (a > 200 && r > 180 && g < 90 && b < 90) red++;
  }
  const total = img.width * img.height;
  return { width: img.width, height: img.height, transparent: transparent / total, red: red / total, img };
}

/** Red pixels inside a disc of radius r around the centre, as a share of the disc. */
function redShareInRing(img: PNG, from: number, to: number): number {
  const c = img.width / 2;
  let n = 0;
  let red = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const d = Math.hypot(x - c, y - c) / c;
      if (d < from || d > to) continue;
      n++;
      const i = (y * img.width + x) * 4;
      if (img.data[i + 3]! > 200 && img.data[i]! > 180 && img.data[i + 1]! < 90) red++;
    }
  }
  return red / n;
}

describe('seal images', () => {
  it('draws a round red 公章 with the name along the top and a transparent background', () => {
    const s = stats(renderOfficialSeal('景德镇市城市建设投资集团有限责任公司'));
    expect([s.width, s.height]).toEqual([400, 400]);
    expect(s.transparent).toBeGreaterThan(0.5);
    // the text band between star and ring holds glyph strokes (glyphs really rendered) …
    expect(redShareInRing(s.img, 0.5, 0.85)).toBeGreaterThan(0.08);
    // … the star fills the centre
    expect(redShareInRing(s.img, 0, 0.12)).toBeGreaterThan(0.6);
    // corners outside the ring stay transparent
    expect(s.img.data[3]).toBe(0);
  });

  it('draws a square red 法人章 whose characters fill the square', () => {
    const s = stats(renderPersonalSeal('张三', { sizePx: 200 }));
    expect([s.width, s.height]).toEqual([200, 200]);
    expect(s.red).toBeGreaterThan(0.15);
    expect(s.transparent).toBeGreaterThan(0.3);
  });

  it('renders different names differently (text is real glyphs)', () => {
    expect(Buffer.from(renderPersonalSeal('张三')).equals(Buffer.from(renderPersonalSeal('李四')))).toBe(false);
  });
});
