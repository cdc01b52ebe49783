// The one place that says which action may move an application from which state to which.
// 材料补全 is asked at intake for the whole application (待补全 → 已补全); 材料补正 after 受理,
// per material, without leaving 已受理 (its rows in material_requests open and close); 办结
// waits until every 补正 is answered.
import { fail } from '@hall/shared/errors';

export const applicationStates = ['draft', 'submitted', 'accepted', 'supplement_required', 'supplemented', 'rejected', 'finished', 'withdrawn'] as const;
export type ApplicationState = (typeof applicationStates)[number];

export const stateLabels: Record<ApplicationState, string> = {
  draft: '暂存',
  submitted: '已申报',
  accepted: '已受理',
  supplement_required: '待补全',
  supplemented: '已补全',
  rejected: '不予受理',
  finished: '已办结',
  withdrawn: '撤件',
};

export type ApplicationAction = 'submit' | 'withdraw' | 'accept' | 'reject' | 'request_supplement' | 'answer_supplement' | 'request_correction' | 'answer_correction' | 'finish';

export const actionLabels: Record<ApplicationAction, string> = {
  submit: '申报',
  withdraw: '撤件',
  accept: '受理',
  reject: '不予受理',
  request_supplement: '材料补全',
  answer_supplement: '补全材料',
  request_correction: '材料补正',
  answer_correction: '补正材料',
  finish: '办结',
};

const transitions: Record<ApplicationAction, { from: readonly ApplicationState[]; to: ApplicationState | 'same' }> = {
  submit: { from: ['draft'], to: 'submitted' },
  withdraw: { from: ['draft', 'submitted', 'supplement_required'], to: 'withdrawn' },
  accept: { from: ['submitted', 'supplemented'], to: 'accepted' },
  reject: { from: ['submitted', 'supplemented'], to: 'rejected' },
  request_supplement: { from: ['submitted', 'supplemented'], to: 'supplement_required' },
  answer_supplement: { from: ['supplement_required'], to: 'supplemented' },
  request_correction: { from: ['accepted'], to: 'same' },
  answer_correction: { from: ['accepted'], to: 'same' },
  finish: { from: ['accepted'], to: 'finished' },
};

/** The state after `action`, or STATE_TRANSITION_INVALID naming both. */
export function nextState(current: ApplicationState, action: ApplicationAction): ApplicationState {
  const t = transitions[action];
  if (!t.from.includes(current)) {
    fail('STATE_TRANSITION_INVALID', `申报当前为「${stateLabels[current]}」，不能${actionLabels[action]}`, {
      state: current,
      action,
      allowedFrom: t.from,
    });
  }
  return t.to === 'same' ? current : t.to;
}

export function canDo(current: ApplicationState, action: ApplicationAction): boolean {
  return transitions[action].from.includes(current);
}

/** What the enterprise's lists show: 已受理 with an open 补正 reads 补正中, 已办结 says how. */
export function statusLabel(state: ApplicationState, outcome: string | null, openCorrections: number): string {
  if (state === 'accepted' && openCorrections > 0) return '补正中';
  if (state === 'finished') return outcome === 'pass' ? '已办结（通过）' : '已办结（不通过）';
  return stateLabels[state];
}
