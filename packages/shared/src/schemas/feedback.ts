// 问题反馈: an enterprise's questions and the window's answers. Browser-safe: TypeBox only.
import { Type, type Static } from '@sinclair/typebox';

export const FEEDBACK_TYPES = {
  consult: '业务咨询',
  problem: '系统问题',
  suggestion: '意见建议',
  complaint: '投诉',
} as const;
export type FeedbackType = keyof typeof FEEDBACK_TYPES;

export const FEEDBACK_STATUS = { pending: '待答复', answered: '已答复' } as const;

/** 手机号码 (1 + 10 digits) or 固定电话 (区号-号码, optional 分机). */
export const CONTACT_PHONE_PATTERN = '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?)$';

export const FeedbackBody = Type.Object(
  {
    type: Type.Union(Object.keys(FEEDBACK_TYPES).map((k) => Type.Literal(k as FeedbackType))),
    title: Type.String({ minLength: 2, maxLength: 60 }),
    content: Type.String({ minLength: 5, maxLength: 2000 }),
    contactPhone: Type.String({ pattern: CONTACT_PHONE_PATTERN }),
  },
  { additionalProperties: false },
);
export type FeedbackBody = Static<typeof FeedbackBody>;

export const Feedback = Type.Object({
  id: Type.String(),
  type: Type.String(),
  typeLabel: Type.String(),
  title: Type.String(),
  content: Type.String(),
  contactPhone: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('answered')]),
  statusLabel: Type.String(),
  answer: Type.Union([Type.String(), Type.Null()]),
  answeredBy: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  /** staff lists only */
  unitName: Type.Optional(Type.String()),
});
export type Feedback = Static<typeof Feedback>;

export const FeedbackList = Type.Object({ items: Type.Array(Feedback), total: Type.Integer() });
export type FeedbackList = Static<typeof FeedbackList>;

export const FeedbackQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('answered')])),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
});
export type FeedbackQuery = Static<typeof FeedbackQuery>;

export const AnswerBody = Type.Object({ answer: Type.String({ minLength: 2, maxLength: 2000 }) }, { additionalProperties: false });
export type AnswerBody = Static<typeof AnswerBody>;
