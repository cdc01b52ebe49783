// 申报 and the enterprise's other moves: submit (every required row in use has a file, else the
// list of what is missing; then the 申报流水号; a 停用 row is never required), answer 补全/补正, 撤件.
import { fail } from '@hall/shared/errors';
import type { Actor, Deps } from '../types.ts';
import { listMaterials } from '../catalogue/catalogue-repository.ts';
import { nextSerialNo } from './daily-sequence.ts';
import type { DbOrTx } from '../db/client.ts';
import { addEvent, closeRequests, liveAttachments, loadApplication, openRequests, setState, type RequestRow } from './application-repository.ts';
import { applicationView } from './application-view.ts';
import { nextState, stateLabels } from './state-machine.ts';

type D = Pick<Deps, 'db' | 'audit'>;

export async function submitApplication(deps: D, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const app = await loadApplication(tx, id, actor.enterpriseId, true);
    const to = nextState(app.state, 'submit');
    const materials = await listMaterials(tx, app.matterId);
    const attached = new Set((await liveAttachments(tx, id)).map((a) => a.materialId));
    const missing = materials.filter((m) => m.active && m.required && !attached.has(m.id)).map((m) => ({ materialId: m.id, index: m.sortOrder, name: m.name }));
    if (missing.length) {
      fail('MATERIALS_MISSING', `还有 ${missing.length} 项必须提交的材料未上传：${missing.map((m) => `${m.index}. ${m.name}`).join('；')}`, { missing });
    }
    const serialNo = await nextSerialNo(tx);
    await setState(tx, id, { state: to, serialNo, submittedAt: new Date() });
    await addEvent(tx, { applicationId: id, action: 'submit', fromState: app.state, toState: to, actorKind: 'enterprise', actorId: actor.userId, message: `已申报，申报流水号 ${serialNo}` });
    await deps.audit({ action: 'application.submitted', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: id, details: { serialNo } }, tx);
  });
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId));
}

/** 补全 (whole application back to the window) or 补正 (after 受理): every open row needs a new file. */
export async function answerRequests(deps: D, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const app = await loadApplication(tx, id, actor.enterpriseId, true);
    const action = app.state === 'supplement_required' ? 'answer_supplement' : 'answer_correction';
    const to = nextState(app.state, action);
    const open = await openRequests(tx, id);
    if (open.length === 0) fail('STATE_TRANSITION_INVALID', '没有待补全或补正的材料');
    const missing = await unansweredRequests(tx, id, open, await listMaterials(tx, app.matterId));
    if (missing.length) fail('MATERIALS_MISSING', `还有 ${missing.length} 项材料未按要求上传：${missing.map((m) => `${m.index}. ${m.name}`).join('；')}`, { missing });
    await closeRequests(tx, open.map((r) => r.id));
    await setState(tx, id, { state: to });
    const label = action === 'answer_supplement' ? '已补全' : '补正结束';
    await addEvent(tx, { applicationId: id, action, fromState: app.state, toState: to, actorKind: 'enterprise', actorId: actor.userId, message: label, details: { materialIds: open.map((r) => r.materialId) } });
    await deps.audit({ action: `application.${action}`, enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: id }, tx);
  });
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId));
}

/** The open requests no file of their own round answers yet, named by their checklist row. */
export async function unansweredRequests(db: DbOrTx, id: string, open: readonly RequestRow[], materials: readonly { id: string; sortOrder: number; name: string }[]) {
  const answered = new Set((await liveAttachments(db, id)).map((a) => a.requestId).filter(Boolean));
  return open
    .filter((r) => !answered.has(r.id))
    .map((r) => {
      const m = materials.find((x) => x.id === r.materialId);
      return { materialId: r.materialId, index: m?.sortOrder ?? 0, name: m?.name ?? r.materialId };
    });
}

export async function withdrawApplication(deps: D, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const app = await loadApplication(tx, id, actor.enterpriseId, true);
    const to = nextState(app.state, 'withdraw');
    await closeRequests(tx, (await openRequests(tx, id)).map((r) => r.id));
    await setState(tx, id, { state: to });
    await addEvent(tx, { applicationId: id, action: 'withdraw', fromState: app.state, toState: to, actorKind: 'enterprise', actorId: actor.userId, message: stateLabels[to] });
    await deps.audit({ action: 'application.withdrawn', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: id }, tx);
  });
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId));
}
