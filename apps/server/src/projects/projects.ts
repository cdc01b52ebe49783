// 我的项目 / 快速登记 / 自动赋码: an enterprise's projects, each visible to its own enterprise only.
import { and, desc, eq } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { DbOrTx } from '../db/client.ts';
import { projects } from '../db/schema.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Actor, Deps } from '../types.ts';
import { assignSelfCode, checkInvestmentCode, checkRegion } from './project-codes.ts';

export interface ProjectInput {
  /** 投资项目代码; absent = 自动赋码 */
  code?: string;
  name: string;
  constructionUnit: string;
  regionCode: string;
  investment?: string;
  scale?: string;
  address?: string;
}

export type ProjectRow = typeof projects.$inferSelect;

export function toProject(p: ProjectRow) {
  return {
    id: p.id,
    code: p.code,
    codeKind: p.codeKind as 'investment' | 'self',
    name: p.name,
    constructionUnit: p.constructionUnit,
    regionCode: p.regionCode,
    investment: p.investment,
    scale: p.scale,
    address: p.address,
    createdAt: p.createdAt.toISOString(),
  };
}

export async function createProject(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, input: ProjectInput) {
  checkRegion(input.regionCode);
  const code = input.code?.trim();
  if (code) checkInvestmentCode(code);
  if (input.investment && !/^\d{1,12}(\.\d{1,2})?$/.test(input.investment)) {
    fail('VALIDATION_FAILED', '总投资应为数字（万元，最多两位小数）', { fields: [{ field: 'investment', message: '总投资应为数字' }] });
  }
  try {
    return await deps.db.transaction(async (tx) => {
      const finalCode = code || (await assignSelfCode(tx, input.regionCode));
      const [row] = await tx
        .insert(projects)
        .values({
          enterpriseId: actor.enterpriseId,
          code: finalCode,
          codeKind: code ? 'investment' : 'self',
          name: input.name.trim(),
          constructionUnit: input.constructionUnit.trim(),
          regionCode: input.regionCode,
          investment: input.investment ?? '',
          scale: input.scale ?? '',
          address: input.address ?? '',
          createdBy: actor.userId,
        })
        .returning();
      await deps.audit({ action: 'project.created', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'project', targetId: row!.id, details: { code: finalCode } }, tx);
      return toProject(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) fail('PROJECT_CODE_TAKEN');
    throw err;
  }
}

export async function listProjects(db: DbOrTx, actor: Actor) {
  const rows = await db.select().from(projects).where(eq(projects.enterpriseId, actor.enterpriseId)).orderBy(desc(projects.createdAt));
  return rows.map(toProject);
}

export async function findProject(db: DbOrTx, enterpriseId: string, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(and(eq(projects.id, id), eq(projects.enterpriseId, enterpriseId)));
  return row;
}
