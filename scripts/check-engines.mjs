// Every locked package must declare support for the Node we run on (Node 20 here):
// several current releases (cookie 2, nanoid 6, content-disposition 3…) moved to Node 22.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './bootstrap.mjs';

const require = createRequire(import.meta.url);
function loadSemver() {
  for (const p of ['semver', join(process.execPath, '..', '..', 'lib', 'node_modules', 'npm', 'node_modules', 'semver')]) {
    try { return require(p); } catch { /* next */ }
  }
  return null;
}
const semver = loadSemver();
if (!semver) {
  console.log('engines: semver not found, check skipped');
  process.exit(0);
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const bad = Object.entries(lock.packages)
  .filter(([name, v]) => name && v.engines?.node && !semver.satisfies(process.versions.node, v.engines.node, { includePrerelease: true }))
  .map(([name, v]) => `${name}@${v.version} wants node ${v.engines.node}`);
if (bad.length) {
  console.error(`packages that do not support Node ${process.versions.node}:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
console.log(`engines: all ${Object.keys(lock.packages).length - 1} locked packages support Node ${process.versions.node}`);
