// OCSP at login (OCSP_MODE): asks the responder about the login certificate once its path is
// trusted (so a stranger's certificate cannot make the server call URLs of its choosing).
// 'revoked' always refuses. 'unknown' or no trustworthy answer refuses only when OCSP_REQUIRED
// is true; otherwise the CRLs decide, as without OCSP.
import { OcspError, ocspUrlsOf, queryOcsp, type OcspStatus } from '@hall/pki';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';

/** 'off' = not configured; 'failed' = no trustworthy answer. */
export type OcspOutcome = OcspStatus | 'off' | 'failed';

const OCSP_TIMEOUT_MS = 10_000;

export async function checkOcsp(
  config: Pick<Config, 'ocspMode' | 'ocspUrl'>,
  log: FastifyBaseLogger,
  certificate: Uint8Array,
  issuer: Uint8Array,
): Promise<OcspOutcome> {
  if (config.ocspMode === 'off') return 'off';
  const urls = config.ocspMode === 'url' ? [config.ocspUrl!] : ocspUrlsOf(certificate);
  if (urls.length === 0) {
    log.warn('OCSP_MODE=aia but the login certificate names no OCSP responder');
    return 'failed';
  }
  for (const url of urls) {
    try {
      return (await queryOcsp(url, certificate, issuer, { timeoutMs: OCSP_TIMEOUT_MS })).status;
    } catch (err) {
      if (!(err instanceof OcspError)) throw err;
      log.warn({ err, url }, 'OCSP responder gave no trustworthy answer');
    }
  }
  return 'failed';
}
