// Brings a fresh clone to the point where the hall can start and its tests can run.
// Plain Node with no dependencies: it runs before `npm ci` has ever happened.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function log(msg) {
  process.stderr.write(`[hall] ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  }
  return r.status === 0;
}

export function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** npm packages: `npm ci` when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/**
 * Debian packages the features need, each with the check that tells it is there.
 * Missing ones are installed with apt-get when we are root; otherwise we print the
 * command and the features that need them report themselves unavailable at run time.
 */
export const systemPackages = [
  { pkg: 'libreoffice-writer-nogui', feature: 'Word→PDF 转换', present: () => has('soffice') },
  { pkg: 'fonts-noto-cjk', feature: '中文字体 (转换、印章、文字)', present: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') },
  { pkg: 'poppler-utils', feature: 'pdfsig / pdftoppm / pdftotext (tests)', present: () => has('pdfsig') },
  { pkg: 'qpdf', feature: 'qpdf --check (tests)', present: () => has('qpdf') },
  { pkg: 'mupdf-tools', feature: 'mutool (tests)', present: () => has('mutool') },
  { pkg: 'libnss3-tools', feature: 'certutil / pk12util: NSS key store for pdfsig -add-signature (tests)', present: () => has('certutil') && has('pk12util') },
  { pkg: 'softhsm2', feature: 'SoftHSM2 demo USB keys', present: () => existsSync('/usr/lib/softhsm/libsofthsm2.so') },
  { pkg: 'opensc', feature: 'pkcs11-tool (token set-up checks)', present: () => has('pkcs11-tool') },
  // /usr/bin/convert, not `has('convert')`: some machines put a PNG-only stand-in first on PATH
  { pkg: 'imagemagick', feature: 'convert: JPG seal scans (tests)', present: () => existsSync('/usr/bin/convert') },
  { pkg: 'chromium', feature: 'browser tests', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'default-jre-headless', feature: 'PDFBox checker (tests)', present: () => has('java') },
  { pkg: 'libpdfbox2-java', feature: 'PDFBox checker (tests)', present: () => existsSync('/usr/share/java/pdfbox2.jar') },
  { pkg: 'libbcprov-java', feature: 'PDFBox checker (tests)', present: () => existsSync('/usr/share/java/bcprov.jar') },
  { pkg: 'libbcpkix-java', feature: 'PDFBox checker (tests)', present: () => existsSync('/usr/share/java/bcpkix.jar') },
];

export function ensureSystemPackages(list = systemPackages) {
  const missing = list.filter((p) => !p.present());
  if (missing.length === 0) return true;
  const names = [...new Set(missing.map((p) => p.pkg))];
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
  if (!isRoot || !has('apt-get')) {
    log(`missing Debian packages: ${names.join(' ')}`);
    for (const p of missing) log(`  ${p.pkg}: needed for ${p.feature}`);
    log(`install them with: sudo sh -c '${cmd}'`);
    return false;
  }
  log(`installing Debian packages: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env });
  return true;
}

/** The newest PostgreSQL server binaries on this machine, if any. */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}
