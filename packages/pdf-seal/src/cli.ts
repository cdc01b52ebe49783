// pdfseal: sign, verify and inspect PDFs from the command line (see /work/notes/pdfseal-api.md).
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Token } from '@hall/token';
import { sign } from './sign/sign.ts';
import { verify } from './verify/verify.ts';
import { info } from './info.ts';
import { revisionsCommand } from './revisions/command.ts';
import { PdfSealError } from './errors.ts';
import type { Placement, SealImage, VerifyReport, PdfInfo } from './types.ts';

const USAGE = `用法:
  pdfseal sign IN.pdf -o OUT.pdf (--p12 FILE | --pkcs11 MODULE.so [--token LABEL]) --pin PIN
          [--cert ID|SERIAL] [--seal IMAGE.png] [--seal-size MM] [--place PAGES@X,Y]... [--cross-page PAGES@Y]
          [--text 'PAGE@X,Y=TEXT']... [--tsa URL] [--ltv] [--reason TEXT] [--location TEXT]
          [--certify 1|2|3]
  pdfseal verify IN.pdf [--trust CA.pem]... [--json]
  pdfseal info IN.pdf [--json]
  pdfseal revisions IN.pdf [--json] [--extract N -o OUT.pdf]
  pdfseal --help
CA 锁中有多张证书时用 --cert 指定其一：证书 ID（十六进制）或证书序列号。
坐标单位为点 (1/72 英寸)，从页面显示时的左上角量起；PAGES 形如 1、1-3、1,3,5 或 all。`;

class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string[]>;
}

const BOOLEAN_FLAGS = new Set(['--json', '--ltv', '--help', '-h']);

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      const [k, inline] = a.includes('=') && a.startsWith('--') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      let v = inline;
      if (BOOLEAN_FLAGS.has(k)) v = 'true';
      else if (v === undefined) {
        v = argv[++i];
        if (v === undefined) throw new UsageError(`${k} 缺少参数值`);
      }
      flags.set(k, [...(flags.get(k) ?? []), v]);
    } else positional.push(a);
  }
  return { positional, flags };
}

const one = (p: Parsed, k: string) => p.flags.get(k)?.at(-1);

export function parsePages(spec: string, count: number): number[] {
  if (spec === 'all') return Array.from({ length: count }, (_, i) => i + 1);
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new UsageError(`页码格式不正确: ${spec}`);
    const a = +m[1];
    const b = m[2] ? +m[2] : a;
    for (let n = Math.min(a, b); n <= Math.max(a, b); n++) out.push(n);
  }
  return out;
}

function point(s: string): [number, number] {
  const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*$/.exec(s);
  if (!m) throw new UsageError(`坐标格式不正确: ${s}`);
  return [+m[1], +m[2]];
}

async function placementsFrom(p: Parsed, pageCount: number, seal: SealImage | undefined): Promise<Placement[]> {
  const out: Placement[] = [];
  const needSeal = () => {
    if (!seal) throw new UsageError('请用 --seal 指定印章图片（或在 CA 锁中存放印章）');
    return seal;
  };
  for (const spec of p.flags.get('--place') ?? []) {
    const at = spec.lastIndexOf('@');
    if (at < 0) throw new UsageError(`--place 格式应为 PAGES@X,Y: ${spec}`);
    const [x, y] = point(spec.slice(at + 1));
    out.push({ kind: 'seal', pages: parsePages(spec.slice(0, at), pageCount), x, y, image: needSeal() });
  }
  for (const spec of p.flags.get('--cross-page') ?? []) {
    const at = spec.lastIndexOf('@');
    if (at < 0 || !Number.isFinite(+spec.slice(at + 1))) throw new UsageError(`--cross-page 格式应为 PAGES@Y: ${spec}`);
    out.push({ kind: 'cross-page', pages: parsePages(spec.slice(0, at), pageCount), y: +spec.slice(at + 1), image: needSeal() });
  }
  for (const spec of p.flags.get('--text') ?? []) {
    const m = /^(\d+)@([^=]+)=(.*)$/s.exec(spec);
    if (!m) throw new UsageError(`--text 格式应为 PAGE@X,Y=TEXT: ${spec}`);
    const [x, y] = point(m[2]);
    out.push({ kind: 'text', page: +m[1], x, y, text: m[3] });
  }
  return out;
}

