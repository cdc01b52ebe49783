// CA-key login (DESIGN.md "CA-key login"): the challenge is used up first (so a failed try
// cannot be repeated), then the key's signature, the chain to a trust anchor with dates and
// revocation, and the unit named in the certificate. Every refusal is audited with its code.
import { X509Certificate } from 'node:crypto';
import { enterpriseFromCertificate, verifyChain } from '@hall/pki';
import { HallError, fail } from '@hall/shared/errors';
import type { LoginBody } from '@hall/shared/schemas/auth';
import type { Me } from '@hall/shared/schemas/session';
import { toEnterprise } from '../sessions/enterprise-view.ts';
import type { Deps } from '../types.ts';
import { checkOcsp } from './check-ocsp.ts';
import { consumeChallenge } from './consume-challenge.ts';
import { findOrCreateUser } from './find-or-create-user.ts';
import { loginMessage } from './login-message.ts';
import type { TrustStore } from './trust-store.ts';
import { verifyLoginSignature } from './verify-signature.ts';

export interface KeyLogin extends Me {
  firstLogin: boolean;
}

function parseCertificate(base64: string): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    fail('BAD_REQUEST', '证书格式不正确');
  }
}

function describe(cert: X509Certificate | undefined) {
  return cert ? { subject: cert.subject, issuer: cert.issuer, serialNumber: cert.serialNumber } : {};
}

export async function logInWithKey(deps: Pick<Deps, 'db' | 'audit' | 'log' | 'config'>, trust: TrustStore, body: LoginBody, origin: string | undefined): Promise<KeyLogin> {
  let cert: X509Certificate | undefined;
  try {
    const boundOrigin = await consumeChallenge(deps, body.challengeId, body.challenge, origin);
    cert = parseCertificate(body.certificate);
    const message = loginMessage(boundOrigin, body.challenge);
    if (!verifyLoginSignature(cert.publicKey, body.signatureAlgorithm, message, Buffer.from(body.signature, 'base64'))) fail('SIGNATURE_INVALID');

    const material = await trust.material();
    const given = (body.chain ?? []).map((c) => new Uint8Array(Buffer.from(c, 'base64')));
    const der = new Uint8Array(cert.raw);
    const intermediates = [...given, ...material.intermediates];
    const now = new Date();
    let chain = await verifyChain(der, intermediates, material.anchors, now, material.crls);
    // The CRLs' verdict is kept when they already name the certificate revoked; OCSP is asked otherwise.
    const ocsp = chain.ok ? await checkOcsp(deps.config, deps.log, der, chain.path[1]!) : 'off';
    if (ocsp === 'revoked') fail('CERT_REVOKED');
    if ((ocsp === 'unknown' || ocsp === 'failed') && deps.config.ocspRequired) fail('CERT_STATUS_UNKNOWN');
    if (chain.ok && chain.revocation !== 'good' && ocsp !== 'good') {
      // The path is trusted, so the CRLs its certificates name are the CA's own: fetch and check again.
      const published = await trust.distributionPointCrls(chain.path.slice(0, -1));
      if (published.length > 0) chain = await verifyChain(der, intermediates, material.anchors, now, [...published, ...material.crls]);
    }
    if (!chain.ok) fail(chain.code ?? 'CERT_UNTRUSTED');
    if (chain.revocation !== 'good' && ocsp !== 'good') deps.log.warn({ subject: cert.subject }, 'login certificate not checked against a CRL of every issuer');

    const unit = enterpriseFromCertificate(der);
    if (!unit) fail('CERT_NO_ENTERPRISE');

    const signed = cert;
    return await deps.db.transaction(async (tx) => {
      const holder = await findOrCreateUser(tx, signed, unit);
      await deps.audit(
        {
          action: 'session.login',
          enterpriseId: holder.enterprise.id,
          userId: holder.user.id,
          targetType: 'certificate',
          targetId: signed.serialNumber,
          details: { ...describe(signed), origin: boundOrigin, firstLogin: holder.enterpriseCreated, revocation: chain.revocation, ocsp },
        },
        tx,
      );
      return {
        user: { id: holder.user.id, name: holder.user.name },
        enterprise: toEnterprise(holder.enterprise),
        firstLogin: holder.enterpriseCreated,
      };
    });
  } catch (err) {
    if (err instanceof HallError) {
      await deps.audit({ action: 'session.login_failed', details: { code: err.code, origin: origin ?? null, ...describe(cert) } });
    }
    throw err;
  }
}
