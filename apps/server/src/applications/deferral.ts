// 容缺补齐: after a 容缺通过 办结 the enterprise still owes its 容缺材料. Each owed material is an
// open request of kind 'deferral' (due at the end of the 承诺补齐 day), so the files come in
// through the same slots as 补正 answers (我的云盘, 本地上传, 我的材料, 第三方) as new attachments
// tied to that round. 提交补齐 closes the round (已补齐（待确认）); the window confirms (the
// application is closed) or returns it with a reason (a new round opens).
import { fail } from '@hall/shared/errors';
import type { DbOrTx } from '../db/client.ts';
import type { Actor, Deps } from '../types.ts';
import { listMaterials } from '../catalogue/catalogue-repository.ts';
import { endOfChinaDate } from '../china-time.ts';
import { materialRequests } from '../db/schema.ts';
import { addEvent, closeRequests, isOverdue, loadApplication, openRequests, setState, type ApplicationRow, type RequestRow } from './application-repository.ts';
import { applicationView } from './application-view.ts';
import { unansweredRequests } from './submit-application.ts';
import { deferralStatus, nextState } from './state-machine.ts';

/** The deadline of a 承诺补齐 date: the last millisecond of that day in China (UTC+8). */
export const promisedDeadline = (promisedBy: string): Date => endOfChinaDate(promisedBy);

/** Where 容缺补齐 stands for one application, read now (逾期 needs no timer). */
export function readDeferral(app: ApplicationRow, open: readonly RequestRow[], now = Date.now()) {
  const owed = open.filter((r) => r.kind === 'deferral');
  return deferralStatus({
    outcome: app.state === 'finished' ? app.outcome : null,
    confirmed: app.deferralConfirmedAt !== null,
    open: owed.length,
    overdue: owed.filter((r) => isOverdue(r, now)).length,
  });
}

/** Opens one round: a deferral request per owed material, with the window's words as its reason. */
export async function openDeferralRound(db: DbOrTx, app: Pick<ApplicationRow, 'id'>, v: { materialIds: string[]; promisedBy: string; reason: string; staffId: string }): Promise<void> {
  const deadline = promisedDeadline(v.promisedBy);
  for (const materialId of v.materialIds) {
    await db.insert(materialRequests).values({ applicationId: app.id, materialId, kind: 'deferral', reason: v.reason, deadline, openedBy: v.staffId });
  }
}

/** 提交补齐 (the enterprise): every owed row has a new file of this round; the round closes. */
export async function submitDeferral(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const app = await loadApplication(tx, id, actor.enterpriseId, true);
    const open = await openRequests(tx, id);
    const to = nextState(app.state, 'submit_deferral', { deferral: readDeferral(app, open) });
    const owed = open.filter((r) => r.kind === 'deferral');
    const materials = await listMaterials(tx, app.matterId);
    const missing = await unansweredRequests(tx, id, owed, materials);
    if (missing.length) fail('MATERIALS_MISSING', `还有 ${missing.length} 项容缺材料未上传：${missing.map((m) => `${m.index}. ${m.name}`).join('；')}`, { missing });
    await closeRequests(tx, owed.map((r) => r.id));
    const names = materials.filter((m) => owed.some((r) => r.materialId === m.id)).map((m) => `${m.sortOrder}. ${m.name}`);
    const details = { materialIds: owed.map((r) => r.materialId) };
    await addEvent(tx, { applicationId: id, action: 'submit_deferral', fromState: app.state, toState: to, actorKind: 'enterprise', actorId: actor.userId, message: `容缺材料已补齐（待确认）：${names.join('；')}`, details });
    await setState(tx, id, {});
    await deps.audit({ action: 'application.submit_deferral', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: id, details }, tx);
  });
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId));
}
