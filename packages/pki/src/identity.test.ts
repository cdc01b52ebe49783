import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@hall/shared/identifiers';
import { x509 } from './crypto.ts';
import { createIssuingCa, createRootCa, issue } from './ca.ts';
import { enterpriseFromCertificate, issueEnterpriseCertificate, issuePersonCertificate, personFromCertificate } from './identity.ts';

const CODE = '91350100M000100Y43';

async function ca() {
  const root = await createRootCa({ commonName: 'Test Root', keyAlgorithm: 'ECDSA-P256' });
  return createIssuingCa(root, { commonName: 'Test Issuing', keyAlgorithm: 'ECDSA-P256' });
}

async function withSubject(subject: Array<Record<string, string[]>>) {
  return (await issue(await ca(), { subject, keyAlgorithm: 'ECDSA-P256', keyUsages: x509.KeyUsageFlags.digitalSignature })).certificate;
}

describe('enterprise certificates', () => {
  it('issues the unit name and credit code and reads them back', async () => {
    const e = await issueEnterpriseCertificate(await ca(), { unitName: '江西省景德镇市建筑设计院有限公司', creditCode: CODE, keyAlgorithm: 'ECDSA-P256' });
    const cert = new x509.X509Certificate(e.certificate);
    expect(cert.subjectName.getField('2.5.4.97')).toEqual([`NTRCN-${CODE}`]);
    expect(cert.subjectName.getField('O')).toEqual(['江西省景德镇市建筑设计院有限公司']);
    expect(enterpriseFromCertificate(e.certificate)).toEqual({ unitName: '江西省景德镇市建筑设计院有限公司', creditCode: CODE });
    expect(e.chain).toHaveLength(2);
  });

  it('refuses a credit code with a wrong check character', async () => {
    await expect(issueEnterpriseCertificate(await ca(), { unitName: '某公司', creditCode: '91350100M000100Y44' })).rejects.toThrow();
  });

  it('reads the layouts other CAs use', async () => {
    const code2 = '91360200' + '0000000' + 'AB';
    const valid2 = code2.slice(0, 17) + creditCodeCheckChar(code2.slice(0, 17));
    expect(enterpriseFromCertificate(await withSubject([{ C: ['CN'] }, { O: ['甲公司'] }, { OU: [CODE] }, { CN: ['甲公司'] }]))).toEqual({
      unitName: '甲公司',
      creditCode: CODE,
    });
    expect(enterpriseFromCertificate(await withSubject([{ O: ['乙公司'] }, { '2.5.4.5': [valid2] }, { CN: ['乙公司'] }]))).toEqual({
      unitName: '乙公司',
      creditCode: valid2,
    });
    expect(enterpriseFromCertificate(await withSubject([{ CN: [`051@丙公司@N${CODE}@1`] }]))).toEqual({ unitName: '丙公司', creditCode: CODE });
    expect(enterpriseFromCertificate(await withSubject([{ CN: [`051@丙公司@${CODE}@1`] }]))).toEqual({ unitName: '丙公司', creditCode: CODE });
  });

  it('finds no enterprise where no valid credit code is', async () => {
    expect(enterpriseFromCertificate(await withSubject([{ O: ['丁公司'] }, { OU: ['91350100M000100Y44'] }, { CN: ['丁公司'] }]))).toBeNull();
    expect(enterpriseFromCertificate(await withSubject([{ CN: ['张三'] }, { '2.5.4.5': ['11010519491231002X'] }]))).toBeNull();
  });
});

describe('person certificates', () => {
  it('issues name and ID number and reads them back', async () => {
    const p = await issuePersonCertificate(await ca(), { name: '张三', idNumber: '11010519491231002x', keyAlgorithm: 'ECDSA-P256' });
    expect(new x509.X509Certificate(p.certificate).subjectName.getField('2.5.4.5')).toEqual(['IDCCN-11010519491231002X']);
    expect(personFromCertificate(p.certificate)).toEqual({ name: '张三', idNumber: '11010519491231002X' });
    expect(enterpriseFromCertificate(p.certificate)).toBeNull();
  });

  it('refuses an ID number with a wrong check character', async () => {
    await expect(issuePersonCertificate(await ca(), { name: '张三', idNumber: '110105194912310021' })).rejects.toThrow();
  });
});
