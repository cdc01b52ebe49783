import { describe, expect, it } from 'vitest';
import type { SignatureReport } from '@hall/pdf-seal';
import { describeReport, signerOf } from './describe-report.ts';

const base: SignatureReport = {
  field: 'Signature1',
  subFilter: 'ETSI.CAdES.detached',
  signer: { subject: 'C=CN, O=景德镇市测试建设有限公司, 2.5.4.97=NTRCN-91350100M000100Y43, CN=景德镇市测试建设有限公司', serialNumber: '0a' },
  signedAt: '2026-12-04T08:00:00.000Z',
  intact: true,
  coverage: 'entire-file',
  modificationsAfter: 'none',
  trusted: true,
  timestamp: null,
  problems: [],
};

describe('signature report in plain Chinese', () => {
  it('reads the unit and its credit code from the subject, in any of the CA styles', () => {
    expect(signerOf(base.signer!.subject)).toEqual({ commonName: '景德镇市测试建设有限公司', unitName: '景德镇市测试建设有限公司', creditCode: '91350100M000100Y43' });
    expect(signerOf('CN=051@景德镇市某公司@91350100M000100Y43@1').creditCode).toBe('91350100M000100Y43');
    expect(signerOf('CN=Somebody, O=Acme').creditCode).toBeNull();
  });

  it('a disallowed change after signing makes the signature invalid; an allowed one does not', () => {
    const allowed = describeReport({ ok: true, signatures: [{ ...base, coverage: 'entire-revision', modificationsAfter: 'allowed' }] });
    expect(allowed.ok).toBe(true);
    expect(allowed.signatures[0]!.summary).toBe('签章有效：签章后文件有修改，但属于允许的修改（如他人追加盖章、签名）；证书可信');
    const changed = describeReport({ ok: false, signatures: [{ ...base, coverage: 'entire-revision', modificationsAfter: 'disallowed' }] });
    expect(changed.ok).toBe(false);
    expect(changed.signatures[0]).toMatchObject({ valid: false, summary: '签章无效：签章后文件被修改过，且修改不被允许；证书可信' });
    expect(describeReport({ ok: false, signatures: [{ ...base, intact: false }] }).signatures[0]!.summary).toContain('篡改');
    expect(describeReport({ ok: false, signatures: [] }).ok).toBe(false);
  });

  it('an untrusted certificate keeps an intact signature from counting as ok', () => {
    const r = describeReport({ ok: false, signatures: [{ ...base, trusted: false }] });
    expect(r.signatures[0]!.valid).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.signatures[0]!.summary).toContain('证书不可信');
  });
});
