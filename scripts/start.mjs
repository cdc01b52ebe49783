// `npm start`: the hall with demo data on the embedded defaults (PGlite, local blobs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureNodeModules, ensureSystemPackages, root } from './bootstrap.mjs';

ensureNodeModules();
ensureSystemPackages();
const { ensureWebBuild } = await import('./web-build.mjs');
ensureWebBuild();

const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'main.ts'), '--demo'], {
  cwd: join(root, 'apps', 'server'),
  stdio: 'inherit',
  env: { ...process.env, HALL_DATA_DIR: process.env.HALL_DATA_DIR ?? join(root, '.data') },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
