// Builds the web app when its output is missing or older than its sources.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { log, root, run } from './bootstrap.mjs';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureWebBuild() {
  const web = join(root, 'apps', 'web');
  const index = join(web, 'dist', 'index.html');
  const shared = join(root, 'packages', 'shared', 'src');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newest(web), newest(shared))) return;
  log('building the web app…');
  run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: web });
}