function pemOrDerCerts(buf: Buffer): Uint8Array[] {
  const text = buf.toString('latin1');
  if (!text.includes('-----BEGIN')) return [new Uint8Array(buf)];
  const out: Uint8Array[] = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(new Uint8Array(Buffer.from(m[1].replace(/\s/g, ''), 'base64')));
  return out;
}

function certifyLevel(v: string | undefined): 1 | 2 | 3 | undefined {
  if (v === undefined) return undefined;
  if (v !== '1' && v !== '2' && v !== '3') throw new UsageError('--certify 应为 1、2 或 3');
  return Number(v) as 1 | 2 | 3;
}

const hexKey = (s: string) => s.toLowerCase().replace(/[^0-9a-f]/g, '').replace(/^0+(?=.)/, '');

/** The certificate named by --cert (its token ID or its serial number, in hex), or the only one. */
async function chooseCertificate(token: Token, wanted: string | undefined): Promise<string> {
  const certs = (await token.certificates()).map((c) => {
    const x = new X509Certificate(c.certificate);
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(x.subject)?.[1] ?? x.subject.replace(/\n/g, ', ');
    return { id: c.id, serial: x.serialNumber.toLowerCase(), cn };
  });
  const list = () => certs.map((c) => `  ID ${c.id}  序列号 ${c.serial}  ${c.cn}`).join('\n');
  if (!certs.length) throw new UsageError('CA 锁中没有证书');
  if (wanted === undefined) {
    if (certs.length === 1) return certs[0].id;
    throw new UsageError(`CA 锁中有 ${certs.length} 张证书，请用 --cert 指定证书 ID 或序列号：\n${list()}`);
  }
  const key = hexKey(wanted);
  const found = certs.filter((c) => hexKey(c.id) === key || hexKey(c.serial) === key);
  if (found.length !== 1) throw new UsageError(`CA 锁中没有 ID 或序列号为 ${wanted} 的证书；现有：\n${list()}`);
  return found[0].id;
}

async function cmdSign(p: Parsed): Promise<number> {
  const [input] = p.positional;
  const output = one(p, '-o') ?? one(p, '--output');
  const pin = one(p, '--pin');
  const p12 = one(p, '--p12');
  const pkcs11 = one(p, '--pkcs11');
  if (!input || !output) throw new UsageError('需要输入文件和 -o 输出文件');
  if (!pin) throw new UsageError('需要 --pin');
  if (!p12 === !pkcs11) throw new UsageError('请指定 --p12 或 --pkcs11 之一');
  const tokens = await import('@hall/token');
  const token = p12 ? await tokens.openP12Token({ file: p12, password: pin }) : await tokens.openPkcs11Token({ module: pkcs11!, tokenLabel: one(p, '--token') });
  try {
    const certId = await chooseCertificate(token, one(p, '--cert'));
    const signer = await tokens.tokenSigner(token, certId, pin);
    const sizeMm = one(p, '--seal-size') ? Number(one(p, '--seal-size')) : undefined;
    if (sizeMm !== undefined && !(sizeMm > 0)) throw new UsageError('--seal-size 应为正数（毫米）');
    let seal: SealImage | undefined;
    const sealFile = one(p, '--seal');
    if (sealFile) seal = { png: new Uint8Array(await readFile(sealFile)), widthMm: sizeMm };
    else if (p.flags.has('--place') || p.flags.has('--cross-page')) {
      const fromToken = (await token.seals(certId))[0];
      if (fromToken) seal = { png: fromToken.png, widthMm: sizeMm ?? fromToken.widthMm };
    }
    const pageCount = (await info(input)).pages.count;
    const placements = await placementsFrom(p, pageCount, seal);
    await sign(
      input,
      signer,
      {
        placements,
        reason: one(p, '--reason'),
        location: one(p, '--location'),
        tsaUrl: one(p, '--tsa'),
        ltv: p.flags.has('--ltv') || undefined,
        certify: certifyLevel(one(p, '--certify')),
      },
      output,
    );
  } finally {
    await token.close();
  }
  console.log(`已签章: ${output}`);
  return 0;
}

