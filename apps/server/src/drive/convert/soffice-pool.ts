// A pool of LibreOffice processes for Word→PDF. Each concurrent process gets its own user
// profile: two soffice processes sharing one profile make the second conversion silently
// produce nothing. Each run is its own process group, so a hung conversion is killed whole
// (soffice is a wrapper script around oosplash and soffice.bin).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SofficeOptions {
  sofficePath: string;
  concurrency: number;
  timeoutMs: number;
  /** Where this pool's profiles live (a fresh subfolder per pool, removed on close). */
  workDir: string;
}

export interface SofficeResult {
  code: number | null;
  timedOut: boolean;
  output: string;
}

export class SofficePool {
  private readonly free: string[] = [];
  private readonly waiting: ((profile: string) => void)[] = [];
  private root: Promise<string> | null = null;

  constructor(private readonly options: SofficeOptions) {}

  private async profiles(): Promise<string> {
    this.root ??= mkdir(this.options.workDir, { recursive: true }).then(() => mkdtemp(join(this.options.workDir, 'soffice-'))).then((dir) => {
      for (let i = 0; i < this.options.concurrency; i++) this.free.push(join(dir, `profile-${i}`));
      return dir;
    });
    return this.root;
  }

  private async acquire(): Promise<string> {
    await this.profiles();
    const profile = this.free.pop();
    if (profile) return profile;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(profile: string): void {
    const next = this.waiting.shift();
    if (next) next(profile);
    else this.free.push(profile);
  }

  /**
   * Converts `input` to PDF in `outDir` (same base name, .pdf). `inFilter` pins the import
   * filter: left to guess, LibreOffice imports a damaged document as plain text and
   * "succeeds" with a PDF of garbage.
   */
  async convert(input: string, outDir: string, inFilter?: string): Promise<SofficeResult> {
    const profile = await this.acquire();
    try {
      return await this.run(profile, input, outDir, inFilter);
    } finally {
      this.release(profile);
    }
  }

  private run(profile: string, input: string, outDir: string, inFilter?: string): Promise<SofficeResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        this.options.sofficePath,
        [
          '--headless',
          '--norestore',
          '--nologo',
          '--nodefault',
          '--nolockcheck',
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          ...(inFilter ? [`--infilter=${inFilter}`] : []),
          '--convert-to',
          'pdf',
          '--outdir',
          outDir,
          input,
        ],
        { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: profile } },
      );
      let output = '';
      const collect = (chunk: Buffer) => {
        if (output.length < 8192) output += chunk.toString();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      let timedOut = false;
      const killGroup = () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
      }, this.options.timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        killGroup(); // stragglers of the group
        resolve({ code, timedOut, output });
      });
    });
  }

  async close(): Promise<void> {
    if (this.root) await rm(await this.root, { recursive: true, force: true });
    this.root = null;
    this.free.length = 0;
  }
}
