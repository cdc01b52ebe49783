// A seal image as the library keeps it: a PNG whose background is transparent, so the seal
// lies over the text of the page as a real stamp does. A PNG that already has transparency is
// kept as it is; a scan (JPG, or a PNG without transparency) has its white paper made
// transparent, the ink keeping its colour. JPEG is decoded by resvg (an SVG holding the image),
// which the hall already carries for drawing seals.
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { fail } from '@hall/shared/errors';

const MAX_SIDE = 4000;
/** Paper this close to white (0-255 below pure white in the darkest channel) becomes transparent. */
const PAPER = 40;
/** Ink this far from white is fully opaque; between PAPER and INK it fades in. */
const INK = 120;

const isPng = (b: Uint8Array) => b.length > 8 && Buffer.from(b.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Width and height from a JPEG's start-of-frame marker. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    i += 2 + length;
  }
  return null;
}

function decodeJpeg(bytes: Uint8Array): PNG {
  const size = jpegSize(bytes);
  if (!size || !size.width || !size.height) fail('SEAL_IMAGE_INVALID');
  if (size.width > MAX_SIDE || size.height > MAX_SIDE) fail('SEAL_IMAGE_INVALID', `印章图片过大（最大 ${MAX_SIDE}×${MAX_SIDE} 像素）`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size.width}" height="${size.height}">` +
    `<image width="${size.width}" height="${size.height}" xlink:href="data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}"/></svg>`;
  const png = new Resvg(svg, { fitTo: { mode: 'original' } }).render().asPng();
  return PNG.sync.read(Buffer.from(png));
}

function decodePng(bytes: Uint8Array): PNG {
  try {
    const png = PNG.sync.read(Buffer.from(bytes));
    if (png.width > MAX_SIDE || png.height > MAX_SIDE) fail('SEAL_IMAGE_INVALID', `印章图片过大（最大 ${MAX_SIDE}×${MAX_SIDE} 像素）`);
    return png;
  } catch (err) {
    if (err instanceof Error && err.name === 'HallError') throw err;
    fail('SEAL_IMAGE_INVALID');
  }
}

function hasTransparency(png: PNG): boolean {
  for (let i = 3; i < png.data.length; i += 4) if (png.data[i]! < 250) return true;
  return false;
}

/** Paper → transparent; ink keeps its hue, with the white it was mixed with taken out. */
function clearPaper(png: PNG): void {
  const d = png.data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) {
    const distance = 255 - Math.min(d[i]!, d[i + 1]!, d[i + 2]!);
    const alpha = distance <= PAPER ? 0 : distance >= INK ? 1 : (distance - PAPER) / (INK - PAPER);
    if (alpha > 0) ink += 1;
    for (let c = 0; c < 3; c++) {
      // the pixel was ink over white: solve pixel = a·ink + (1−a)·255 for ink
      d[i + c] = alpha > 0 ? Math.max(0, Math.min(255, Math.round((d[i + c]! - (1 - alpha) * 255) / alpha))) : 255;
    }
    d[i + 3] = Math.round(alpha * 255);
  }
  if (ink < 16) fail('SEAL_IMAGE_INVALID', '印章图片中没有可识别的印章图案');
}

export interface SealImageResult {
  png: Buffer;
  width: number;
  height: number;
  /** true when the white background was made transparent here */
  cleared: boolean;
}

export function transparentSeal(bytes: Uint8Array): SealImageResult {
  if (isPng(bytes)) {
    const png = decodePng(bytes);
    if (hasTransparency(png)) return { png: Buffer.from(bytes), width: png.width, height: png.height, cleared: false };
    clearPaper(png);
    return { png: PNG.sync.write(png), width: png.width, height: png.height, cleared: true };
  }
  if (isJpeg(bytes)) {
    const png = decodeJpeg(bytes);
    clearPaper(png);
    return { png: PNG.sync.write(png), width: png.width, height: png.height, cleared: true };
  }
  fail('SEAL_IMAGE_INVALID');
}
