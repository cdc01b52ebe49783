// The one place that says which action may move an application from which state to which.
// 材料补全 is asked at intake for the whole application (待补全 → 已补全); 材料补正 after 受理,
// per material, without leaving 已受理 (its rows in material_requests open and close); so does a
// 特别程序 (专家评审, 现场勘察…: its row in special_procedures opens and ends). 办结 waits until
// every 补正 is answered and the 特别程序 has ended; 容缺通过 names what is still owed.
import { fail } from '@hall/shared/errors';
import { OUTCOME_LABELS, type Outcome, type StatusLabel } from '@hall/shared/schemas/applications';

export const applicationStates = ['draft', 'submitted', 'accepted', 'supplement_required', 'supplemented', 'rejected', 'finished', 'withdrawn'] as const;
export type ApplicationState = (typeof applicationStates)[number];

export const stateLabels: Record<ApplicationState, StatusLabel> = {
  draft: '暂存',
  submitted: '已申报',
  accepted: '已受理',
  supplement_required: '待补全',
  supplemented: '已补全',
  rejected: '不予受理',
  finished: '已办结',
  withdrawn: '撤件',
};

export type ApplicationAction =
  | 'submit'
  | 'withdraw'
  | 'accept'
  | 'reject'
  | 'request_supplement'
  | 'answer_supplement'
  | 'request_correction'
  | 'answer_correction'
  | 'start_special'
  | 'end_special'
  | 'finish';

export const actionLabels: Record<ApplicationAction, string> = {
  submit: '申报',
  withdraw: '撤件',
  accept: '受理',
  reject: '不予受理',
  request_supplement: '材料补全',
  answer_supplement: '补全材料',
  request_correction: '材料补正',
  answer_correction: '补正材料',
  start_special: '开始特别程序',
  end_special: '结束特别程序',
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
  start_special: { from: ['accepted'], to: 'same' },
  end_special: { from: ['accepted'], to: 'same' },
  finish: { from: ['accepted'], to: 'finished' },
};

/** What an action depends on besides the state: the open rows the repository counted. */
export interface Circumstances {
  /** 补正 asked and not yet answered */
  openCorrections?: number;
  /** the label (专家评审…) of the 特别程序 started and not ended, if any */
  openSpecial?: string | null;
}

/** The state after `action`, or STATE_TRANSITION_INVALID naming the state or what blocks it. */
export function nextState(current: ApplicationState, action: ApplicationAction, c: Circumstances = {}): ApplicationState {
  const t = transitions[action];
  const refuse = (message: string, blockedBy?: string): never =>
    fail('STATE_TRANSITION_INVALID', message, { state: current, action, allowedFrom: t.from, ...(blockedBy ? { blockedBy } : {}) });
  if (!t.from.includes(current)) refuse(`申报当前为「${stateLabels[current]}」，不能${actionLabels[action]}`);
  if (action === 'finish' && (c.openCorrections ?? 0) > 0) refuse('还有未结束的材料补正，不能办结', 'correction');
  if (action === 'finish' && c.openSpecial) refuse(`特别程序（${c.openSpecial}）尚未结束，不能办结`, 'special_procedure');
  if (action === 'start_special' && c.openSpecial) refuse(`特别程序（${c.openSpecial}）尚未结束，不能再开始特别程序`, 'special_procedure');
  if (action === 'end_special' && !c.openSpecial) refuse('没有进行中的特别程序');
  return t.to === 'same' ? current : t.to;
}

export function canDo(current: ApplicationState, action: ApplicationAction, c: Circumstances = {}): boolean {
  try {
    nextState(current, action, c);
    return true;
  } catch {
    return false;
  }
}

export interface FinishTerms {
  outcome: Outcome;
  /** 容缺材料 */
  deferredMaterialIds?: string[];
  /** 承诺补齐日期, YYYY-MM-DD */
  promisedBy?: string;
}

/**
 * The terms of 办结, checked against the matter's checklist: 容缺通过 names at least one owed
 * material of this checklist and a 承诺补齐 date not before `today` (YYYY-MM-DD, China time);
 * 通过 and 不通过 owe nothing.
 */
export function checkFinishTerms(terms: FinishTerms, checklist: readonly string[], today: string): void {
  const owed = terms.deferredMaterialIds ?? [];
  const invalid = (field: string, message: string): never => fail('VALIDATION_FAILED', message, { fields: [{ field, message }] });
  if (terms.outcome !== 'conditional') {
    if (owed.length || terms.promisedBy) invalid('deferredMaterialIds', `办结结果为「${OUTCOME_LABELS[terms.outcome]}」，不需要容缺材料和承诺补齐日期`);
    return;
  }
  if (owed.length === 0) invalid('deferredMaterialIds', '容缺通过须选择容缺材料（尚未提交、承诺补齐的材料）');
  if (owed.some((m) => !checklist.includes(m))) invalid('deferredMaterialIds', '容缺材料须取自该事项的材料清单');
  if (!terms.promisedBy) invalid('promisedBy', '容缺通过须填写承诺补齐日期');
  if (terms.promisedBy! < today) invalid('promisedBy', '承诺补齐日期不能早于今天');
}

/** What the status depends on besides the state. */
export interface StatusFacts {
  outcome?: string | null;
  openCorrections?: number;
  /** open 补正 whose deadline has passed */
  overdueCorrections?: number;
  openSpecial?: boolean;
}

/**
 * What the enterprise's lists and pages show. 已受理 reads 逾期未补正 / 补正中 while a 补正 is
 * open (the enterprise has to act: that comes first), else 特别程序中 while one runs; 已办结 says how.
 */
export function statusLabel(state: ApplicationState, f: StatusFacts = {}): StatusLabel {
  if (state === 'accepted') {
    if ((f.overdueCorrections ?? 0) > 0) return '逾期未补正';
    if ((f.openCorrections ?? 0) > 0) return '补正中';
    if (f.openSpecial) return '特别程序中';
  }
  if (state === 'finished' && f.outcome && f.outcome in OUTCOME_LABELS) return `已办结（${OUTCOME_LABELS[f.outcome as Outcome]}）`;
  return stateLabels[state];
}
