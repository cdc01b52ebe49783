export { createRootCa, createIssuingCa, pemBundle, type CaMaterial, type CaParams, type IssuedCertificate } from './ca.ts';
export { fromPem, toPem, keyAlgorithmOfPkcs8, type KeyAlgorithm } from './crypto.ts';
export {
  enterpriseFromCertificate,
  issueEnterpriseCertificate,
  issuePersonCertificate,
  personFromCertificate,
  type EnterpriseCertificateParams,
  type PersonCertificateParams,
} from './identity.ts';
export { createCrl, type RevokedEntry } from './crl.ts';
export { exportPkcs12, parsePkcs12, Pkcs12PasswordError, type Pkcs12Contents, type Pkcs12Input } from './pkcs12.ts';
export { verifyChain, type ChainCode, type ChainResult } from './verify-chain.ts';
export {
  DEFAULT_TSA_POLICY,
  createTimestampRequest,
  issueTsaCertificate,
  timestampResponder,
  type ResponderOptions,
  type TsaMaterial,
} from './tsa.ts';
export {
  OcspError,
  createOcspRequest,
  issueOcspResponderCertificate,
  ocspResponder,
  ocspUrlsOf,
  queryOcsp,
  readOcspResponse,
  type OcspResponderOptions,
  type OcspResult,
  type OcspStatus,
} from './ocsp.ts';
export { renderOfficialSeal, renderPersonalSeal, type OfficialSealOptions } from './seal-image.ts';
