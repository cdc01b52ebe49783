// The window's actions on a submitted application: 受理, 不予受理, 材料补全, 材料补正 (with its
// 补正期限), 特别程序 (开始/结束), 办结 (通过 / 容缺通过 / 不通过), and after 容缺通过 确认补齐 /
// 退回补齐. Each goes through the state machine, is recorded as an event and told to the enterprise.
import { fail } from '@hall/shared/errors';
import { DEFAULT_CORRECTION_DAYS, OUTCOME_LABELS, type Outcome, type SpecialProcedureKind } from '@hall/shared/schemas/applications';
import type { Deps } from '../types.ts';
import { applicationAttachments, materialRequests } from '../db/schema.ts';
import { listMaterials } from '../catalogue/catalogue-repository.ts';
import { addEvent, isOverdue, loadApplication, openRequests, setState } from '../applications/application-repository.ts';
import { applicationView } from '../applications/application-view.ts';
import { openDeferralRound, readDeferral } from '../applications/deferral.ts';
import { endSpecialProcedure, openSpecialProcedure, specialKindLabel, startSpecialProcedure } from '../applications/special-procedures.ts';
import { checkFinishTerms, nextState, statusLabel, type ApplicationAction } from '../applications/state-machine.ts';
import { smsEnterprise, type Notifier } from '../applications/notify-enterprise.ts';
import { chinaDate, endOfChinaDay } from '../china-time.ts';
import type { StaffActor, StaffRole } from './staff-accounts.ts';

export type StaffAction =
  | { action: 'accept'; reason?: string }
  | { action: 'reject'; reason: string }
  | { action: 'request_supplement'; reason: string; materialIds: string[] }
  | { action: 'request_correction'; reason: string; materialIds: string[]; deadline?: string }
  | { action: 'start_special'; kind: SpecialProcedureKind; reason: string; expectedDays: number }
  | { action: 'end_special'; result: string }
  | { action: 'confirm_deferral'; reason?: string }
  | { action: 'return_deferral'; reason: string }
  | {
      action: 'finish';
      outcome: Outcome;
      reason?: string;
      deferredMaterialIds?: string[];
      promisedBy?: string;
      decision?: { fileId: string; version: number; ownerEnterpriseId: string };
    };

const neededRole: Record<StaffAction['action'], StaffRole> = {
  accept: 'window',
  reject: 'window',
  request_supplement: 'window',
  request_correction: 'window',
  start_special: 'window',
  end_special: 'window',
  finish: 'approver',
  // the window receives the owed materials, as it received the application
  confirm_deferral: 'window',
  return_deferral: 'window',
};

const DAY_MS = 86_400_000;

