// `npm run bench -w packages/pdf-seal`: time and peak memory of sign and verify on 1 MB,
// 10 MB, 100 MB and 1,000-page PDFs, beside one SHA-256 pass over the same file and beside
// PDFBox signing the same file. Each measurement runs in its own child process; the table
// shows medians. Test files are cached in os.tmpdir() between runs.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePdf, type PdfSpec } from '../test/support/make-pdf.ts';
import { pdfboxSign } from '../test/support/pdfbox.ts';
import { createTestPki } from '../test/support/pki.ts';
import { run } from '../test/support/run.ts';
import { redRoundSealPng } from '../test/support/seal-image.ts';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'child.ts');
const MB = 1 << 20;

interface Case {
  name: string;
  spec: PdfSpec;
  runs: number;
}

const cases: Case[] = [
  { name: '1 MB', spec: { pages: [{ imageBytes: MB }] }, runs: 7 },
  { name: '10 MB', spec: { pages: Array.from({ length: 5 }, () => ({ imageBytes: 2 * MB })) }, runs: 5 },
  { name: '100 MB', spec: { pages: Array.from({ length: 25 }, () => ({ imageBytes: 4 * MB })) }, runs: 3 },
  { name: '1,000 pages', spec: { pages: Array.from({ length: 1000 }, () => ({})) }, runs: 5 },
];

const only = process.argv.slice(2); // e.g. `npm run bench -w packages/pdf-seal -- "100 MB"`
const cacheDir = join(tmpdir(), 'hall-pdfseal-bench-v1');
mkdirSync(cacheDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'hall-pdfseal-bench-run-'));

function cachedPdf(c: Case): string {
  const path = join(cacheDir, `${c.name.replace(/\W+/g, '-')}.pdf`);
  if (!existsSync(path)) {
    writePdf(`${path}.part`, c.spec);
    renameSync(`${path}.part`, path);
  }
  return path;
}

interface Measured {
  ms: number;
  peakRssBytes: number;
  processMs: number;
}

async function measure(args: string[]): Promise<Measured> {
  const r = await run(process.execPath, ['--import', 'tsx', child, ...args], { timeoutMs: 900_000, env: { ...process.env, BENCH_WORK: work } });
  if (r.exitCode !== 0) throw new Error(`child ${args[0]} failed: ${r.stderr}`);
  const { ms, peakRssBytes } = JSON.parse(r.stdout.toString('utf8').trim().split('\n').at(-1)!) as { ms: number; peakRssBytes: number };
  return { ms, peakRssBytes, processMs: r.ms };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtMb = (b: number) => (b / MB).toFixed(1);

async function main() {
  const pki = await createTestPki(work);
  const sealPath = join(work, 'seal.png');
  writeFileSync(sealPath, redRoundSealPng());
  const { p12Path, p12Password } = pki.rsa;

  const rows: string[][] = [];
  const baseline = median((await Promise.all([0, 1, 2].map(() => measure(['baseline'])))).map((m) => m.peakRssBytes));
  console.log(`baseline peak RSS (node + tsx + library loaded, nothing done): ${fmtMb(baseline)} MB`);

  for (const c of cases) {
    if (only.length && !only.includes(c.name)) continue;
    const file = cachedPdf(c);
    const size = statSync(file).size;
    const out = join(work, 'signed.pdf');
    const boxOut = join(work, 'pdfbox.pdf');
    const m = { sha: [] as Measured[], sign: [] as Measured[], verify: [] as Measured[], boxJava: [] as number[], boxProcess: [] as number[] };
    for (let i = 0; i < c.runs; i++) {
      // interleaved, so that a slow moment of the machine hits every column alike
      m.sha.push(await measure(['sha256', file]));
      m.sign.push(await measure(['sign', file, out, p12Path, p12Password, sealPath]));
      m.verify.push(await measure(['verify', out]));
      const box = await pdfboxSign(file, boxOut, p12Path, p12Password);
      m.boxJava.push(box.javaMs);
      m.boxProcess.push(box.processMs);
      rmSync(boxOut, { force: true });
      process.stdout.write('.');
    }
    const sha = median(m.sha.map((x) => x.ms));
    const signMs = median(m.sign.map((x) => x.ms));
    const signPeak = median(m.sign.map((x) => x.peakRssBytes));
    const verifyMs = median(m.verify.map((x) => x.ms));
    const verifyPeak = median(m.verify.map((x) => x.peakRssBytes));
    const boxJava = median(m.boxJava);
    const boxProcess = median(m.boxProcess);
    rows.push([
      c.name,
      fmtMb(size),
      String(c.runs),
      fmtMs(sha),
      fmtMs(signMs),
      fmtMs(median(m.sign.map((x) => x.processMs))),
      fmtMb(signPeak),
      fmtMs(verifyMs),
      fmtMb(verifyPeak),
      fmtMs(boxJava),
      fmtMs(boxProcess),
      (signMs / sha).toFixed(2),
      (boxJava / signMs).toFixed(2),
      (signPeak / size).toFixed(2),
      ((signPeak - baseline) / size).toFixed(2),
      (verifyPeak / size).toFixed(2),
    ]);
    console.log(` ${c.name} done`);
  }

  const header = [
    'file', 'size MB', 'runs', 'SHA-256 ms', 'sign ms', 'sign process ms', 'sign peak RSS MB', 'verify ms', 'verify peak RSS MB',
    'PDFBox sign ms (in JVM)', 'PDFBox process ms', 'sign / SHA-256', 'PDFBox / sign', 'sign peak / size', '(sign peak − baseline) / size', 'verify peak / size',
  ];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  console.log(`\n${table}\n`);
  console.log(`Medians. Peak RSS is the child process's VmHWM, including the ${fmtMb(baseline)} MB baseline of node + tsx + library.`);
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
