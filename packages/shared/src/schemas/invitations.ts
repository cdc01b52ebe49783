// 发起盖章、签名 (requests to others), 扫码签名 (personal signature by phone) and the SMS outbox.
// Browser-safe: TypeBox only.
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.ts';

const Phone = Type.String({ minLength: 1, maxLength: 20, description: '手机号码（中国大陆 11 位）' });

export const NewParty = Type.Union([
  Type.Object({
    kind: Type.Literal('enterprise'),
    unitName: Type.String({ maxLength: 200 }),
    creditCode: Type.String({ maxLength: 18 }),
    contactName: Type.String({ maxLength: 50 }),
    phone: Phone,
  }),
  Type.Object({ kind: Type.Literal('person'), name: Type.String({ maxLength: 50 }), idNumber: Type.String({ maxLength: 18 }), phone: Phone }),
]);
export type NewParty = Static<typeof NewParty>;

export const CreateInvitationBody = Type.Object({
  fileId: Uuid,
  projectName: Type.String({ maxLength: 200, description: '项目名称（写入短信）' }),
  parties: Type.Array(NewParty, { maxItems: 20 }),
});
export type CreateInvitationBody = Static<typeof CreateInvitationBody>;

export const PartyStatus = Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('rejected'), Type.Literal('expired'), Type.Literal('revoked')]);
export type PartyStatus = Static<typeof PartyStatus>;

export const Party = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('enterprise'), Type.Literal('person')]),
  name: Type.String({ description: '单位名称或姓名' }),
  creditCode: Type.Optional(Type.String()),
  contactName: Type.Optional(Type.String()),
  idNumberMasked: Type.Optional(Type.String()),
  phone: Type.String(),
  status: PartyStatus,
  statusLabel: Type.String({ description: '待处理 / 已盖章 / 已签名 / 已拒绝 / 已过期 / 已撤销' }),
  expiresAt: Type.String({ format: 'date-time' }),
  doneAt: Type.Optional(Type.String({ format: 'date-time' })),
  doneBy: Type.Optional(Type.String()),
  resultVersion: Type.Optional(Type.Integer()),
  smsCount: Type.Integer(),
  link: Type.Optional(Type.String({ description: '仅在发起或重发时返回（链接本身不保存）' })),
});
export type Party = Static<typeof Party>;

export const Invitation = Type.Object({
  id: Uuid,
  fileId: Uuid,
  fileName: Type.Optional(Type.String()),
  projectName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  revoked: Type.Boolean(),
  parties: Type.Array(Party),
});
export type Invitation = Static<typeof Invitation>;

export const InvitationLanding = Type.Object({
  kind: Type.Union([Type.Literal('enterprise'), Type.Literal('person')]),
  status: PartyStatus,
  statusLabel: Type.String(),
  projectName: Type.String(),
  initiator: Type.String(),
  fileName: Type.String(),
  fileVersion: Type.Integer(),
  partyName: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  loggedInAsParty: Type.Optional(Type.Boolean()),
});
export type InvitationLanding = Static<typeof InvitationLanding>;

/** The width a handwritten signature gets on the page unless placed otherwise (about a signature line). */
export const SIGNATURE_WIDTH_MM = 36;

export const SignaturePlacement = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  x: Type.Optional(Type.Number({ minimum: 0 })),
  y: Type.Optional(Type.Number({ minimum: 0 })),
  widthMm: Type.Optional(Type.Number({ minimum: 5, maximum: 120 })),
});
export type SignaturePlacement = Static<typeof SignaturePlacement>;

export const SigningLink = Type.Object({ token: Type.String(), url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });
export type SigningLink = Static<typeof SigningLink>;

export const QrSession = Type.Object({ id: Uuid, url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });
export type QrSession = Static<typeof QrSession>;

export const QrSessionStatus = Type.Object({
  id: Uuid,
  state: Type.Union([Type.Literal('pending'), Type.Literal('verified'), Type.Literal('signed'), Type.Literal('used'), Type.Literal('expired')]),
  person: Type.Optional(Type.Object({ name: Type.String() })),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type QrSessionStatus = Static<typeof QrSessionStatus>;

export const ApplyQrSignatureBody = Type.Intersect([Type.Object({ fileId: Uuid, version: Type.Optional(Type.Integer({ minimum: 1 })) }), SignaturePlacement]);
export type ApplyQrSignatureBody = Static<typeof ApplyQrSignatureBody>;

export const MobileView = Type.Object({
  purpose: Type.Union([Type.Literal('qr'), Type.Literal('party')]),
  state: Type.Union([Type.Literal('pending'), Type.Literal('verified'), Type.Literal('signed')]),
  expiresAt: Type.String({ format: 'date-time' }),
  invited: Type.Optional(Type.Object({ name: Type.String(), idNumberMasked: Type.String(), phoneMasked: Type.String() })),
  fileName: Type.Optional(Type.String()),
  projectName: Type.Optional(Type.String()),
  initiator: Type.Optional(Type.String()),
  hasSavedSignature: Type.Boolean(),
  person: Type.Optional(Type.Object({ name: Type.String() })),
});
export type MobileView = Static<typeof MobileView>;

export const MobileCodeBody = Type.Object({ name: Type.String({ maxLength: 50 }), idNumber: Type.String({ maxLength: 18 }), phone: Phone });
export type MobileCodeBody = Static<typeof MobileCodeBody>;

export const MobileVerifyBody = Type.Object({ code: Type.String({ minLength: 4, maxLength: 8 }) });
export type MobileVerifyBody = Static<typeof MobileVerifyBody>;

export const MobileSignatureBody = Type.Object({
  png: Type.Optional(Type.String({ description: '手写签名 PNG，base64' })),
  useSaved: Type.Optional(Type.Boolean({ description: '使用已保存的签名' })),
  placement: Type.Optional(SignaturePlacement),
});
export type MobileSignatureBody = Static<typeof MobileSignatureBody>;

export const MobileSignatureResult = Type.Object({ state: Type.Union([Type.Literal('signed'), Type.Literal('done')]), version: Type.Optional(Type.Integer()) });
export type MobileSignatureResult = Static<typeof MobileSignatureResult>;

export const OutboxMessage = Type.Object({
  id: Uuid,
  phone: Type.String(),
  template: Type.String(),
  text: Type.String(),
  params: Type.Record(Type.String(), Type.String()),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type OutboxMessage = Static<typeof OutboxMessage>;