export async function handleApplication(deps: Pick<Deps, 'db' | 'audit'>, notifier: Notifier, staff: StaffActor, id: string, input: StaffAction) {
  if (!staff.roles.includes(neededRole[input.action])) fail('FORBIDDEN', input.action === 'finish' ? '办结需要审批人员权限' : '需要窗口受理人员权限');
  const result = await deps.db.transaction(async (tx) => {
    const app = await loadApplication(tx, id, null, true);
    const special = await openSpecialProcedure(tx, id);
    const open = await openRequests(tx, id);
    const to = nextState(app.state, input.action as ApplicationAction, {
      openCorrections: open.filter((r) => r.kind === 'correction').length,
      openSpecial: special ? specialKindLabel(special.kind) : null,
      deferral: readDeferral(app, open),
    });
    let message: string;
    let outcome = app.outcome;
    const details: Record<string, unknown> = {};
    if (input.action === 'request_supplement' || input.action === 'request_correction') {
      const materials = await listMaterials(tx, app.matterId);
      const unknown = input.materialIds.filter((m) => !materials.some((x) => x.id === m));
      if (input.materialIds.length === 0 || unknown.length) fail('VALIDATION_FAILED', '请选择该事项的材料', { fields: [{ field: 'materialIds', message: '请选择该事项的材料' }] });
      const kind = input.action === 'request_supplement' ? 'supplement' : 'correction';
      const already = new Set(open.filter((r) => r.kind === kind).map((r) => r.materialId));
      // Every 补正 has a deadline (逾期未补正 is read from it); 补全 at intake has none.
      const deadline = kind === 'correction' ? correctionDeadline(input.action === 'request_correction' ? input.deadline : undefined) : null;
      for (const materialId of input.materialIds.filter((m) => !already.has(m))) {
        await tx.insert(materialRequests).values({ applicationId: id, materialId, kind, reason: input.reason, deadline, openedBy: staff.staffId });
      }
      const names = materials.filter((m) => input.materialIds.includes(m.id)).map((m) => `${m.sortOrder}. ${m.name}`);
      const until = deadline ? `，补正期限 ${chinaDate(deadline)}` : '';
      message = `${kind === 'supplement' ? '材料补全' : '材料补正（开始）'}：${input.reason}（${names.join('；')}）${until}`;
      details.materialIds = input.materialIds;
      if (deadline) details.deadline = deadline.toISOString();
      await setState(tx, id, { state: to, reason: input.reason });
    } else if (input.action === 'start_special') {
      await startSpecialProcedure(tx, { applicationId: id, kind: input.kind, reason: input.reason, expectedDays: input.expectedDays, staffId: staff.staffId });
      const label = specialKindLabel(input.kind);
      message = `特别程序（开始）：${label}，${input.reason}，预计 ${input.expectedDays} 天（至 ${chinaDate(new Date(Date.now() + input.expectedDays * DAY_MS))}）`;
      Object.assign(details, { kind: input.kind, expectedDays: input.expectedDays });
      await setState(tx, id, {});
    } else if (input.action === 'end_special') {
      await endSpecialProcedure(tx, special!.id, { result: input.result, staffId: staff.staffId });
      message = `特别程序（结束）：${specialKindLabel(special!.kind)}，${input.result}`;
      Object.assign(details, { kind: special!.kind, specialProcedureId: special!.id });
      await setState(tx, id, {});
    } else if (input.action === 'finish') {
      const materials = await listMaterials(tx, app.matterId);
      checkFinishTerms(input, materials.map((m) => m.id), chinaDate(new Date()));
      const owed = input.outcome === 'conditional' ? materials.filter((m) => input.deferredMaterialIds!.includes(m.id)) : [];
      if (input.decision) {
        await tx.insert(applicationAttachments).values({
          applicationId: id,
          materialId: 'decision',
          fileId: input.decision.fileId,
          version: input.decision.version,
          source: 'window',
          uploaderStaffId: staff.staffId,
        });
      }
      await setState(tx, id, {
        state: to,
        outcome: input.outcome,
        reason: input.reason ?? null,
        finishedAt: new Date(),
        deferredMaterialIds: owed.map((m) => m.id),
        promisedBy: input.outcome === 'conditional' ? input.promisedBy! : null,
      });
      if (owed.length) await openDeferralRound(tx, app, { materialIds: owed.map((m) => m.id), promisedBy: input.promisedBy!, reason: '容缺通过，承诺补齐', staffId: staff.staffId });
      outcome = input.outcome;
      const owing = owed.length ? `；容缺材料：${owed.map((m) => `${m.sortOrder}. ${m.name}`).join('；')}，承诺 ${input.promisedBy} 前补齐` : '';
      message = `办结（${OUTCOME_LABELS[input.outcome]}）${input.reason ? `：${input.reason}` : ''}${owing}`;
      details.outcome = input.outcome;
      if (owed.length) Object.assign(details, { deferredMaterialIds: owed.map((m) => m.id), promisedBy: input.promisedBy });
    } else if (input.action === 'confirm_deferral' || input.action === 'return_deferral') {
      const materials = await listMaterials(tx, app.matterId);
      const names = materials.filter((m) => app.deferredMaterialIds.includes(m.id)).map((m) => `${m.sortOrder}. ${m.name}`).join('；');
      if (input.action === 'confirm_deferral') {
        await setState(tx, id, { deferralConfirmedAt: new Date() });
        message = `确认补齐：${names}${input.reason ? `（${input.reason}）` : ''}`;
      } else {
        // a new round under the same 承诺补齐 date: the returned files stay, new ones answer it
        await openDeferralRound(tx, app, { materialIds: app.deferredMaterialIds, promisedBy: app.promisedBy!, reason: input.reason, staffId: staff.staffId });
        await setState(tx, id, {});
        message = `退回补齐：${input.reason}（${names}）`;
      }
      details.materialIds = app.deferredMaterialIds;
      if (input.reason) details.reason = input.reason;
    } else if (input.action === 'accept') {
      await setState(tx, id, { state: to, acceptedAt: new Date(), reason: input.reason ?? null });
      message = '已受理';
    } else {
      await setState(tx, id, { state: to, reason: input.reason });
      message = `不予受理：${input.reason}`;
    }
    await addEvent(tx, { applicationId: id, action: input.action, fromState: app.state, toState: to, actorKind: 'staff', actorId: staff.staffId, message, details });
    await deps.audit({ action: `application.${input.action}`, enterpriseId: app.enterpriseId, targetType: 'application', targetId: id, details: { staffId: staff.staffId, ...details } }, tx);
    const openNow = await openRequests(tx, id);
    const corrections = openNow.filter((r) => r.kind === 'correction');
    const status = statusLabel(to, {
      outcome,
      deferral: readDeferral(await loadApplication(tx, id, null), openNow),
      openCorrections: corrections.length,
      overdueCorrections: corrections.filter((r) => isOverdue(r)).length,
      openSpecial: Boolean(await openSpecialProcedure(tx, id)),
    });
    return { enterpriseId: app.enterpriseId, serialNo: app.serialNo ?? '', status };
  });
  await smsEnterprise(notifier, result.enterpriseId, result.serialNo, result.status);
  return applicationView(deps.db, await loadApplication(deps.db, id, null));
}

/** The 补正期限 asked for (it must lie ahead), or DEFAULT_CORRECTION_DAYS from today, to the end of that day in China. */
function correctionDeadline(asked: string | undefined): Date {
  if (!asked) return endOfChinaDay(new Date(Date.now() + DEFAULT_CORRECTION_DAYS * DAY_MS));
  const d = new Date(asked);
  if (d.getTime() <= Date.now()) fail('VALIDATION_FAILED', '补正期限须晚于现在', { fields: [{ field: 'deadline', message: '补正期限须晚于现在' }] });
  return d;
}
