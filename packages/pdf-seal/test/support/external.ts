// Wrappers around checkers that no one here wrote (qpdf, poppler, mupdf). Each runs under a
// timeout; a crash or a timeout counts as "not accepted", never as a thrown error.
import { PNG } from 'pngjs';
import { run, type RunResult } from './run.ts';

const DEFAULT_TIMEOUT = 60_000;

export interface QpdfCheck {
  exitCode: number | null;
  /** qpdf --check: 0 clean, 3 warnings only; 2 errors; null crash/timeout */
  accepted: boolean;
  timedOut: boolean;
  output: string;
}

export async function qpdfCheck(file: string, timeoutMs = DEFAULT_TIMEOUT): Promise<QpdfCheck> {
  const r = await run('qpdf', ['--check', file], { timeoutMs });
  return {
    exitCode: r.exitCode,
    accepted: !r.timedOut && (r.exitCode === 0 || r.exitCode === 3),
    timedOut: r.timedOut,
    output: r.stdout.toString('utf8') + r.stderr,
  };
}

export interface PdfsigSignature {
  index: number;
  fieldName: string | null;
  signerName: string | null;
  signerDn: string | null;
  signingTime: string | null;
  hashAlgorithm: string | null;
  type: string | null;
  ranges: [number, number][];
  /** "Total document signed" (the signature covers the file up to its very end) */
  totalDocumentSigned: boolean;
  /** "Signature Validation: Signature is Valid." */
  valid: boolean;
  validation: string | null;
  certificateValidation: string | null;
  raw: string;
}

export interface PdfsigResult {
  /** false when pdfsig crashed, timed out, or could not read the file */
  completed: boolean;
  timedOut: boolean;
  exitCode: number | null;
  signatures: PdfsigSignature[];
  output: string;
}

function field(block: string, label: string): string | null {
  const m = new RegExp(`^\\s*- ${label}: (.*)$`, 'm').exec(block);
  return m ? m[1].trim() : null;
}

