import { PNG } from 'pngjs';

/**
 * A round red test seal on a transparent background: a thick ring, and inside it a solid
 * triangle pointing left, so that the left and right halves differ (a cross-page seal put
 * together in the wrong order or mirrored would not match).
 */
export function redRoundSealPng(size = 240): Uint8Array {
  const png = new PNG({ width: size, height: size });
  const c = (size - 1) / 2;
  const outer = size / 2 - 1;
  const inner = outer * 0.8;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const inRing = d <= outer && d >= inner;
      // triangle: apex at left (c - 0.6r, c), base vertical at x = c + 0.4r, half-height 0.45r
      const tx = (x - (c - 0.6 * outer)) / outer; // 0 at apex, 1.0 at base
      const inTriangle = tx >= 0 && tx <= 1.0 && Math.abs(y - c) <= 0.45 * outer * tx;
      const o = (y * size + x) * 4;
      if (inRing || inTriangle) {
        png.data[o] = 220;
        png.data[o + 1] = 20;
        png.data[o + 2] = 30;
        png.data[o + 3] = 255;
      } else {
        png.data[o + 3] = 0;
      }
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** The seal's red mask at `w`×`h` cells (nearest sampling), for comparison with a rendering. */
export function sealMask(png: Uint8Array, w: number, h: number): boolean[][] {
  const img = PNG.sync.read(Buffer.from(png));
  const mask: boolean[][] = [];
  for (let j = 0; j < h; j++) {
    const row: boolean[] = [];
    for (let i = 0; i < w; i++) {
      const x = Math.min(img.width - 1, Math.floor(((i + 0.5) * img.width) / w));
      const y = Math.min(img.height - 1, Math.floor(((j + 0.5) * img.height) / h));
      row.push(img.data[(y * img.width + x) * 4 + 3] > 127);
    }
    mask.push(row);
  }
  return mask;
}
