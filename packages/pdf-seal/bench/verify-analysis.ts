// Verify with the change analysis on the 100 MB file after five signatures, beside one
// SHA-256 pass over the same file (target: at most 5×). Each measurement runs in its own
// child process (bench/child.ts). Run alone:
//   node --import tsx packages/pdf-seal/bench/verify-analysis.ts
// or call `verifyAnalysisRow` from bench/run.ts.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sign, type Placement } from '@hall/pdf-seal';
import { makeSealPng } from '../src/testing/make-pdf.ts';
import { testIdentity } from '../src/testing/signers.ts';
import { writePdf } from '../test/support/make-pdf.ts';
import { measure, median } from './measure.ts';

const MB = 1 << 20;

/** The 100 MB test file with five of our signatures (cached in os.tmpdir()). */
export async function fiveSignatureFile(cacheDir = join(tmpdir(), 'hall-pdfseal-bench-v1')): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, '100-MB-5-signatures.pdf');
  if (existsSync(path)) return path;
  const base = join(cacheDir, '100-MB.pdf');
  if (!existsSync(base)) {
    writePdf(`${base}.part`, { pages: Array.from({ length: 25 }, () => ({ imageBytes: 4 * MB })) });
    renameSync(`${base}.part`, base);
  }
  const id = await testIdentity('RSA');
  const seal = { png: makeSealPng(), widthMm: 40 };
  const parties: Placement[][] = [
    [{ kind: 'seal', pages: [1], x: 150, y: 200, image: seal }],
    [{ kind: 'seal', pages: [1, 2, 3], x: 400, y: 300, image: seal }],
    [{ kind: 'cross-page', pages: Array.from({ length: 25 }, (_, i) => i + 1), y: 450, image: seal }],
    [{ kind: 'text', page: 1, x: 300, y: 700, text: '2022年09月01日' }],
    [],
  ];
  let from = base;
  const parts: string[] = [];
  for (const [i, placements] of parties.entries()) {
    const to = `${path}.part${i}`;
    await sign(from, id.signer, { placements }, to);
    parts.push(to);
    from = to;
  }
  renameSync(from, path);
  for (const p of parts) rmSync(p, { force: true });
  return path;
}

export interface VerifyAnalysisRow {
  sizeMb: number;
  runs: number;
  sha256Ms: number;
  verifyMs: number;
  verifyProcessMs: number;
  verifyPeakRssMb: number;
  ratio: number;
}

/** Medians of `runs` interleaved measurements of SHA-256 and verify (with the change analysis). */
export async function verifyAnalysisRow(runs = 3): Promise<VerifyAnalysisRow> {
  const file = await fiveSignatureFile();
  const sha: number[] = [];
  const ver: Awaited<ReturnType<typeof measure>>[] = [];
  for (let i = 0; i < runs; i++) {
    sha.push((await measure(['sha256', file])).ms);
    ver.push(await measure(['verify', file]));
  }
  const verifyMs = median(ver.map((m) => m.ms));
  return {
    sizeMb: statSync(file).size / MB,
    runs,
    sha256Ms: median(sha),
    verifyMs,
    verifyProcessMs: median(ver.map((m) => m.processMs)),
    verifyPeakRssMb: median(ver.map((m) => m.peakRssBytes)) / MB,
    ratio: verifyMs / median(sha),
  };
}

export const verifyAnalysisHeader = ['file', 'size MB', 'runs', 'SHA-256 ms', 'verify + change analysis ms', 'verify process ms', 'verify peak RSS MB', 'verify / SHA-256 (target ≤ 5)'];

export function verifyAnalysisCells(r: VerifyAnalysisRow): string[] {
  return ['100 MB, 5 signatures', r.sizeMb.toFixed(1), String(r.runs), r.sha256Ms.toFixed(0), r.verifyMs.toFixed(0), r.verifyProcessMs.toFixed(0), r.verifyPeakRssMb.toFixed(1), r.ratio.toFixed(2)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cells = verifyAnalysisCells(await verifyAnalysisRow());
  for (const r of [verifyAnalysisHeader, verifyAnalysisHeader.map(() => '---'), cells]) console.log(`| ${r.join(' | ')} |`);
}
