// The key agent for download (DESIGN.md "CA-key login": the hall offers it with a one-line way to
// start it): the agent's own workspace and the three packages it imports, as sources, with a
// root package.json and a README naming this hall's origin. The sources come from the system
// tar (streamed, no temp file); the two generated files are written as tar entries ahead of
// tar's output, and the whole is gzipped on the way out. The README says `npm install`, not
// `npm ci`: the monorepo's lock covers far more than the agent, so the root package.json pins
// instead every package the agent needs (direct and transitive, as `overrides`) to the version
// of the hall's own lock — the versions the hall's tests ran with.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export const KEY_AGENT_ARCHIVE_NAME = 'hall-key-agent.tar.gz';
const TOP = 'hall-key-agent';
const SOURCES = ['apps/key-agent', 'packages/token', 'packages/pki', 'packages/shared'];
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

function readme(origin: string, command: string): string {
  return `# 签章软件控件 key-agent

CA 锁登录和在线盖章需要在本机运行的签章软件控件。它只在 127.0.0.1 上监听，只接受本网站（${origin}）的请求，
只有输入正确的 PIN 码才会用 CA 锁签名，PIN 码不会被保存。

需要：Node.js 20、CA 机构提供的 CA 锁驱动（PKCS#11 模块）。在解压出的 ${TOP} 目录中运行一行命令即可启动：

    ${command}

（npm install 只在第一次需要；此后运行 npx key-agent serve … 即可。）端口默认 18400（--port 可改）。
也可用 PKCS#12 证书文件代替 CA 锁：--p12 <文件> 。
`;
}

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * name → version for everything the agent's workspaces need, read from the monorepo's lock.
 * A package the lock holds at more than one version (nested node_modules) is left to npm:
 * one override would force a single version on all its dependants.
 */
export function pinnedVersions(lock: { packages: Record<string, LockEntry> }): Record<string, string> {
  const nested = new Set(
    Object.keys(lock.packages)
      .filter((path) => path.lastIndexOf('node_modules/') > 0)
      .map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
  );
  const pins: Record<string, string> = {};
  const queue = SOURCES.flatMap((src) => Object.keys(lock.packages[src]?.dependencies ?? {}));
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (name in pins || name.startsWith('@hall/')) continue;
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry?.version) continue;
    if (!nested.has(name)) pins[name] = entry.version;
    queue.push(...Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }));
  }
  return Object.fromEntries(Object.entries(pins).sort(([a], [b]) => a.localeCompare(b)));
}

function rootPackageJson(): string {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  return `${JSON.stringify(
    {
      name: TOP,
      private: true,
      type: 'module',
      workspaces: SOURCES,
      engines: { node: '>=20' },
      // the PKCS#11 binding builds a native module on install, tsx's esbuild checks its binary (npm versions that gate install scripts ask for this)
      allowScripts: { esbuild: true, pkcs11js: true },
      overrides: pinnedVersions(lock),
    },
    null,
    2,
  )}\n`;
}

/** One ustar entry (header + data, padded to 512). */
function tarEntry(name: string, content: string): Buffer {
  const data = Buffer.from(content, 'utf8');
  const header = Buffer.alloc(512);
  const field = (value: string, offset: number, length: number) => header.write(value, offset, length, 'utf8');
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0');
  field(name, 0, 100);
  field(octal(0o644, 8), 100, 8);
  field(octal(0, 8), 108, 8);
  field(octal(0, 8), 116, 8);
  field(octal(data.length, 12), 124, 12);
  field(octal(Math.floor(Date.now() / 1000), 12), 136, 12);
  field('        ', 148, 8); // checksum counted as spaces
  field('0', 156, 1);
  field('ustar\u000000', 257, 8);
  let sum = 0;
  for (const b of header) sum += b;
  field(`${octal(sum, 7)}\u0000`, 148, 8);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding]);
}

/** A gzip stream of the archive; errors of tar end the stream with an error. */
export function keyAgentArchive(origin: string, command: string): Readable {
  const tar = spawn(
    'tar',
    [
      '-c',
      '--exclude=node_modules',
      '--exclude=test',
      '--exclude=*.test.ts',
      '--exclude=.*',
      `--transform=s,^,${TOP}/,`,
      '-C',
      repoRoot,
      ...SOURCES,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out = new PassThrough();
  out.write(tarEntry(`${TOP}/package.json`, rootPackageJson()));
  out.write(tarEntry(`${TOP}/README.md`, readme(origin, command)));
  let stderr = '';
  tar.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  tar.stdout.pipe(out, { end: false });
  tar.on('error', (err) => out.destroy(err));
  tar.on('close', (code) => {
    if (code === 0) out.end();
    else out.destroy(new Error(`tar exited ${code}: ${stderr.trim()}`));
  });
  return out.pipe(createGzip());
}
