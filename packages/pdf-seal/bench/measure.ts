// One measurement = one child process (bench/child.ts), so that its peak RSS is its own.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../test/support/run.ts';

const child = join(dirname(fileURLToPath(import.meta.url)), 'child.ts');

export interface Measured {
  /** the operation alone, inside the child */
  ms: number;
  /** sign only: the part of `ms` spent in the key's sign call */
  keyMs: number;
  peakRssBytes: number;
  /** the whole child: Node + tsx start-up, module loading, opening the key, the operation */
  processMs: number;
}

export async function measure(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const r = await run(process.execPath, ['--import', 'tsx', child, ...args], { timeoutMs: 900_000, env });
  if (r.exitCode !== 0) throw new Error(`child ${args[0]} failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.toString('utf8').trim().split('\n').at(-1)!) as { ms: number; keyMs?: number; peakRssBytes: number };
  return { ms: m.ms, keyMs: m.keyMs ?? 0, peakRssBytes: m.peakRssBytes, processMs: r.ms };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