export function parsePdfsig(text: string): PdfsigSignature[] {
  const parts = text.split(/^Signature #(\d+):\s*$/m);
  const sigs: PdfsigSignature[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const block = parts[i + 1];
    const rangesText = field(block, 'Signed Ranges') ?? '';
    const ranges = [...rangesText.matchAll(/\[(\d+) - (\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
    const validation = field(block, 'Signature Validation');
    sigs.push({
      index: Number(parts[i]),
      fieldName: field(block, 'Signature Field Name'),
      signerName: field(block, 'Signer Certificate Common Name'),
      signerDn: field(block, 'Signer full Distinguished Name'),
      signingTime: field(block, 'Signing Time'),
      hashAlgorithm: field(block, 'Signing Hash Algorithm'),
      type: field(block, 'Signature Type'),
      ranges,
      totalDocumentSigned: /^\s*- Total document signed\s*$/m.test(block),
      valid: validation === 'Signature is Valid.',
      validation,
      certificateValidation: field(block, 'Certificate Validation'),
      raw: block,
    });
  }
  return sigs;
}

/**
 * pdfsig exits 0 even on a digest mismatch, and 2 when a file has no signature, so only its
 * text tells. Certificate checks are off by default (they need an NSS database); pass
 * `nssdir` to have pdfsig judge the chain against that database.
 */
export async function pdfsig(file: string, opts: { timeoutMs?: number; nssdir?: string } = {}): Promise<PdfsigResult> {
  const args = opts.nssdir ? ['-nssdir', `sql:${opts.nssdir}`, '-no-ocsp', file] : ['-nocert', file];
  const r = await run('pdfsig', args, { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT });
  const output = r.stdout.toString('utf8') + r.stderr;
  const noSignatures = /does not contain any signatures/.test(output);
  return {
    completed: !r.timedOut && r.signal === null && (r.exitCode === 0 || noSignatures),
    timedOut: r.timedOut,
    exitCode: r.exitCode,
    signatures: parsePdfsig(r.stdout.toString('utf8')),
    output,
  };
}

/** pdfsig lists a signature field once per widget (a seal on three pages shows three times): one entry per signature. */
export function distinctSignatures(result: PdfsigResult): PdfsigSignature[] {
  const seen = new Map<string, PdfsigSignature>();
  for (const s of result.signatures) {
    const key = s.ranges.length ? JSON.stringify(s.ranges) : `unsigned:${s.index}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()];
}

export interface MutoolSignature {
  objectNumber: number;
  distinguishedName: string | null;
  /** "The document is unchanged since signing." or "...changed since signing." with no digest error */
  digestOk: boolean;
  changedSinceSigning: boolean;
  raw: string;
}

/** `mutool sign -v` always exits 0: read its text. */
export async function mutoolVerify(file: string, timeoutMs = DEFAULT_TIMEOUT): Promise<{ completed: boolean; signatures: MutoolSignature[]; output: string }> {
  const r = await run('mutool', ['sign', '-v', file], { timeoutMs });
  const output = r.stdout.toString('utf8') + r.stderr;
  const parts = output.split(/^Verifying signature (\d+):\s*$/m);
  const signatures: MutoolSignature[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const block = parts[i + 1];
    const dn = /Distinguished name: (.*)$/m.exec(block);
    const unchanged = /document is unchanged since signing/i.test(block);
    const changed = /document has been changed since signing/i.test(block);
    signatures.push({
      objectNumber: Number(parts[i]),
      distinguishedName: dn ? dn[1].trim() : null,
      digestOk: (unchanged || changed) && !/digest error|signature is not signed/i.test(block),
      changedSinceSigning: changed,
      raw: block,
    });
  }
  return { completed: !r.timedOut && r.signal === null, signatures, output };
}

export interface Rendered {
  width: number;
  height: number;
  /** RGBA, row-major */
  data: Buffer;
  /** [r, g, b] of the pixel at (x, y), origin top-left */
  pixel(x: number, y: number): [number, number, number];
  isRed(x: number, y: number): boolean;
}

/** Seal red as drawn by our seal images and antialiased by poppler: strongly red, little green/blue. */
export function isRedRgb(r: number, g: number, b: number): boolean {
  return r > 150 && g < 110 && b < 110 && r - Math.max(g, b) > 80;
}

export function decodePng(png: Uint8Array): Rendered {
  const img = PNG.sync.read(Buffer.from(png));
  const { width, height, data } = img;
  const pixel = (x: number, y: number): [number, number, number] => {
    const o = (Math.round(y) * width + Math.round(x)) * 4;
    return [data[o], data[o + 1], data[o + 2]];
  };
  return {
    width,
    height,
    data,
    pixel,
    isRed: (x, y) => {
      if (x < 0 || y < 0 || x >= width || y >= height) return false;
      const [r, g, b] = pixel(x, y);
      return isRedRgb(r, g, b);
    },
  };
}

/** One page rendered by poppler as a viewer displays it (-cropbox: the CropBox, not the MediaBox; /Rotate applied). At 72 dpi 1 px = 1 pt. */
export async function render(file: string, page: number, dpi = 72, timeoutMs = DEFAULT_TIMEOUT): Promise<Rendered> {
  const r = await run('pdftoppm', ['-png', '-cropbox', '-r', String(dpi), '-f', String(page), '-l', String(page), file], { timeoutMs });
  assertRan('pdftoppm', r);
  return decodePng(r.stdout);
}

export async function pdftotext(file: string, timeoutMs = DEFAULT_TIMEOUT): Promise<string> {
  const r = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { timeoutMs });
  assertRan('pdftotext', r);
  return r.stdout.toString('utf8');
}

function assertRan(name: string, r: RunResult): void {
  if (r.timedOut || r.exitCode !== 0) {
    throw new Error(`${name} failed (exit ${r.exitCode}, signal ${r.signal}, timedOut ${r.timedOut}): ${r.stderr.slice(0, 500)}`);
  }
}

export type QpdfJsonValue = string | number | boolean | null | QpdfJsonValue[] | { [k: string]: QpdfJsonValue };

/** The objects of a PDF as qpdf's JSON v2 shows them ("obj:N G R" → {value} or {stream: {dict}}), and the trailer. */
export async function qpdfObjects(file: string, timeoutMs = DEFAULT_TIMEOUT): Promise<Record<string, QpdfJsonValue>> {
  const r = await run('qpdf', ['--json=2', '--json-key=qpdf', file], { timeoutMs });
  if (r.timedOut || (r.exitCode !== 0 && r.exitCode !== 3)) throw new Error(`qpdf --json failed: ${r.stderr.slice(0, 500)}`);
  const parsed = JSON.parse(r.stdout.toString('utf8')) as { qpdf: [unknown, Record<string, QpdfJsonValue>] };
  return parsed.qpdf[1];
}

/** The document catalog's dictionary (keys with their leading slash). */
export async function qpdfCatalog(file: string): Promise<Record<string, QpdfJsonValue>> {
  const objects = await qpdfObjects(file);
  const trailer = (objects.trailer as { value: Record<string, QpdfJsonValue> }).value;
  const root = objects[`obj:${String(trailer['/Root'])}`] as { value: Record<string, QpdfJsonValue> };
  return root.value;
}

/** Page count as qpdf reads it (null when qpdf cannot tell). */
export async function qpdfPageCount(file: string, timeoutMs = DEFAULT_TIMEOUT): Promise<number | null> {
  const r = await run('qpdf', ['--show-npages', file], { timeoutMs });
  const n = Number.parseInt(r.stdout.toString('utf8').trim(), 10);
  return !r.timedOut && (r.exitCode === 0 || r.exitCode === 3) && Number.isFinite(n) ? n : null;
}

/** Page count as poppler's pdfinfo reads it (null when it cannot tell). */
export async function pdfinfoPageCount(file: string, timeoutMs = DEFAULT_TIMEOUT): Promise<number | null> {
  const r = await run('pdfinfo', [file], { timeoutMs });
  const m = /^Pages:\s+(\d+)$/m.exec(r.stdout.toString('utf8'));
  return !r.timedOut && r.exitCode === 0 && m ? Number(m[1]) : null;
}

export interface TextWord {
  text: string;
  page: number;
  /** points from the top-left of the displayed page */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words with their boxes (`pdftotext -bbox`): annotation appearances included. */
export async function pdftotextWords(file: string, timeoutMs = DEFAULT_TIMEOUT): Promise<TextWord[]> {
  const r = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { timeoutMs });
  assertRan('pdftotext', r);
  const words: TextWord[] = [];
  let page = 0;
  for (const line of r.stdout.toString('utf8').split('\n')) {
    if (/<page /.test(line)) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') });
  }
  return words;
}
