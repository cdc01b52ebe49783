// `npm run bench -w packages/pdf-seal`: time and peak memory of sign and verify on 1 MB,
// 10 MB, 100 MB and 1,000-page PDFs, beside one SHA-256 pass over the same file and beside
// PDFBox signing the same file; then verify with the change analysis on the 100 MB file
// with five signatures (bench/verify-analysis.ts). Each measurement runs in its own child
// process; the tables show medians. Test files are cached in os.tmpdir() between runs.
//   npm run bench -w packages/pdf-seal -- --only 100MB        (one row; also "100 MB")
//   npm run bench -w packages/pdf-seal -- --only 100MB5signatures
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePdf, type PdfSpec } from '../test/support/make-pdf.ts';
import { pdfboxSign } from '../test/support/pdfbox.ts';
import { createTestPki } from '../test/support/pki.ts';
import { redRoundSealPng } from '../test/support/seal-image.ts';
import { measure, median, type Measured } from './measure.ts';
import { verifyAnalysisCells, verifyAnalysisHeader, verifyAnalysisRow } from './verify-analysis.ts';

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

// names compared without spaces, punctuation or case: "100 MB" = "100MB" = "100mb"
const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const args = process.argv.slice(2);
const only = args.filter((a, i) => a !== '--only' && (args[i - 1] === '--only' || !a.startsWith('--'))).map(key);
const wanted = (name: string) => !only.length || only.includes(key(name));
const VERIFY_ANALYSIS = '100 MB, 5 signatures';
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
    if (!wanted(c.name)) continue;
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
      fmtMs(median(m.sign.map((x) => x.keyMs))),
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
    'file', 'size MB', 'runs', 'SHA-256 ms', 'sign ms', 'of which key ms', 'sign process ms', 'sign peak RSS MB', 'verify ms', 'verify peak RSS MB',
    'PDFBox sign ms (in JVM)', 'PDFBox process ms', 'sign / SHA-256', 'PDFBox / sign', 'sign peak / size', '(sign peak − baseline) / size', 'verify peak / size',
  ];
  const markdown = (t: string[][]) => t.map((r) => `| ${r.join(' | ')} |`).join('\n');
  if (rows.length) {
    console.log(`\n${markdown([header, header.map(() => '---'), ...rows])}\n`);
    console.log(`Medians. Peak RSS is the child process's VmHWM, including the ${fmtMb(baseline)} MB baseline of node + tsx + library.`);
  }
  if (wanted(VERIFY_ANALYSIS)) {
    const cells = verifyAnalysisCells(await verifyAnalysisRow());
    console.log(`\n${markdown([verifyAnalysisHeader, verifyAnalysisHeader.map(() => '---'), cells])}\n`);
  }
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${cpus().length} cores)`);
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
