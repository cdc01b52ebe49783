// CA-key login (DESIGN.md "CA-key login"). What the key signs, exactly:
//   message = "hall-login\n" + origin + "\n" + challenge      (UTF-8; challenge in base64url)
//   digest  = SHA-256(message)                                  (the 32 bytes sent to the agent's /v1/sign)
// The agent signs the digest (RSA PKCS#1 v1.5 over DigestInfo, or ECDSA), so the signature
// verifies as an ordinary sha256WithRSAEncryption / ecdsa-with-SHA256 signature of `message`.
import { Type, type Static } from '@sinclair/typebox';
import { Enterprise } from './session.ts';

export const LOGIN_PURPOSE = 'hall-login';

export const Challenge = Type.Object({
  challengeId: Type.String({ format: 'uuid' }),
  challenge: Type.String({ description: '32 random bytes, base64url' }),
  origin: Type.String({ description: 'the origin the challenge is bound to' }),
  purpose: Type.Literal(LOGIN_PURPOSE),
  message: Type.String({ description: 'the signed message: "hall-login\\n" + origin + "\\n" + challenge' }),
  digest: Type.String({ description: 'SHA-256 of message, base64: what the key agent signs' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Challenge = Static<typeof Challenge>;

const Base64 = (description: string, maxLength: number) => Type.String({ pattern: '^[A-Za-z0-9+/_-]*={0,2}$', minLength: 4, maxLength, description });

export const LoginBody = Type.Object(
  {
    challengeId: Type.String({ format: 'uuid' }),
    challenge: Type.String({ minLength: 43, maxLength: 44, description: 'the challenge as received' }),
    certificate: Base64('the signing certificate, DER, base64', 16_384),
    chain: Type.Optional(Type.Array(Base64('an intermediate CA certificate, DER, base64', 16_384), { maxItems: 8 })),
    signature: Base64('the key’s signature of the digest, base64', 2048),
    signatureAlgorithm: Type.Union([Type.Literal('sha256WithRSAEncryption'), Type.Literal('ecdsa-with-SHA256')]),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginResult = Type.Object({
  user: Type.Object({ id: Type.String(), name: Type.String() }),
  enterprise: Enterprise,
  /** true when this login created the unit: the page asks for the unit-info form. */
  firstLogin: Type.Boolean(),
});
export type LoginResult = Static<typeof LoginResult>;

export const ProfileBody = Type.Object(
  {
    unitName: Type.String({ minLength: 2, maxLength: 100, description: '单位名称' }),
    creditCode: Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码' }),
    legalRepresentative: Type.String({ minLength: 2, maxLength: 50, description: '法定代表人' }),
    phone: Type.String({ minLength: 7, maxLength: 20, pattern: '^[0-9+\\- ]+$', description: '联系电话' }),
  },
  { additionalProperties: false },
);
export type ProfileBody = Static<typeof ProfileBody>;

/** What the pages need to know before anyone logs in. */
export const PublicConfig = Type.Object({
  keyAgentUrl: Type.String(),
  /** demo mode: the login page may show the demo PIN (111111) */
  demo: Type.Boolean(),
  /** the one-line command that starts the key agent (for the download/instructions page) */
  keyAgentCommand: Type.String(),
});
export type PublicConfig = Static<typeof PublicConfig>;
