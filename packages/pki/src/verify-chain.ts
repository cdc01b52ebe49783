// Path building from a certificate to a configured trust anchor, validity at a given time,
// and revocation by CRL. Signatures are checked link by link; names alone never make a path.
import { x509 } from './crypto.ts';

export type ChainCode = 'CERT_UNTRUSTED' | 'CERT_EXPIRED' | 'CERT_NOT_YET_VALID' | 'CERT_REVOKED';

export interface ChainResult {
  ok: boolean;
  code?: ChainCode;
  /** The path found, signer first, anchor last (DER). Empty when none was found. */
  path: Uint8Array[];
  /** 'good' when every non-anchor certificate was checked against a current CRL of its issuer. */
  revocation: 'good' | 'revoked' | 'unknown';
  detail?: string;
}

type Cert = x509.X509Certificate;

async function signedBy(child: Cert, parent: Cert): Promise<boolean> {
  if (child.issuerName.toString() !== parent.subjectName.toString()) return false;
  const bc = parent.getExtension(x509.BasicConstraintsExtension);
  const selfSigned = child.rawData.byteLength === parent.rawData.byteLength && Buffer.from(child.rawData).equals(Buffer.from(parent.rawData));
  if (!selfSigned && bc && !bc.ca) return false;
  try {
    return await child.verify({ publicKey: parent, signatureOnly: true });
  } catch {
    return false;
  }
}

function same(a: Cert, b: Cert): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}

export async function verifyChain(
  certificate: Uint8Array,
  intermediates: Uint8Array[],
  trustAnchors: Uint8Array[],
  at: Date = new Date(),
  crls: Uint8Array[] = [],
): Promise<ChainResult> {
  const leaf = new x509.X509Certificate(certificate);
  const pool = intermediates.map((d) => new x509.X509Certificate(d));
  const anchors = trustAnchors.map((d) => new x509.X509Certificate(d));

  // Depth-first: the first path that reaches an anchor wins (pools are small).
  const path = await build(leaf, pool, anchors, [leaf], 8);
  if (!path) return { ok: false, code: 'CERT_UNTRUSTED', path: [], revocation: 'unknown', detail: 'no path to a trust anchor' };
  const der = path.map((c) => new Uint8Array(c.rawData));

  for (const c of path) {
    if (at < c.notBefore) return { ok: false, code: 'CERT_NOT_YET_VALID', path: der, revocation: 'unknown', detail: c.subject };
    if (at > c.notAfter) return { ok: false, code: 'CERT_EXPIRED', path: der, revocation: 'unknown', detail: c.subject };
  }

  const parsedCrls = crls.map((d) => new x509.X509Crl(d));
  let allChecked = true;
  for (let i = 0; i < path.length - 1; i++) {
    const subject = path[i]!;
    const issuer = path[i + 1]!;
    const crl = await findCrl(parsedCrls, issuer);
    if (!crl) {
      allChecked = false;
      continue;
    }
    const entry = crl.findRevoked(subject);
    if (entry && entry.revocationDate <= at) {
      return { ok: false, code: 'CERT_REVOKED', path: der, revocation: 'revoked', detail: subject.subject };
    }
    // A revocation stays true for ever, but "not listed" only holds while the CRL is current.
    if (crl.thisUpdate > at || (crl.nextUpdate && crl.nextUpdate < at)) allChecked = false;
  }
  return { ok: true, path: der, revocation: allChecked ? 'good' : 'unknown' };
}

async function build(current: Cert, pool: Cert[], anchors: Cert[], sofar: Cert[], depth: number): Promise<Cert[] | null> {
  for (const a of anchors) {
    if (same(current, a)) return sofar;
  }
  for (const a of anchors) {
    if (await signedBy(current, a)) return [...sofar, a];
  }
  if (depth === 0) return null;
  for (const p of pool) {
    if (sofar.some((s) => same(s, p))) continue;
    if (await signedBy(current, p)) {
      const r = await build(p, pool, anchors, [...sofar, p], depth - 1);
      if (r) return r;
    }
  }
  return null;
}

async function findCrl(crls: x509.X509Crl[], issuer: Cert): Promise<x509.X509Crl | null> {
  for (const crl of crls) {
    if (crl.issuerName.toString() !== issuer.subjectName.toString()) continue;
    try {
      // x509 derives the wrong ECDSA verify parameters from a certificate; a key works.
      if ((await crl.verify({ publicKey: issuer })) || (await crl.verify({ publicKey: await issuer.publicKey.export() }))) return crl;
    } catch {
      // a CRL that does not verify is no evidence either way
    }
  }
  return null;
}
