import { eq } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { Me } from '@hall/shared/schemas/session';
import { enterprises, users } from '../db/schema.ts';
import type { Actor, Deps } from '../types.ts';
import { toEnterprise } from './enterprise-view.ts';

export async function getMe(deps: Pick<Deps, 'db'>, actor: Actor): Promise<Me> {
  const [row] = await deps.db
    .select({ user: users, enterprise: enterprises })
    .from(users)
    .innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(eq(users.id, actor.userId));
  if (!row) fail('UNAUTHENTICATED');
  return { user: { id: row.user.id, name: row.user.name }, enterprise: toEnterprise(row.enterprise) };
}
