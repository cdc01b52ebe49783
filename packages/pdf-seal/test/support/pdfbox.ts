// PDFBox 2 + BouncyCastle as an independent verifier and a second signer
// (test/java/PdfBoxCheck.java, compiled on first use and cached by source hash).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run.ts';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', 'java', 'PdfBoxCheck.java');
const repoRoot = join(here, '..', '..', '..', '..');

export const pdfboxClasspath = [
  '/usr/share/java/pdfbox2.jar',
  '/usr/share/java/fontbox2.jar',
  '/usr/share/java/bcprov.jar',
  '/usr/share/java/bcpkix.jar',
  '/usr/share/java/bcutil.jar',
  '/usr/share/java/commons-logging.jar',
].join(':');

let compiled: Promise<string> | undefined;

/** Directory holding PdfBoxCheck.class; compiled once per source version, shared by workers. */
export function pdfboxClasses(): Promise<string> {
  compiled ??= (async () => {
    const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16);
    const cacheRoot = join(repoRoot, 'node_modules', '.cache', 'hall-pdfbox');
    const dir = join(cacheRoot, hash);
    if (existsSync(join(dir, 'PdfBoxCheck.class'))) return dir;
    mkdirSync(cacheRoot, { recursive: true });
    // compile beside, then rename: test workers may race to compile the same source
    const tmp = mkdtempSync(join(cacheRoot, `build-${hash}-`));
    const r = await run('javac', ['-nowarn', '-cp', pdfboxClasspath, '-d', tmp, source], { timeoutMs: 180_000 });
    if (r.exitCode !== 0) throw new Error(`javac failed: ${r.stderr}`);
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another worker won the race
    }
    return dir;
  })();
  return compiled;
}

async function java(args: string[], timeoutMs: number) {
  const classes = await pdfboxClasses();
  return run('java', ['-Xmx4g', '-cp', `${pdfboxClasspath}:${classes}`, 'PdfBoxCheck', ...args], { timeoutMs });
}

export interface PdfboxSignature {
  name: string | null;
  subFilter: string | null;
  byteRange: string | null;
  signer: string | null;
  /** starts at 0 and the gap is exactly the /Contents hex string */
  byteRangeOk: boolean;
  coversWholeFile: boolean;
  /** CMS messageDigest equals the digest of the ByteRange content */
  digestMatches: boolean;
  /** BouncyCastle SignerInformation.verify */
  cmsVerifies: boolean;
  hasTimestamp: boolean;
  timestampVerifies: boolean;
  timestampTime?: string;
  valid: boolean;
  problems: string[];
}

export interface PdfboxReport {
  /** false when PDFBox could not load the file or crashed */
  completed: boolean;
  fileLength?: number;
  signatures: PdfboxSignature[];
  output: string;
}

export async function pdfboxVerify(file: string, timeoutMs = 120_000): Promise<PdfboxReport> {
  const r = await java(['verify', file], timeoutMs);
  const output = r.stdout.toString('utf8');
  if (r.exitCode !== 0 || r.timedOut) return { completed: false, signatures: [], output: output + r.stderr };
  const parsed = JSON.parse(output) as { fileLength: number; signatures: PdfboxSignature[] };
  return { completed: true, fileLength: parsed.fileLength, signatures: parsed.signatures, output };
}

export interface PdfboxSignResult {
  /** signing time measured inside the JVM (load + sign + saveIncremental), no JVM start */
  javaMs: number;
  /** whole process, JVM start included */
  processMs: number;
}

export async function pdfboxSign(input: string, output: string, p12: string, password: string, timeoutMs = 600_000): Promise<PdfboxSignResult> {
  const r = await java(['sign', input, output, p12, password], timeoutMs);
  if (r.exitCode !== 0 || r.timedOut) throw new Error(`PDFBox sign failed (exit ${r.exitCode}, timedOut ${r.timedOut}): ${r.stderr.slice(0, 2000)}`);
  const { ms } = JSON.parse(r.stdout.toString('utf8')) as { ms: number };
  return { javaMs: ms, processMs: r.ms };
}
