export { prepare } from './sign/prepare.ts';
export { finish } from './sign/finish.ts';
export { sign } from './sign/sign.ts';
export { verify } from './verify/verify.ts';
export { info } from './info.ts';
export { PdfSealError, type PdfSealErrorCode } from './errors.ts';
export type {
  KeyAlgorithm,
  PdfInput,
  Signer,
  SealImage,
  Placement,
  SignOptions,
  LtvData,
  Prepared,
  PreparedState,
  FinishOptions,
  VerifyReport,
  SignatureReport,
  SignatureChange,
  TimestampInfo,
  PdfInfo,
} from './types.ts';
