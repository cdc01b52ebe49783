// What a sealed page looks like to a reader: poppler renders it at 72 dpi (one pixel a point),
// and we count the pixels of one colour around a point — where a seal or signature was dropped.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';

const run = promisify(execFile);

export type Ink = (r: number, g: number, b: number) => boolean;
/** a red seal */
export const red: Ink = (r, g, b) => r > 150 && g < 110 && b < 110;
/** black handwriting */
export const dark: Ink = (r, g, b) => r < 120 && g < 120 && b < 120;

/** Pixels of `ink` within `r` points of (x, y), measured from the page's top-left. */
export async function inkNear(file: string, page: number, x: number, y: number, r: number, ink: Ink): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-render-'));
  try {
    const out = join(dir, 'page');
    await run('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-singlefile', '-png', file, out], { timeout: 60_000 });
    const png = PNG.sync.read(await readFile(`${out}.png`));
    let count = 0;
    for (let py = Math.max(0, Math.round(y - r)); py < Math.min(png.height, Math.round(y + r)); py++) {
      for (let px = Math.max(0, Math.round(x - r)); px < Math.min(png.width, Math.round(x + r)); px++) {
        const i = (py * png.width + px) * 4;
        if (ink(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) count++;
      }
    }
    return count;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
