// External checkers (poppler, qpdf) run under a timeout; a crash or hang counts as failure.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

export function run(cmd: string, args: string[], timeoutMs = 30000): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** qpdf --check: 0 clean, 3 warnings. */
export function qpdfAccepts(file: string): boolean {
  const { code } = run('qpdf', ['--check', file]);
  return code === 0 || code === 3;
}

export interface PdfsigEntry {
  field: string;
  valid: boolean;
  total: boolean;
}

/** pdfsig's verdict per listed signature (it exits 0 even on failure, so read the text). */
export function pdfsig(file: string): PdfsigEntry[] {
  const { stdout } = run('pdfsig', [file]);
  return stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      field: /Signature Field Name: (.*)$/m.exec(block)?.[1] ?? '',
      valid: block.includes('Signature is Valid'),
      total: block.includes('Total document signed'),
    }));
}

/** Renders one page at 72 dpi (1 px = 1 pt as displayed). */
export function renderPage(file: string, page: number, outPrefix: string): PNG {
  const r = run('pdftoppm', ['-r', '72', '-cropbox', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, outPrefix]);
  if (r.code !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  return PNG.sync.read(readFileSync(`${outPrefix}.png`));
}

export function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

export const isRed = ([r, g, b]: [number, number, number]) => r > 170 && g < 110 && b < 110;
export const isWhite = ([r, g, b]: [number, number, number]) => r > 240 && g > 240 && b > 240;
