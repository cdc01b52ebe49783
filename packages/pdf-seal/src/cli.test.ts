import { describe, it, expect, beforeAll, vi, afterEach } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRootCa, issueEnterpriseCertificate, exportPkcs12, toPem, renderOfficialSeal } from '@hall/pki';
import { main, parsePages } from './cli.ts';
import { makePdf } from './testing/make-pdf.ts';
import { pdfsig } from './testing/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'pdfseal-cli-'));
const p = (n: string) => join(dir, n);
let out: string[] = [];

beforeAll(async () => {
  const ca = await createRootCa({ commonName: 'CLI Test Root' });
  const ent = await issueEnterpriseCertificate(ca, { unitName: '景德镇测试建设有限公司', creditCode: '91350100M000100Y43' });
  writeFileSync(p('key.p12'), await exportPkcs12({ certificate: ent.certificate, privateKeyPkcs8: ent.privateKeyPkcs8, chain: ent.chain, password: '123456' }));
  writeFileSync(p('root.pem'), toPem(ca.certificate));
  writeFileSync(p('seal.png'), await renderOfficialSeal('景德镇测试建设有限公司'));
  writeFileSync(p('in.pdf'), makePdf([{}, {}, { rotate: 90 }]));
});

afterEach(() => {
  vi.restoreAllMocks();
  out = [];
});

function capture() {
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
}

describe('pdfseal CLI', () => {
  it('parses page lists', () => {
    expect(parsePages('1-3,5', 9)).toEqual([1, 2, 3, 5]);
    expect(parsePages('all', 3)).toEqual([1, 2, 3]);
  });

  it('sign with a PKCS#12 key, seal on pages, cross-page seal and text; verify trusts it; info lists it', async () => {
    capture();
    const code = await main([
      'sign', p('in.pdf'), '-o', p('out.pdf'), '--p12', p('key.p12'), '--pin', '123456',
      '--seal', p('seal.png'), '--seal-size', '40', '--place', '1-2@200,300', '--cross-page', 'all@400',
      '--text', '1@100,500=2022年09月01日', '--reason', '同意',
    ]);
    expect(out.join('\n')).toContain('已签章');
    expect(code).toBe(0);
    expect(pdfsig(p('out.pdf')).every((s) => s.valid && s.total)).toBe(true);

    expect(await main(['verify', p('out.pdf'), '--trust', p('root.pem')])).toBe(0);
    out = [];
    expect(await main(['verify', p('out.pdf'), '--trust', p('root.pem'), '--json'])).toBe(0);
    const report = JSON.parse(out.join('\n'));
    expect(report.ok).toBe(true);
    expect(report.signatures[0]).toMatchObject({ trusted: true, intact: true, coverage: 'entire-file' });
    expect(report.signatures[0].signer.subject).toContain('景德镇测试建设有限公司');

    out = [];
    expect(await main(['info', p('out.pdf'), '--json'])).toBe(0);
    const info = JSON.parse(out.join('\n'));
    expect(info.pages.count).toBe(3);
    expect(info.pages.sizes[2]).toEqual({ width: 842, height: 595, rotation: 90 });
    expect(info.signatures).toHaveLength(1);
  });

  it('exit codes: 1 for no signature or a wrong PIN, 2 for an unreadable file or bad usage', async () => {
    capture();
    expect(await main(['verify', p('in.pdf')])).toBe(1);
    writeFileSync(p('junk.pdf'), 'not a pdf');
    expect(await main(['verify', p('junk.pdf')])).toBe(2);
    expect(await main(['sign', p('in.pdf'), '-o', p('bad-pin.pdf'), '--p12', p('key.p12'), '--pin', '000000'])).toBe(1);
    expect(existsSync(p('bad-pin.pdf'))).toBe(false);
    expect(await main(['sign', p('in.pdf')])).toBe(2);
    expect(await main(['frobnicate'])).toBe(2);
  });

  it('--help and -h print the usage alone and exit 0', async () => {
    capture();
    for (const args of [['--help'], ['-h'], ['sign', '--help']]) {
      out = [];
      expect(await main(args)).toBe(0);
      expect(out.join('\n')).toMatch(/^用法:/);
      expect(out.join('\n')).not.toContain('未知命令');
      expect(out.join('\n')).toContain('--cert ID|SERIAL');
    }
  });
});
