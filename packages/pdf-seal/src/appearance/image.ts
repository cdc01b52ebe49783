import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { PdfDict, PdfStream, name } from '../pdf/objects.ts';
import { PdfSealError } from '../errors.ts';

export interface DecodedImage {
  width: number;
  height: number;
  /** Image XObject (RGB) with its soft mask when the PNG has transparency */
  image: PdfStream;
  smask?: PdfStream;
}

/** PNG → an RGB Image XObject plus an SMask carrying the alpha channel. */
export function imageFromPng(png: Uint8Array): DecodedImage {
  let decoded: PNG;
  try {
    decoded = PNG.sync.read(Buffer.from(png));
  } catch (e) {
    throw new PdfSealError('SIGNING_FAILED', '印章图片不是有效的 PNG 文件', { cause: e });
  }
  const { width, height, data } = decoded;
  const rgb = Buffer.allocUnsafe(width * height * 3);
  const alpha = Buffer.allocUnsafe(width * height);
  let opaque = true;
  for (let i = 0, j = 0, k = 0; i < data.length; i += 4, j += 3, k++) {
    rgb[j] = data[i];
    rgb[j + 1] = data[i + 1];
    rgb[j + 2] = data[i + 2];
    alpha[k] = data[i + 3];
    if (data[i + 3] !== 255) opaque = false;
  }
  const dict = (cs: string, bytes: Buffer) =>
    new PdfStream(
      new PdfDict({
        Type: name('XObject'),
        Subtype: name('Image'),
        Width: width,
        Height: height,
        ColorSpace: name(cs),
        BitsPerComponent: 8,
        Filter: name('FlateDecode'),
      }),
      deflateSync(bytes),
    );
  const image = dict('DeviceRGB', rgb);
  const smask = opaque ? undefined : dict('DeviceGray', alpha);
  return { width, height, image, smask };
}
