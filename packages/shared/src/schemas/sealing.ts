// 在线盖章, 印章库 and 签章验证: request/response shapes shared by the server and the sealing page.
// Coordinates are PDF points from the top-left corner of the page AS DISPLAYED (CropBox and
// /Rotate applied), exactly what @hall/pdf-seal takes.
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.ts';
import { DriveFile } from './drive.ts';

const Base64 = (maxLength: number, description: string) => Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', minLength: 4, maxLength, description });
const Coordinate = Type.Number({ minimum: -14400, maximum: 14400, description: 'points (1/72 inch)' });
const PageNumber = Type.Integer({ minimum: 1, maximum: 100000 });

/** A seal image: one of the enterprise's 印章库, or a PNG read from the key by the key agent. */
export const SealSource = Type.Object(
  {
    sealId: Type.Optional(Uuid),
    png: Type.Optional(Base64(2_800_000, 'PNG, Base64 (the seal image the key agent returned)')),
    widthMm: Type.Optional(Type.Number({ minimum: 5, maximum: 100, description: 'default 42 mm (png only; a library seal has its own size)' })),
    heightMm: Type.Optional(Type.Number({ minimum: 5, maximum: 100 })),
  },
  { additionalProperties: false, minProperties: 1, description: 'either sealId (印章库) or png (read from the key)' },
);
export type SealSource = Static<typeof SealSource>;

// No additionalProperties:false on the members: fastify's ajv (removeAdditional) would strip
// the fields of a later member while trying an earlier one.
export const SealingPlacement = Type.Union([
  Type.Object(
    { kind: Type.Literal('seal'), pages: Type.Array(PageNumber, { minItems: 1, maxItems: 10000 }), x: Coordinate, y: Coordinate, seal: SealSource },
    { description: '单页盖章 / 多页盖章: the seal centred at (x, y) on every listed page' },
  ),
  Type.Object(
    { kind: Type.Literal('cross-page'), pages: Type.Array(PageNumber, { minItems: 1, maxItems: 10000 }), y: Coordinate, seal: SealSource },
    { description: '骑缝章: strip i at the right edge of pages[i], centred at height y' },
  ),
  Type.Object(
    {
      kind: Type.Literal('text'),
      page: PageNumber,
      x: Coordinate,
      y: Coordinate,
      text: Type.String({ minLength: 1, maxLength: 200 }),
      fontSize: Type.Optional(Type.Number({ minimum: 4, maximum: 96 })),
    },
    { description: '添加文字: the text box\'s top-left corner at (x, y)' },
  ),
]);
export type SealingPlacement = Static<typeof SealingPlacement>;

export const PrepareSealingBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the file version shown to the user; another current version → 409 PDF_CHANGED' }),
    certificate: Base64(20_000, 'signer certificate, DER, Base64 (from the key agent)'),
    chain: Type.Optional(Type.Array(Base64(20_000, 'intermediate CA certificate, DER, Base64'), { maxItems: 8 })),
    placements: Type.Array(SealingPlacement, { minItems: 1, maxItems: 100 }),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PrepareSealingBody = Static<typeof PrepareSealingBody>;

export const PreparedSealing = Type.Object({
  operationId: Uuid,
  digest: Type.String({ description: 'SHA-256 digest the key signs (POST key agent /v1/sign), Base64' }),
  digestAlgorithm: Type.Literal('SHA-256'),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type PreparedSealing = Static<typeof PreparedSealing>;

export const FinishSealingBody = Type.Object(
  { signature: Base64(4096, 'the key agent\'s signature over the digest, Base64') },
  { additionalProperties: false },
);
export type FinishSealingBody = Static<typeof FinishSealingBody>;

export const FinishedSealing = Type.Object({ file: DriveFile, version: Type.Integer({ description: 'the new, sealed version' }) });
export type FinishedSealing = Static<typeof FinishedSealing>;

// 印章库
export const SealKind = Type.Union([Type.Literal('official'), Type.Literal('legal-representative'), Type.Literal('other')], {
  description: 'official 公章, legal-representative 法人章, other 其他',
});
export type SealKind = Static<typeof SealKind>;

export const LibrarySeal = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: SealKind,
  certificateSerial: Type.String({ description: 'hex serial number of the certificate it is bound to' }),
  widthMm: Type.Integer(),
  imageUrl: Type.String({ description: 'GET: the transparent PNG' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type LibrarySeal = Static<typeof LibrarySeal>;

// 签章验证
export const SignatureCheck = Type.Object({
  field: Type.String(),
  signer: Type.Union([
    Type.Object({
      subject: Type.String(),
      serialNumber: Type.String(),
      commonName: Type.Union([Type.String(), Type.Null()]),
      unitName: Type.Union([Type.String(), Type.Null()]),
      creditCode: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  signedAt: Type.Union([Type.String(), Type.Null()]),
  intact: Type.Boolean({ description: 'the signed bytes are unchanged and the CMS signature checks' }),
  coverage: Type.String({ description: "'entire-file' | 'entire-revision' | 'partial'" }),
  modificationsAfter: Type.String({ description: "'none' | 'allowed' | 'disallowed' | 'unknown'" }),
  trusted: Type.Union([Type.Boolean(), Type.Null()]),
  timestamp: Type.Union([
    Type.Object({ time: Type.String(), tsa: Type.Union([Type.String(), Type.Null()]), intact: Type.Boolean(), problems: Type.Array(Type.String()) }),
    Type.Null(),
  ]),
  problems: Type.Array(Type.String()),
  /** The verdict in one line of plain Chinese, for the panel's heading. */
  summary: Type.String(),
  valid: Type.Boolean({ description: 'intact, and nothing disallowed changed after it' }),
});
export type SignatureCheck = Static<typeof SignatureCheck>;

export const VerifyResult = Type.Object({
  ok: Type.Boolean(),
  fileName: Type.Optional(Type.String()),
  version: Type.Optional(Type.Integer()),
  signatures: Type.Array(SignatureCheck),
});
export type VerifyResult = Static<typeof VerifyResult>;
