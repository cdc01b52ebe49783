import { inflateSync, constants } from 'node:zlib';
import { PdfDict, PdfName, type PdfObject } from './objects.ts';

function inflateTolerant(data: Uint8Array): Uint8Array {
  try {
    return inflateSync(data);
  } catch {
    // truncated or slightly damaged streams: keep what decodes
    return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  }
}

function unpredict(data: Uint8Array, parms: PdfDict | undefined): Uint8Array {
  const predictor = (parms?.get('Predictor') as number | undefined) ?? 1;
  if (predictor < 2) return data;
  const colors = (parms?.get('Colors') as number | undefined) ?? 1;
  const bpc = (parms?.get('BitsPerComponent') as number | undefined) ?? 8;
  const columns = (parms?.get('Columns') as number | undefined) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    // TIFF predictor 2, byte-sized components: each byte adds the one a pixel to its left
    if (bpc !== 8) throw new Error('unsupported TIFF predictor depth');
    const out = Uint8Array.from(data);
    for (let r = 0; r < out.length; r += rowLen) for (let i = r + bpp; i < Math.min(r + rowLen, out.length); i++) out[i] = (out[i] + out[i - bpp]) & 0xff;
    return out;
  }
  if (predictor < 10) return data;
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  let prev = new Uint8Array(rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)];
    const row = data.subarray(r * (rowLen + 1) + 1, (r + 1) * (rowLen + 1));
    const cur = out.subarray(r * rowLen, (r + 1) * rowLen);
    for (let i = 0; i < rowLen; i++) {
      const left = i >= bpp ? cur[i - bpp] : 0;
      const up = prev[i];
      const ul = i >= bpp ? prev[i - bpp] : 0;
      let v = row[i];
      if (type === 1) v += left;
      else if (type === 2) v += up;
      else if (type === 3) v += (left + up) >> 1;
      else if (type === 4) {
        const p = left + up - ul;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - ul);
        v += pa <= pb && pa <= pc ? left : pb <= pc ? up : ul;
      }
      cur[i] = v & 0xff;
    }
    prev = cur;
  }
  return out;
}

/** Decodes the filters structural streams use (object and xref streams). */
export function decodeStream(dict: PdfDict, raw: Uint8Array, resolve: (o: PdfObject | undefined) => PdfObject | undefined): Uint8Array {
  const f = resolve(dict.get('Filter'));
  const filters = (Array.isArray(f) ? f : f ? [f] : []).map((x) => resolve(x));
  const p = resolve(dict.get('DecodeParms'));
  const parms = Array.isArray(p) ? p.map((x) => resolve(x)) : [p];
  let data = raw;
  filters.forEach((filter, i) => {
    if (!(filter instanceof PdfName)) throw new Error('bad filter');
    const dp = parms[i] instanceof PdfDict ? (parms[i] as PdfDict) : undefined;
    if (filter.name === 'FlateDecode' || filter.name === 'Fl') data = unpredict(inflateTolerant(data), dp);
    else throw new Error(`unsupported filter ${filter.name}`);
  });
  return data;
}
