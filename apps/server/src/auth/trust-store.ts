// The trust anchors, intermediate CAs and CRLs a login certificate is checked against:
// TRUST_ANCHORS / INTERMEDIATE_CAS / CRL_PATHS / CRL_URLS, plus the demo CA when the server runs with --demo.
// Files are re-read when they change (a CA publishes a new CRL without a restart); CRLs from
// URLs are kept for an hour and, when the CA cannot be reached, the last copy stays in use.
// CRLs named in the certificates themselves (CRL distribution points) are fetched too, but
// only for a path already proven to end at a trust anchor, so a stranger's certificate
// cannot make the server fetch URLs of its choosing.
import { readFileSync, statSync } from 'node:fs';
import { x509 } from '@hall/pki/crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { readDemoManifest } from './demo-manifest.ts';
import { derBlocks } from './pem.ts';

export interface TrustMaterial {
  anchors: Uint8Array[];
  intermediates: Uint8Array[];
  crls: Uint8Array[];
}

const URL_CRL_TTL_MS = 60 * 60_000;
const FETCH_TIMEOUT_MS = 10_000;

type Kind = 'CERTIFICATE' | 'X509 CRL';

export class TrustStore {
  private readonly files = new Map<string, { mtimeMs: number; blocks: Uint8Array[] }>();
  private readonly fetched = new Map<string, { at: number; blocks: Uint8Array[] }>();

  constructor(
    private readonly config: Pick<Config, 'trustAnchorPaths' | 'intermediateCaPaths' | 'crlPaths' | 'crlUrls' | 'demoDir'>,
    private readonly log: FastifyBaseLogger,
  ) {}

  private file(path: string, kind: Kind): Uint8Array[] {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch (err) {
      this.log.error({ err, path }, 'trust material file missing');
      return [];
    }
    const cached = this.files.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached.blocks;
    const blocks = derBlocks(readFileSync(path), kind);
    this.files.set(path, { mtimeMs, blocks });
    return blocks;
  }

  private async url(url: string): Promise<Uint8Array[]> {
    const cached = this.fetched.get(url);
    if (cached && Date.now() - cached.at < URL_CRL_TTL_MS) return cached.blocks;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const blocks = derBlocks(Buffer.from(await res.arrayBuffer()), 'X509 CRL');
      this.fetched.set(url, { at: Date.now(), blocks });
      return blocks;
    } catch (err) {
      this.log.warn({ err, url }, 'CRL download failed; using the last copy if any');
      return cached?.blocks ?? [];
    }
  }

  /** CRLs from the distribution points of these (already trusted) certificates. */
  async distributionPointCrls(path: Uint8Array[]): Promise<Uint8Array[]> {
    const urls = new Set<string>();
    for (const der of path) {
      const ext = new x509.X509Certificate(der).getExtension(x509.CRLDistributionPointsExtension);
      for (const point of ext?.distributionPoints ?? []) {
        for (const name of point.distributionPoint?.fullName ?? []) {
          const uri = name.uniformResourceIdentifier;
          if (uri && /^https?:\/\//i.test(uri)) urls.add(uri);
        }
      }
    }
    return (await Promise.all([...urls].map((u) => this.url(u)))).flat();
  }

  async material(): Promise<TrustMaterial> {
    const demo = readDemoManifest(this.config.demoDir);
    const anchorPaths = [...this.config.trustAnchorPaths, ...(demo?.ca.trustAnchorPems ?? [])];
    const chainPaths = [...this.config.intermediateCaPaths, ...(demo ? [demo.ca.chainPem] : [])];
    const crlPaths = [...this.config.crlPaths, ...(demo?.ca.crls ?? [])];
    const fromUrls = await Promise.all(this.config.crlUrls.map((u) => this.url(u)));
    return {
      anchors: anchorPaths.flatMap((p) => this.file(p, 'CERTIFICATE')),
      intermediates: chainPaths.flatMap((p) => this.file(p, 'CERTIFICATE')),
      crls: [...crlPaths.flatMap((p) => this.file(p, 'X509 CRL')), ...fromUrls.flat()],
    };
  }
}
