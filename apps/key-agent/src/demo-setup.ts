// The demo world the hall starts with (`--demo`) and the tests read: a two-level demo CA with
// CRLs, a TSA, enterprises with valid 统一社会信用代码, their legal representatives, SoftHSM2
// USB keys holding key + certificate + 公章 + 法人章 (PIN 111111, as the manual says), the same
// as PKCS#12 files, and one revoked and one expired certificate for the unhappy paths.
// Everything is described in DIR/demo.json (absolute paths). Idempotent unless `force`.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  createCrl,
  createIssuingCa,
  createRootCa,
  exportPkcs12,
  issueEnterpriseCertificate,
  issuePersonCertificate,
  issueTsaCertificate,
  pemBundle,
  renderOfficialSeal,
  renderPersonalSeal,
  toPem,
  type IssuedCertificate,
  type KeyAlgorithm,
} from '@hall/pki';
import { creditCodeCheckChar, idNumberCheckChar } from '@hall/shared/identifiers';
import { SOFTHSM2_MODULE, addSealToPkcs11, createSoftHsmToken, importP12IntoPkcs11 } from '@hall/token';

export const DEMO_PIN = '111111';
const SO_PIN = '12345678';
const DEMO_VERSION = 2;

export interface DemoSeal {
  name: string; // 公章 | 法人章
  png: string;
  widthMm: number;
}

export interface DemoEnterprise {
  unitName: string;
  creditCode: string;
  legalRepresentative: string;
  legalRepresentativeIdNumber: string;
  phone: string;
  keyAlgorithm: KeyAlgorithm;
  tokenLabel: string;
  pin: string;
  /** CKA_ID (hex) of the key and certificate on the token = the agent's certificate id. */
  certificateId: string;
  serialNumber: string;
  certificatePem: string;
  p12: string;
  p12Password: string;
  seals: DemoSeal[];
}

export interface DemoPerson {
  name: string;
  idNumber: string;
  phone: string;
  keyAlgorithm: KeyAlgorithm;
  certificatePem: string;
  p12: string;
  p12Password: string;
}

export interface DemoExtraCertificate {
  unitName: string;
  creditCode: string;
  serialNumber: string;
  certificatePem: string;
  p12: string;
  p12Password: string;
}

export interface Demo {
  version: number;
  createdAt: string;
  dir: string;
  pin: string;
  soPin: string;
  softhsm: { module: string; conf: string; tokenDir: string; env: { SOFTHSM2_CONF: string } };
  ca: {
    rootPem: string;
    issuingPem: string;
    /** PKCS#8 PEM of the issuing CA, for the server's event certificates (demo only). */
    issuingKeyPem: string;
    /** What a relying party configures as trust anchors. */
    trustAnchorPems: string[];
    /** issuing + root, PEM. */
    chainPem: string;
    /** DER CRLs: the issuing CA's (lists `revoked`) and the root's. */
    crls: string[];
    issuingCrl: string;
    rootCrl: string;
  };
  tsa: { certificatePem: string; keyPem: string; chainPem: string };
  enterprises: DemoEnterprise[];
  persons: DemoPerson[];
  revoked: DemoExtraCertificate;
  expired: DemoExtraCertificate;
}

const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17)!;
const idWithCheck = (first17: string) => first17 + idNumberCheckChar(first17)!;

const ENTERPRISES = [
  {
    unitName: '景德镇市城市建设投资集团有限责任公司',
    creditCode: withCheck('91360200705512345'),
    legalRepresentative: '张建国',
    legalRepresentativeIdNumber: idWithCheck('36020219750315123'),
    phone: '13807980001',
    keyAlgorithm: 'RSA' as const,
    tokenLabel: 'jdz-ctjt',
  },
  {
    unitName: '江西省景德镇市建筑设计院有限公司',
    creditCode: withCheck('91360200158270016'),
    legalRepresentative: '李文华',
    legalRepresentativeIdNumber: idWithCheck('36020319820708234'),
    phone: '13807980002',
    keyAlgorithm: 'ECDSA-P256' as const,
    tokenLabel: 'jdz-jzsjy',
  },
];

const EXTRA_PERSON = { name: '王小明', idNumber: idWithCheck('36022219900101345'), phone: '13907980003', keyAlgorithm: 'ECDSA-P256' as const };

