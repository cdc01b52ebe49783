// What the key agent and the signing CLI see of a key store, whatever holds the key:
// a USB key through its vendor's PKCS#11 module, or a PKCS#12 file.
import type { KeyAlgorithm } from '@hall/pki';

export type { KeyAlgorithm };

export interface TokenStatus {
  label: string;
  manufacturer: string;
  present: boolean;
}

export interface TokenCertificate {
  /** CKA_ID in lowercase hex (PKCS#11), or the same derived id for a PKCS#12 file. */
  id: string;
  certificate: Uint8Array; // DER
  /** Issuer chain found beside it (DER), nearest first; may be empty. */
  chain: Uint8Array[];
  keyAlgorithm: KeyAlgorithm;
  label: string;
  tokenLabel: string;
}

export interface TokenSeal {
  /** Stable id of the seal on this token. */
  id: string;
  /** e.g. 公章, 法人章 */
  name: string;
  png: Uint8Array;
  widthMm?: number;
  /** The certificate the seal belongs to; undefined = any certificate of the token. */
  certificateId?: string;
}

export interface Token {
  readonly kind: 'pkcs11' | 'pkcs12';
  status(): Promise<TokenStatus[]>;
  /** Readable without the PIN. Throws TokenError TOKEN_ABSENT when no token is there. */
  certificates(): Promise<TokenCertificate[]>;
  seals(certificateId: string): Promise<TokenSeal[]>;
  /**
   * Signs a SHA-256 digest with the key of `certificateId` after logging in with `pin`.
   * RSA → PKCS#1 v1.5 signature over DigestInfo(SHA-256, digest); ECDSA → DER Ecdsa-Sig-Value.
   * The PIN is used for this one login and never kept.
   */
  sign(certificateId: string, pin: string, digest: Uint8Array, digestAlgorithm: 'SHA-256'): Promise<Uint8Array>;
  close(): Promise<void>;
}

export type TokenErrorCode = 'PIN_INCORRECT' | 'PIN_LOCKED' | 'TOKEN_ABSENT' | 'BAD_REQUEST';

export class TokenError extends Error {
  readonly code: TokenErrorCode;
  /** Tries left before the token locks, when the token tells (CKF_USER_PIN_FINAL_TRY → 1). */
  readonly triesLeft?: number;

  constructor(code: TokenErrorCode, message: string, extra: { triesLeft?: number } = {}) {
    super(message);
    this.name = 'TokenError';
    this.code = code;
    if (extra.triesLeft !== undefined) this.triesLeft = extra.triesLeft;
  }
}
