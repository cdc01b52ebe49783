export { TokenError, type KeyAlgorithm, type Token, type TokenCertificate, type TokenErrorCode, type TokenSeal, type TokenStatus } from './token.ts';
export { openPkcs11Token, sealLabel, SEAL_APPLICATION, type Pkcs11Options } from './pkcs11-token.ts';
export { openP12Token, signDigest, type P12Options } from './p12-token.ts';
export { tokenSigner, pickCertificateId, type Signer } from './signer.ts';
export {
  addSealToPkcs11,
  createSoftHsmToken,
  importP12IntoPkcs11,
  softHsmConf,
  SOFTHSM2_MODULE,
  type AddSealParams,
  type ImportP12Params,
  type SoftHsmToken,
} from './setup.ts';
export { ecdsaRawToDer, sha256DigestInfo } from './der.ts';
export { keyIdOf } from './cert-info.ts';
export { lockSoftHsmUserPin, markSoftHsmFinalTry, setSoftHsmTokenFlags } from './softhsm-flags.ts';