/** Hex serial in lower case, as createCrl takes it. */
function x509Serial(der: Uint8Array): string {
  return new X509Certificate(der).serialNumber.toLowerCase();
}

function pkcs8Pem(der: Uint8Array): string {
  return toPem(der, 'PRIVATE KEY');
}

export interface DemoSetupOptions {
  dir: string;
  force?: boolean;
  log?: (line: string) => void;
}

function current(manifest: string): Demo | null {
  if (!existsSync(manifest)) return null;
  const demo = JSON.parse(readFileSync(manifest, 'utf8')) as Demo;
  return demo.version === DEMO_VERSION && existsSync(demo.softhsm.conf) ? demo : null;
}

/**
 * The server (--demo), the agent (--demo) and tests may all ask at once: one process builds,
 * the others wait for its demo.json. The lock is a directory (mkdir is atomic); one older
 * than five minutes is taken to be left by a crashed run.
 */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(dir), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const st = statSync(lock, { throwIfNoEntry: false });
      const age = st ? Date.now() - st.mtimeMs : 0;
      if (age > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      else if (waited > 10 * 60_000) throw new Error(`demo set-up lock ${lock} held too long`);
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function demoSetup(opts: DemoSetupOptions): Promise<Demo> {
  const dir = resolve(opts.dir);
  const manifest = join(dir, 'demo.json');
  if (!opts.force) {
    const ready = current(manifest);
    if (ready) return ready;
  }
  return withLock(dir, async () => {
    if (!opts.force) {
      const ready = current(manifest); // built by another process while we waited
      if (ready) return ready;
    }
    return build(dir, manifest, opts.log ?? (() => undefined));
  });
}

async function build(dir: string, manifest: string, log: (line: string) => void): Promise<Demo> {
  for (const sub of ['ca', 'tsa', 'softhsm', 'p12', 'seals', 'demo.json']) rmSync(join(dir, sub), { recursive: true, force: true });
  for (const sub of ['ca', 'tsa', 'p12', 'seals']) mkdirSync(join(dir, sub), { recursive: true });
  const write = (rel: string, data: string | Uint8Array): string => {
    const path = join(dir, rel);
    writeFileSync(path, data);
    return path;
  };

  log('demo CA');
  const root = await createRootCa({ commonName: '网上办事大厅演示根 CA', organization: '网上办事大厅演示', keyAlgorithm: 'RSA', validDays: 3650 });
  const issuing = await createIssuingCa(root, { commonName: '网上办事大厅演示 CA', organization: '网上办事大厅演示', keyAlgorithm: 'RSA', validDays: 1825 });
  const tsa = await issueTsaCertificate(issuing, { commonName: '网上办事大厅演示时间戳服务' });

  const p12 = async (name: string, cert: IssuedCertificate): Promise<string> =>
    write(`p12/${name}.p12`, await exportPkcs12({ ...cert, password: DEMO_PIN, friendlyName: name }));

  log('SoftHSM2 tokens');
  const enterprises: DemoEnterprise[] = [];
  let softhsm: Demo['softhsm'] | undefined;
  for (const e of ENTERPRISES) {
    const cert = await issueEnterpriseCertificate(issuing, {
      unitName: e.unitName,
      creditCode: e.creditCode,
      keyAlgorithm: e.keyAlgorithm,
      province: '江西省',
      city: '景德镇市',
      validDays: 730,
    });
    const p12Path = await p12(e.tokenLabel, cert);
    const official = renderOfficialSeal(e.unitName);
    const personal = renderPersonalSeal(e.legalRepresentative);
    const seals: DemoSeal[] = [
      { name: '公章', png: write(`seals/${e.tokenLabel}-公章.png`, official), widthMm: 42 },
      { name: '法人章', png: write(`seals/${e.tokenLabel}-法人章.png`, personal), widthMm: 20 },
    ];
    // the PKCS#12 copy carries the same seals beside it (<file>.seals/<name>.png)
    mkdirSync(`${p12Path}.seals`, { recursive: true });
    for (const s of seals) writeFileSync(join(`${p12Path}.seals`, `${s.name}@${s.widthMm}mm.png`), s.name === '公章' ? official : personal);

    const token = await createSoftHsmToken({ dir: join(dir, 'softhsm'), label: e.tokenLabel, soPin: SO_PIN, pin: DEMO_PIN });
    softhsm = { module: SOFTHSM2_MODULE, conf: token.conf, tokenDir: token.tokenDir, env: token.env };
    const p11 = { module: token.module, env: token.env, tokenLabel: e.tokenLabel, pin: DEMO_PIN };
    const certificateId = await importP12IntoPkcs11({ ...p11, p12: p12Path, password: DEMO_PIN, label: e.unitName });
    for (const s of seals) {
      await addSealToPkcs11({ ...p11, name: s.name, png: s.name === '公章' ? official : personal, certificateId, widthMm: s.widthMm });
    }
    enterprises.push({
      ...e,
      pin: DEMO_PIN,
      certificateId,
      serialNumber: x509Serial(cert.certificate),
      certificatePem: write(`p12/${e.tokenLabel}.pem`, toPem(cert.certificate)),
      p12: p12Path,
      p12Password: DEMO_PIN,
      seals,
    });
  }

  log('persons');
  const persons: DemoPerson[] = [];
  const people = [
    ...ENTERPRISES.map((e) => ({ name: e.legalRepresentative, idNumber: e.legalRepresentativeIdNumber, phone: e.phone, keyAlgorithm: 'RSA' as const })),
    EXTRA_PERSON,
  ];
  for (const [i, p] of people.entries()) {
    const cert = await issuePersonCertificate(issuing, { name: p.name, idNumber: p.idNumber, keyAlgorithm: p.keyAlgorithm, validDays: 730 });
    persons.push({
      ...p,
      certificatePem: write(`p12/person-${i + 1}.pem`, toPem(cert.certificate)),
      p12: await p12(`person-${i + 1}`, cert),
      p12Password: DEMO_PIN,
    });
  }

  log('revoked and expired certificates, CRLs');
  const extra = async (name: string, unitName: string, first17: string, dates: { notBefore?: Date; notAfter?: Date }): Promise<DemoExtraCertificate> => {
    const creditCode = withCheck(first17);
    const cert = await issueEnterpriseCertificate(issuing, { unitName, creditCode, keyAlgorithm: 'RSA', ...dates });
    return {
      unitName,
      creditCode,
      serialNumber: x509Serial(cert.certificate),
      certificatePem: write(`p12/${name}.pem`, toPem(cert.certificate)),
      p12: await p12(name, cert),
      p12Password: DEMO_PIN,
    };
  };
  const revoked = await extra('revoked', '乐平市宏达建筑工程有限公司', '91360281MA35XK1N7', {});
  const day = 86_400_000;
  const expired = await extra('expired', '浮梁县过期证书测试有限公司', '91360222MA38QW2E5', {
    notBefore: new Date(Date.now() - 400 * day),
    notAfter: new Date(Date.now() - 30 * day),
  });
  const issuingCrl = write('ca/issuing.crl', await createCrl(issuing, [{ serialNumber: revoked.serialNumber, revokedAt: new Date(Date.now() - 60_000) }], 365));
  const rootCrl = write('ca/root.crl', await createCrl(root, [], 365));

  const rootPem = write('ca/root.pem', toPem(root.certificate));
  const demo: Demo = {
    version: DEMO_VERSION,
    createdAt: new Date().toISOString(),
    dir,
    pin: DEMO_PIN,
    soPin: SO_PIN,
    softhsm: softhsm!,
    ca: {
      rootPem,
      issuingPem: write('ca/issuing.pem', toPem(issuing.certificate)),
      issuingKeyPem: write('ca/issuing-key.pem', pkcs8Pem(issuing.privateKeyPkcs8)),
      trustAnchorPems: [rootPem],
      chainPem: write('ca/chain.pem', pemBundle([issuing.certificate, root.certificate])),
      crls: [issuingCrl, rootCrl],
      issuingCrl,
      rootCrl,
    },
    tsa: {
      certificatePem: write('tsa/tsa.pem', toPem(tsa.certificate)),
      keyPem: write('tsa/tsa-key.pem', pkcs8Pem(tsa.privateKeyPkcs8)),
      chainPem: write('tsa/chain.pem', pemBundle(tsa.chain)),
    },
    enterprises,
    persons,
    revoked,
    expired,
  };
  writeFileSync(manifest, JSON.stringify(demo, null, 2) + '\n');
  return demo;
}

/** Reads DIR/demo.json (made by demoSetup). */
export function readDemo(dir: string): Demo {
  return JSON.parse(readFileSync(join(resolve(dir), 'demo.json'), 'utf8')) as Demo;
}