function printVerify(r: VerifyReport): void {
  if (!r.signatures.length) console.log('文件中没有签章');
  r.signatures.forEach((s, i) => {
    console.log(`签章 #${i + 1}  域: ${s.field}`);
    console.log(`  签章人: ${s.signer?.subject ?? '未知'}  序列号: ${s.signer?.serialNumber ?? '-'}`);
    console.log(`  签章时间: ${s.signedAt ?? '-'}${s.timestamp ? `  时间戳: ${s.timestamp.time}` : ''}`);
    console.log(`  完整: ${s.intact ? '是' : '否'}  覆盖: ${s.coverage}  之后修改: ${s.modificationsAfter}  可信: ${s.trusted === null ? '未检查' : s.trusted ? '是' : '否'}`);
    for (const pr of s.problems) console.log(`  问题: ${pr}`);
    for (const c of s.changes ?? []) if (!c.allowed) console.log(`  不允许的修改: 版本 ${c.revision + 1} 对象 ${c.object}：${c.reason}`);
  });
  console.log(r.ok ? '验证通过' : '验证未通过');
}

async function cmdVerify(p: Parsed): Promise<number> {
  const [input] = p.positional;
  if (!input) throw new UsageError('需要输入文件');
  const trust = p.flags.get('--trust');
  const anchors = trust ? (await Promise.all(trust.map((f) => readFile(f)))).flatMap(pemOrDerCerts) : undefined;
  const r = await verify(input, { trustAnchors: anchors });
  if (one(p, '--json')) console.log(JSON.stringify(r, null, 2));
  else printVerify(r);
  return r.ok ? 0 : 1;
}

function printInfo(i: PdfInfo): void {
  console.log(`页数: ${i.pages.count}  版本数: ${i.revisions}  加密: ${i.encrypted ? '是' : '否'}  大小: ${i.size} 字节`);
  i.pages.sizes.forEach((s, n) => console.log(`  第 ${n + 1} 页: ${s.width} × ${s.height} pt  旋转 ${s.rotation}°`));
  for (const s of i.signatures) console.log(`签章 ${s.field}: ${s.signer ?? '未知'} ${s.signedAt ?? ''}`);
}

async function cmdInfo(p: Parsed): Promise<number> {
  const [input] = p.positional;
  if (!input) throw new UsageError('需要输入文件');
  const r = await info(input);
  if (one(p, '--json')) console.log(JSON.stringify(r, null, 2));
  else printInfo(r);
  return 0;
}

/** Runs one command; returns the exit code (0 ok, 1 not ok / failed, 2 unreadable input or bad usage). */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
      console.log(USAGE);
      return 0;
    }
    const p = parseArgs(rest);
    if (!cmd || p.flags.has('--help') || p.flags.has('-h')) {
      console.log(USAGE);
      return cmd ? 0 : 2;
    }
    if (cmd === 'sign') return await cmdSign(p);
    if (cmd === 'verify') return await cmdVerify(p);
    if (cmd === 'info') return await cmdInfo(p);
    if (cmd === 'revisions')
      return await revisionsCommand({ input: p.positional[0], json: !!one(p, '--json'), extract: one(p, '--extract'), output: one(p, '-o') ?? one(p, '--output') });
    throw new UsageError(`未知命令: ${cmd}`);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof PdfSealError) {
      console.error(e.message);
      return e.code === 'PDF_UNREADABLE' || e.code === 'PDF_ENCRYPTED' ? 2 : 1;
    }
    const err = e as Error & { code?: string };
    if (err.code === 'ENOENT') {
      console.error(`找不到文件: ${(err as { path?: string }).path ?? ''}`);
      return 2;
    }
    console.error(err.message ?? String(e));
    return 1;
  }
}
