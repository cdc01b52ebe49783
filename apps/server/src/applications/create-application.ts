// 项目申报, first steps: choose a project of one's own and a matter; the application starts as
// 暂存 and its form can be saved as often as wished while it stays a draft.
import { fail } from '@hall/shared/errors';
import type { Actor, Deps } from '../types.ts';
import { applications } from '../db/schema.ts';
import { findMatter } from '../catalogue/catalogue-repository.ts';
import { findProject } from '../projects/projects.ts';
import { addEvent, loadApplication, setState } from './application-repository.ts';
import { applicationView } from './application-view.ts';

export interface ApplicationForm {
  contactName?: string;
  contactPhone?: string;
  description?: string;
}

export async function createApplication(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, input: { projectId: string; matterId: string; form?: ApplicationForm }) {
  if (!(await findProject(deps.db, actor.enterpriseId, input.projectId))) fail('NOT_FOUND', '项目不存在');
  if (!(await findMatter(deps.db, input.matterId))) fail('NOT_FOUND', '事项不存在');
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(applications)
      .values({ enterpriseId: actor.enterpriseId, projectId: input.projectId, matterId: input.matterId, form: input.form ?? {}, createdBy: actor.userId })
      .returning({ id: applications.id });
    await addEvent(tx, { applicationId: row!.id, action: 'create', toState: 'draft', actorKind: 'enterprise', actorId: actor.userId, message: '暂存' });
    await deps.audit({ action: 'application.created', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: row!.id, details: { matterId: input.matterId } }, tx);
    return row!.id;
  });
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId));
}

export async function saveForm(deps: Pick<Deps, 'db'>, actor: Actor, id: string, form: ApplicationForm) {
  await deps.db.transaction(async (tx) => {
    const app = await loadApplication(tx, id, actor.enterpriseId, true);
    if (app.state !== 'draft') fail('APPLICATION_LOCKED', '申报已提交，不能再修改申报信息');
    await setState(tx, id, { form });
  });
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId));
}

/** The unit's own application; `options.signatures` also checks each PDF's signatures (打印预览). */
export async function getApplication(deps: Pick<Deps, 'db'>, actor: Actor, id: string, options: Parameters<typeof applicationView>[2] = {}) {
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId), options);
}
