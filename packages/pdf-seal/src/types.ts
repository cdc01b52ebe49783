import type { KeyAlgorithm } from './cms/algorithms.ts';
export type { KeyAlgorithm } from './cms/algorithms.ts';
export type { PdfInput } from './pdf/source.ts';
import type { ObjectChange } from './analysis/rules.ts';
export type SignatureChange = ObjectChange;

export interface Signer {
  /** signer certificate, DER */
  certificate: Uint8Array;
  /** intermediates (DER), signer excluded, root optional */
  chain: Uint8Array[];
  keyAlgorithm: KeyAlgorithm;
  /**
   * Signs a SHA-256 digest (of the DER signed attributes). RSA: PKCS#1 v1.5 (the signer wraps
   * the DigestInfo); ECDSA: DER Ecdsa-Sig-Value.
   */
  sign(digest: Uint8Array, digestAlgorithm: 'SHA-256'): Promise<Uint8Array>;
}

export interface SealImage {
  png: Uint8Array;
  /** default 42 mm */
  widthMm?: number;
  /** default: keeps the image's aspect ratio */
  heightMm?: number;
}

/** Coordinates are points from the top-left of the page as displayed (CropBox and /Rotate applied). */
export type Placement =
  /** seal centred at (x, y) on each listed page (1-based) */
  | { kind: 'seal'; pages: number[]; x: number; y: number; image: SealImage }
  /** cross-page seal (骑缝章): strip i at the right edge of pages[i], centred at height y */
  | { kind: 'cross-page'; pages: number[]; y: number; image: SealImage }
  /** text whose box's top-left corner is at (x, y); "\n" starts a new line */
  | { kind: 'text'; page: number; x: number; y: number; text: string; fontSize?: number; color?: [number, number, number] };

export type LtvData = { crls?: Uint8Array[]; ocsps?: Uint8Array[]; certificates?: Uint8Array[] };

export interface SignOptions {
  /** none → invisible signature */
  placements?: Placement[];
  reason?: string;
  location?: string;
  contactInfo?: string;
  name?: string;
  signingTime?: Date;
  fieldName?: string;
  /** RFC 3161 timestamp authority → PAdES B-T */
  tsaUrl?: string;
  /** B-LT: a DSS in a further revision; true = signer chain + timestamp certificates + CRLs fetched from the certificates' distribution points */
  ltv?: boolean | LtvData;
  /** DocMDP certification level for a first signature */
  certify?: 1 | 2 | 3;
  /** bytes reserved for the CMS (default: enough for the chain and a timestamp) */
  contentsSize?: number;
}

/** JSON-serialisable; carried between the two phases of a signature. */
export interface PreparedState {
  v: 1;
  /** the bytes appended to the original, /Contents still zero, base64 */
  tail: string;
  /** offset in the tail of the '<' opening /Contents */
  contentsAt: number;
  /** hex digits available inside /Contents */
  contentsHexLength: number;
  byteRange: [number, number, number, number];
  originalSize: number;
  /** SHA-256 of the original file, hex ('' when identity was checked otherwise) */
  originalSha256: string;
  documentDigest: string;
  /** DER of the signed attributes (SET), base64 */
  signedAttributes: string;
  certificate: string;
  chain: string[];
  keyAlgorithm: KeyAlgorithm;
  fieldName: string;
}

export interface Prepared {
  toSign: Uint8Array;
  digestAlgorithm: 'SHA-256';
  state: PreparedState;
}

export interface FinishOptions {
  tsaUrl?: string;
  ltv?: SignOptions['ltv'];
}

export interface TimestampInfo {
  time: string;
  tsa: string | null;
  intact: boolean;
  problems: string[];
}

export interface SignatureReport {
  field: string;
  subFilter: string | null;
  signer: { subject: string; serialNumber: string } | null;
  signedAt: string | null;
  intact: boolean;
  coverage: 'entire-revision' | 'entire-file' | 'partial';
  modificationsAfter: 'none' | 'allowed' | 'disallowed' | 'unknown';
  trusted: boolean | null;
  timestamp: TimestampInfo | null;
  problems: string[];
  /** what later revisions changed, object by object, and whether each change is allowed */
  changes?: SignatureChange[];
}

export interface VerifyReport {
  ok: boolean;
  signatures: SignatureReport[];
}

export interface PdfInfo {
  pages: { count: number; sizes: { width: number; height: number; rotation: number }[] };
  revisions: number;
  signatures: { field: string; signer: string | null; signedAt: string | null; subFilter: string | null }[];
  encrypted: boolean;
  size: number;
}
