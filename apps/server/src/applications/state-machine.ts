// The one place that says which action may move an application from which state to which.
// 材料补全 is asked at intake for the whole application (待补全 → 已补全); 材料补正 after 受理,
// per material, without leaving 已受理 (its rows in material_requests open and close); so does a
// 特别程序 (专家评审, 现场勘察…: its row in special_procedures opens and ends). 办结 waits until
// every 补正 is answered and the 特别程序 has ended; 容缺通过 names what is still owed, and
// 容缺补齐 (after 办结, the state stays 已办结) runs 待补齐 → 已补齐（待确认） → 确认补齐, or back
// to 待补齐 when the window returns it.
import { fail } from '@hall/shared/errors';
import { OUTCOME_LABELS, type DeferralStatus, type Outcome, type StatusLabel } from '@hall/shared/schemas/applications';

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
  | 'finish'
  | 'submit_deferral'
  | 'confirm_deferral'
  | 'return_deferral';

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
  submit_deferral: '提交补齐',
  confirm_deferral: '确认补齐',
  return_deferral: '退回补齐',
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
  submit_deferral: { from: ['finished'], to: 'same' },
  confirm_deferral: { from: ['finished'], to: 'same' },
  return_deferral: { from: ['finished'], to: 'same' },
};

const deferralActions: readonly ApplicationAction[] = ['submit_deferral', 'confirm_deferral', 'return_deferral'];

/** What an action depends on besides the state: the open rows the repository counted. */
export interface Circumstances {
  /** 补正 asked and not yet answered */
  openCorrections?: number;
  /** the label (专家评审…) of the 特别程序 started and not ended, if any */
  openSpecial?: string | null;
  /** 容缺补齐 of a 容缺通过 application (null: nothing was deferred) */
  deferral?: DeferralStatus | null;
}

/** The state after `action`, or STATE_TRANSITION_INVALID naming the state or what blocks it. */
export function nextState(current: ApplicationState, action: ApplicationAction, c: Circumstances = {}): ApplicationState {
  const t = transitions[action];
  const refuse = (message: string, blockedBy?: string): never =>
    fail('STATE_TRANSITION_INVALID', message, { state: current, action, allowedFrom: t.from, ...(blockedBy ? { blockedBy } : {}) });
  if (deferralActions.includes(action)) checkDeferral(action, c.deferral ?? null);
  if (!t.from.includes(current)) refuse(`申报当前为「${stateLabels[current]}」，不能${actionLabels[action]}`);
  if (action === 'finish' && (c.openCorrections ?? 0) > 0) refuse('还有未结束的材料补正，不能办结', 'correction');
  if (action === 'finish' && c.openSpecial) refuse(`特别程序（${c.openSpecial}）尚未结束，不能办结`, 'special_procedure');
  if (action === 'start_special' && c.openSpecial) refuse(`特别程序（${c.openSpecial}）尚未结束，不能再开始特别程序`, 'special_procedure');
  if (action === 'end_special' && !c.openSpecial) refuse('没有进行中的特别程序');
  return t.to === 'same' ? current : t.to;
}

/**
 * 容缺补齐 has its own refusals: nothing owed (not 容缺通过, or already confirmed) is
 * DEFERRAL_NOT_OWED; the window deciding before the enterprise submitted is DEFERRAL_NOT_SUBMITTED.
 */
function checkDeferral(action: ApplicationAction, d: DeferralStatus | null): void {
  const details = { action, deferral: d };
  if (d === null) fail('DEFERRAL_NOT_OWED', `该申报不是容缺通过，没有需要补齐的容缺材料，不能${actionLabels[action]}`, details);
  if (d === 'confirmed') fail('DEFERRAL_NOT_OWED', `容缺材料已确认补齐，不能再${actionLabels[action]}`, details);
  if (action === 'submit_deferral' && d === 'submitted') fail('DEFERRAL_NOT_OWED', '补齐材料已提交，请等待窗口确认', details);
  if (action !== 'submit_deferral' && d !== 'submitted') fail('DEFERRAL_NOT_SUBMITTED', `企业尚未提交补齐材料，不能${actionLabels[action]}`, details);
}

/**
 * Where 容缺补齐 stands, from the facts the repository read: confirmed by the window; otherwise
 * owed while a deferral request is open (overdue past the 承诺补齐 day), else submitted.
 */
export function deferralStatus(f: { outcome: string | null; confirmed: boolean; open: number; overdue: number }): DeferralStatus | null {
  if (f.outcome !== 'conditional') return null;
  if (f.confirmed) return 'confirmed';
  if (f.overdue > 0) return 'overdue';
  return f.open > 0 ? 'owed' : 'submitted';
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
  /** 容缺通过: where 容缺补齐 stands (not given: read as confirmed) */
  deferral?: DeferralStatus | null;
}

const deferralLabels: Record<Exclude<DeferralStatus, 'confirmed'>, StatusLabel> = { owed: '容缺待补齐', overdue: '容缺逾期未补齐', submitted: '容缺待确认' };

/**
 * What the enterprise's lists and pages show. 已受理 reads 逾期未补正 / 补正中 while a 补正 is
 * open (the enterprise has to act: that comes first), else 特别程序中 while one runs; 已办结 says how,
 * and a 容缺通过 one reads 容缺待补齐 / 容缺逾期未补齐 / 容缺待确认 until the window confirms 补齐.
 */
export function statusLabel(state: ApplicationState, f: StatusFacts = {}): StatusLabel {
  if (state === 'accepted') {
    if ((f.overdueCorrections ?? 0) > 0) return '逾期未补正';
    if ((f.openCorrections ?? 0) > 0) return '补正中';
    if (f.openSpecial) return '特别程序中';
  }
  if (state === 'finished' && f.outcome === 'conditional' && f.deferral && f.deferral !== 'confirmed') return deferralLabels[f.deferral];
  if (state === 'finished' && f.outcome && f.outcome in OUTCOME_LABELS) return `已办结（${OUTCOME_LABELS[f.outcome as Outcome]}）`;
  return stateLabels[state];
}
