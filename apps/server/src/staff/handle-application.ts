// The window's actions on a submitted application: 受理, 不予受理, 材料补全, 材料补正, 办结.
// Each goes through the state machine, is recorded as an event and told to the enterprise.
import { fail } from '@hall/shared/errors';
import type { Deps } from '../types.ts';
import { applicationAttachments, materialRequests } from '../db/schema.ts';
import { listMaterials } from '../catalogue/catalogue-repository.ts';
import { addEvent, loadApplication, openRequests, setState } from '../applications/application-repository.ts';
import { applicationView } from '../applications/application-view.ts';
import { nextState, statusLabel, type ApplicationAction } from '../applications/state-machine.ts';
import { smsEnterprise, type Notifier } from '../applications/notify-enterprise.ts';
import type { StaffActor, StaffRole } from './staff-accounts.ts';

export type StaffAction =
  | { action: 'accept'; reason?: string }
  | { action: 'reject'; reason: string }
  | { action: 'request_supplement'; reason: string; materialIds: string[] }
  | { action: 'request_correction'; reason: string; materialIds: string[]; deadline?: string }
  | { action: 'finish'; outcome: 'pass' | 'fail'; reason?: string; decision?: { fileId: string; version: number; ownerEnterpriseId: string } };

const neededRole: Record<StaffAction['action'], StaffRole> = {
  accept: 'window',
  reject: 'window',
  request_supplement: 'window',
  request_correction: 'window',
  finish: 'approver',
};

export async function handleApplication(deps: Pick<Deps, 'db' | 'audit'>, notifier: Notifier, staff: StaffActor, id: string, input: StaffAction) {
  if (!staff.roles.includes(neededRole[input.action])) fail('FORBIDDEN', input.action === 'finish' ? '办结需要审批人员权限' : '需要窗口受理人员权限');
  const result = await deps.db.transaction(async (tx) => {
    const app = await loadApplication(tx, id, null, true);
    const to = nextState(app.state, input.action as ApplicationAction);
    let message: string;
    const details: Record<string, unknown> = {};
    if (input.action === 'request_supplement' || input.action === 'request_correction') {
      const materials = await listMaterials(tx, app.matterId);
      const unknown = input.materialIds.filter((m) => !materials.some((x) => x.id === m));
      if (input.materialIds.length === 0 || unknown.length) fail('VALIDATION_FAILED', '请选择该事项的材料', { fields: [{ field: 'materialIds', message: '请选择该事项的材料' }] });
      const kind = input.action === 'request_supplement' ? 'supplement' : 'correction';
      const already = new Set((await openRequests(tx, id)).filter((r) => r.kind === kind).map((r) => r.materialId));
      const deadline = input.action === 'request_correction' && input.deadline ? new Date(input.deadline) : null;
      for (const materialId of input.materialIds.filter((m) => !already.has(m))) {
        await tx.insert(materialRequests).values({ applicationId: id, materialId, kind, reason: input.reason, deadline, openedBy: staff.staffId });
      }
      const names = materials.filter((m) => input.materialIds.includes(m.id)).map((m) => `${m.sortOrder}. ${m.name}`);
      message = `${kind === 'supplement' ? '材料补全' : '材料补正（开始）'}：${input.reason}（${names.join('；')}）`;
      details.materialIds = input.materialIds;
      if (deadline) details.deadline = deadline.toISOString();
      await setState(tx, id, { state: to, reason: input.reason });
    } else if (input.action === 'finish') {
      if ((await openRequests(tx, id)).length) fail('STATE_TRANSITION_INVALID', '还有未结束的材料补正，不能办结');
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
      await setState(tx, id, { state: to, outcome: input.outcome, reason: input.reason ?? null, finishedAt: new Date() });
      message = `办结（${input.outcome === 'pass' ? '通过' : '不通过'}）${input.reason ? `：${input.reason}` : ''}`;
      details.outcome = input.outcome;
    } else if (input.action === 'accept') {
      await setState(tx, id, { state: to, acceptedAt: new Date(), reason: input.reason ?? null });
      message = '已受理';
    } else {
      await setState(tx, id, { state: to, reason: input.reason });
      message = `不予受理：${input.reason}`;
    }
    await addEvent(tx, { applicationId: id, action: input.action, fromState: app.state, toState: to, actorKind: 'staff', actorId: staff.staffId, message, details });
    await deps.audit({ action: `application.${input.action}`, enterpriseId: app.enterpriseId, targetType: 'application', targetId: id, details: { staffId: staff.staffId, ...details } }, tx);
    const correcting = (await openRequests(tx, id)).filter((r) => r.kind === 'correction').length;
    return { enterpriseId: app.enterpriseId, serialNo: app.serialNo ?? '', status: statusLabel(to, input.action === 'finish' ? input.outcome : app.outcome, correcting) };
  });
  await smsEnterprise(notifier, result.enterpriseId, result.serialNo, result.status);
  return applicationView(deps.db, await loadApplication(deps.db, id, null));
}
