// 问题反馈: an enterprise asks (待答复), the window answers once (已答复). The enterprise sees
// only its own; the staff see all, with the unit's name.
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { FEEDBACK_STATUS, FEEDBACK_TYPES, type Feedback, type FeedbackBody, type FeedbackQuery, type FeedbackType } from '@hall/shared/schemas/feedback';
import type { DbOrTx } from '../db/client.ts';
import { enterprises, feedback, staffUsers } from '../db/schema.ts';
import type { StaffActor } from '../staff/staff-accounts.ts';
import type { Actor, Deps } from '../types.ts';

type Row = typeof feedback.$inferSelect;

function view(row: Row, extra: { answeredByName?: string | null; unitName?: string } = {}): Feedback {
  const status = row.status as keyof typeof FEEDBACK_STATUS;
  return {
    id: row.id,
    type: row.type,
    typeLabel: FEEDBACK_TYPES[row.type as FeedbackType] ?? row.type,
    title: row.title,
    content: row.content,
    contactPhone: row.contactPhone,
    status,
    statusLabel: FEEDBACK_STATUS[status],
    answer: row.answer,
    answeredBy: extra.answeredByName ?? null,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    ...(extra.unitName !== undefined ? { unitName: extra.unitName } : {}),
  };
}

export async function submitFeedback(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, body: FeedbackBody): Promise<Feedback> {
  const title = body.title.trim();
  const content = body.content.trim();
  const fields = [
    ...(title.length < 2 ? [{ field: 'title', message: '请填写标题' }] : []),
    ...(content.length < 5 ? [{ field: 'content', message: '请填写问题描述（至少 5 个字）' }] : []),
  ];
  if (fields.length) fail('VALIDATION_FAILED', fields.map((f) => f.message).join('；'), { fields });
  const [row] = await deps.db
    .insert(feedback)
    .values({ enterpriseId: actor.enterpriseId, userId: actor.userId, type: body.type, title, content, contactPhone: body.contactPhone })
    .returning();
  await deps.audit({ action: 'feedback.submitted', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'feedback', targetId: row!.id });
  return view(row!);
}

async function page(db: DbOrTx, where: SQL | undefined, query: FeedbackQuery, withUnit: boolean) {
  const [{ total }] = (await db.select({ total: count() }).from(feedback).where(where)) as [{ total: number }];
  const rows = await db
    .select({ row: feedback, answeredByName: staffUsers.name, unitName: enterprises.unitName })
    .from(feedback)
    .innerJoin(enterprises, eq(enterprises.id, feedback.enterpriseId))
    .leftJoin(staffUsers, eq(staffUsers.id, feedback.answeredBy))
    .where(where)
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: Number(total),
    items: rows.map((r) => view(r.row, { answeredByName: r.answeredByName, ...(withUnit ? { unitName: r.unitName } : {}) })),
  };
}

export function listOwnFeedback(db: DbOrTx, actor: Actor, query: FeedbackQuery) {
  return page(db, and(eq(feedback.enterpriseId, actor.enterpriseId), query.status ? eq(feedback.status, query.status) : undefined), query, false);
}

export async function getOwnFeedback(db: DbOrTx, actor: Actor, id: string) {
  const [r] = await db
    .select({ row: feedback, answeredByName: staffUsers.name })
    .from(feedback)
    .leftJoin(staffUsers, eq(staffUsers.id, feedback.answeredBy))
    .where(and(eq(feedback.id, id), eq(feedback.enterpriseId, actor.enterpriseId)));
  if (!r) fail('NOT_FOUND', '反馈不存在');
  return view(r.row, { answeredByName: r.answeredByName });
}

export function listAllFeedback(db: DbOrTx, query: FeedbackQuery) {
  return page(db, query.status ? eq(feedback.status, query.status) : undefined, query, true);
}

export async function answerFeedback(deps: Pick<Deps, 'db' | 'audit'>, staff: StaffActor, id: string, answer: string): Promise<Feedback> {
  const text = answer.trim();
  if (text.length < 2) fail('VALIDATION_FAILED', '请填写答复内容', { fields: [{ field: 'answer', message: '请填写答复内容' }] });
  // Only a pending row is updated: two staff answering at once, one wins, the other is told.
  const [row] = await deps.db
    .update(feedback)
    .set({ status: 'answered', answer: text, answeredBy: staff.staffId, answeredAt: new Date() })
    .where(and(eq(feedback.id, id), eq(feedback.status, 'pending')))
    .returning();
  if (!row) {
    const [exists] = await deps.db.select({ id: feedback.id }).from(feedback).where(eq(feedback.id, id));
    fail(exists ? 'FEEDBACK_ALREADY_ANSWERED' : 'NOT_FOUND');
  }
  await deps.audit({ action: 'feedback.answered', enterpriseId: row.enterpriseId, targetType: 'feedback', targetId: id, details: { staffId: staff.staffId } });
  const [unit] = await deps.db.select({ unitName: enterprises.unitName }).from(enterprises).where(eq(enterprises.id, row.enterpriseId));
  return view(row, { answeredByName: staff.name, unitName: unit?.unitName ?? '' });
}
