// 我的材料: a unit's reusable certificates and their files. Browser-safe: TypeBox only.
import { Type, type Static } from '@sinclair/typebox';

export const UNIT_MATERIAL_KINDS = {
  'business-license': '营业执照',
  qualification: '资质证书',
  'safety-permit': '安全生产许可证',
  personnel: '人员资格证书',
  other: '其他',
} as const;
export type UnitMaterialKind = keyof typeof UNIT_MATERIAL_KINDS;

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const UnitMaterialFilePick = Type.Object({
  fileId: Type.String({ format: 'uuid' }),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'absent: the current version' })),
});

export const UnitMaterialBody = Type.Object(
  {
    kind: Type.Union(Object.keys(UNIT_MATERIAL_KINDS).map((k) => Type.Literal(k as UnitMaterialKind))),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    number: Type.Optional(Type.String({ maxLength: 100 })),
    issuer: Type.Optional(Type.String({ maxLength: 100 })),
    validFrom: Type.Optional(Type.Union([Day, Type.Null()])),
    /** null or absent: 长期有效 */
    validTo: Type.Optional(Type.Union([Day, Type.Null()])),
    notes: Type.Optional(Type.String({ maxLength: 500 })),
    files: Type.Array(UnitMaterialFilePick, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type UnitMaterialBody = Static<typeof UnitMaterialBody>;

/** valid; expiring = 即将过期 (within 30 days); expired = 已过期; permanent = 长期有效 */
export const ExpiryState = Type.Union([Type.Literal('valid'), Type.Literal('expiring'), Type.Literal('expired'), Type.Literal('permanent')]);
export type ExpiryState = Static<typeof ExpiryState>;

export const UnitMaterial = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  name: Type.String(),
  number: Type.String(),
  issuer: Type.String(),
  validFrom: Type.Union([Type.String(), Type.Null()]),
  validTo: Type.Union([Type.String(), Type.Null()]),
  notes: Type.String(),
  expiry: ExpiryState,
  expiryLabel: Type.String(),
  /** days until validTo (negative once expired); null when 长期有效 */
  daysLeft: Type.Union([Type.Integer(), Type.Null()]),
  files: Type.Array(
    Type.Object({ fileId: Type.String(), version: Type.Integer(), name: Type.String(), size: Type.Number(), mimeType: Type.String(), deleted: Type.Boolean() }),
  ),
  updatedAt: Type.String(),
});
export type UnitMaterial = Static<typeof UnitMaterial>;

export const UnitMaterialList = Type.Object({
  items: Type.Array(UnitMaterial),
  counts: Type.Object({ total: Type.Integer(), expiring: Type.Integer(), expired: Type.Integer() }),
});
export type UnitMaterialList = Static<typeof UnitMaterialList>;

export const AttachUnitMaterialBody = Type.Object(
  { applicationId: Type.String({ format: 'uuid' }), materialId: Type.String({ minLength: 1, description: 'the catalogue material row of the application' }) },
  { additionalProperties: false },
);
export type AttachUnitMaterialBody = Static<typeof AttachUnitMaterialBody>;
