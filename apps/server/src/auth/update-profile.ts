// The first-login form (单位信息) and later edits: the user confirms the unit's details. The
// 统一社会信用代码 is the one the CA certificate carries (the unit was found by it), so a
// different code is a typing mistake to point out, never a change to make.
import { eq, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { isValidCreditCode } from '@hall/shared/identifiers';
import type { ProfileBody } from '@hall/shared/schemas/auth';
import type { Enterprise } from '@hall/shared/schemas/session';
import { enterprises } from '../db/schema.ts';
import { toEnterprise } from '../sessions/enterprise-view.ts';
import type { Actor, Deps } from '../types.ts';

export async function updateProfile(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, body: ProfileBody): Promise<Enterprise> {
  const fields = {
    unitName: body.unitName.trim(),
    creditCode: body.creditCode.trim().toUpperCase(),
    legalRepresentative: body.legalRepresentative.trim(),
    phone: body.phone.trim(),
  };
  if (!isValidCreditCode(fields.creditCode)) {
    fail('VALIDATION_FAILED', '统一社会信用代码不正确（校验位不符），请核对', { fields: [{ field: 'creditCode', message: '校验位不符' }] });
  }
  return deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(enterprises).where(eq(enterprises.id, actor.enterpriseId)).for('update');
    if (!current) fail('UNAUTHENTICATED');
    if (current.creditCode !== fields.creditCode) fail('CREDIT_CODE_MISMATCH');
    const [row] = await tx
      .update(enterprises)
      .set({ unitName: fields.unitName, legalRepresentative: fields.legalRepresentative, phone: fields.phone, profileComplete: true, updatedAt: sql`now()` })
      .where(eq(enterprises.id, actor.enterpriseId))
      .returning();
    await deps.audit(
      {
        action: 'enterprise.profile_updated',
        enterpriseId: actor.enterpriseId,
        userId: actor.userId,
        targetType: 'enterprise',
        targetId: actor.enterpriseId,
        details: {
          before: { unitName: current.unitName, legalRepresentative: current.legalRepresentative, phone: current.phone, profileComplete: current.profileComplete },
          after: { unitName: fields.unitName, legalRepresentative: fields.legalRepresentative, phone: fields.phone },
        },
      },
      tx,
    );
    return toEnterprise(row!);
  });
}
