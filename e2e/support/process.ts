// Child processes for the browser tests: the real server and the real key agent, each on a
// free port of its own so parallel runs on one machine never collide.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  process: ChildProcess;
  /** the last lines the process wrote (stdout and stderr), for failure messages */
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

const KEEP_CHARS = 64_000;

export function startChild(args: string[], env: Record<string, string>, name: string): Child {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.length > KEEP_CHARS) out = out.slice(-KEEP_CHARS);
    if (process.env.E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { process: child, output: () => out, exited, stop };
}

/** Polls `url` until it answers with one of `statuses`, the child dies, or time runs out. */
export async function waitForHttp(child: Child, url: string, statuses: number[], timeoutMs: number, name: string): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void child.exited.then(() => (died = true));
  let lastError = '';
  while (Date.now() < deadline) {
    if (died) throw new Error(`${name} exited (code ${child.process.exitCode}) before ${url} answered:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (statuses.includes(res.status)) return res;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await child.stop();
  throw new Error(`${name}: ${url} did not answer within ${timeoutMs} ms (${lastError}):\n${child.output()}`);
}
