import { describe, expect, it } from 'vitest';
import { HallError } from '@hall/shared/errors';
import { STATUS_COLORS } from '@hall/shared/schemas/applications';
import { applicationStates, canDo, checkFinishTerms, deferralStatus, nextState, statusLabel } from './state-machine.ts';

function refusal(run: () => unknown): HallError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(HallError);
    return err as HallError;
  }
  return expect.unreachable('not refused');
}

describe('application state machine', () => {
  it('walks 暂存 → 已申报 → 待补全 → 已补全 → 已受理 → 已办结', () => {
    let s = nextState('draft', 'submit');
    expect(s).toBe('submitted');
    s = nextState(s, 'request_supplement');
    expect(s).toBe('supplement_required');
    s = nextState(s, 'answer_supplement');
    expect(s).toBe('supplemented');
    s = nextState(s, 'accept');
    expect(nextState(s, 'request_correction')).toBe('accepted');
    expect(nextState(s, 'finish')).toBe('finished');
  });

  it('refuses 办结 before 受理 with a message naming the state', () => {
    const err = refusal(() => nextState('submitted', 'finish'));
    expect(err.code).toBe('STATE_TRANSITION_INVALID');
    expect(err.message).toBe('申报当前为「已申报」，不能办结');
  });

  it('keeps finished, rejected and withdrawn applications closed', () => {
    for (const s of ['finished', 'rejected', 'withdrawn'] as const) {
      for (const a of ['submit', 'accept', 'reject', 'finish', 'withdraw', 'request_correction', 'start_special', 'end_special'] as const) expect(canDo(s, a, { openSpecial: '专家评审' })).toBe(false);
    }
  });

  it('refuses 办结 while a 补正 is open', () => {
    const err = refusal(() => nextState('accepted', 'finish', { openCorrections: 1 }));
    expect(err.code).toBe('STATE_TRANSITION_INVALID');
    expect(err.message).toBe('还有未结束的材料补正，不能办结');
    expect(err.details).toMatchObject({ blockedBy: 'correction' });
  });

  it('特别程序: starts and ends within 已受理; 办结 and a second start wait for its end', () => {
    expect(nextState('accepted', 'start_special')).toBe('accepted');
    expect(nextState('accepted', 'end_special', { openSpecial: '专家评审' })).toBe('accepted');
    expect(nextState('accepted', 'request_correction', { openSpecial: '专家评审' })).toBe('accepted');

    const finishing = refusal(() => nextState('accepted', 'finish', { openSpecial: '专家评审' }));
    expect(finishing.code).toBe('STATE_TRANSITION_INVALID');
    expect(finishing.message).toBe('特别程序（专家评审）尚未结束，不能办结');
    expect(finishing.details).toMatchObject({ blockedBy: 'special_procedure' });

    expect(refusal(() => nextState('accepted', 'start_special', { openSpecial: '现场勘察' })).message).toBe('特别程序（现场勘察）尚未结束，不能再开始特别程序');
    const ending = refusal(() => nextState('accepted', 'end_special', { openSpecial: null }));
    expect(ending.code).toBe('STATE_TRANSITION_INVALID');
    expect(ending.message).toBe('没有进行中的特别程序');
  });

  it('特别程序 only after 受理', () => {
    for (const s of ['draft', 'submitted', 'supplement_required', 'supplemented'] as const) {
      expect(refusal(() => nextState(s, 'start_special')).code).toBe('STATE_TRANSITION_INVALID');
    }
    expect(refusal(() => nextState('submitted', 'start_special')).message).toBe('申报当前为「已申报」，不能开始特别程序');
  });

  it('容缺通过 names owed materials from the checklist and a 承诺补齐 date; 通过 and 不通过 owe nothing', () => {
    const checklist = ['m-01', 'm-02', 'm-03'];
    const today = '2031-01-10';
    expect(() => checkFinishTerms({ outcome: 'conditional', deferredMaterialIds: ['m-02'], promisedBy: '2031-02-01' }, checklist, today)).not.toThrow();
    expect(() => checkFinishTerms({ outcome: 'conditional', deferredMaterialIds: ['m-02'], promisedBy: today }, checklist, today)).not.toThrow();
    expect(() => checkFinishTerms({ outcome: 'pass' }, checklist, today)).not.toThrow();
    expect(() => checkFinishTerms({ outcome: 'fail', deferredMaterialIds: [] }, checklist, today)).not.toThrow();

    const none = refusal(() => checkFinishTerms({ outcome: 'conditional', deferredMaterialIds: [], promisedBy: '2031-02-01' }, checklist, today));
    expect(none.code).toBe('VALIDATION_FAILED');
    expect(none.message).toBe('容缺通过须选择容缺材料（尚未提交、承诺补齐的材料）');
    expect(none.details).toEqual({ fields: [{ field: 'deferredMaterialIds', message: none.message }] });
    expect(refusal(() => checkFinishTerms({ outcome: 'conditional', promisedBy: '2031-02-01' }, checklist, today)).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => checkFinishTerms({ outcome: 'conditional', deferredMaterialIds: ['other-09'], promisedBy: '2031-02-01' }, checklist, today)).message).toBe('容缺材料须取自该事项的材料清单');
    expect(refusal(() => checkFinishTerms({ outcome: 'conditional', deferredMaterialIds: ['m-01'] }, checklist, today)).message).toBe('容缺通过须填写承诺补齐日期');
    expect(refusal(() => checkFinishTerms({ outcome: 'conditional', deferredMaterialIds: ['m-01'], promisedBy: '2031-01-09' }, checklist, today)).message).toBe('承诺补齐日期不能早于今天');
    expect(refusal(() => checkFinishTerms({ outcome: 'pass', deferredMaterialIds: ['m-01'] }, checklist, today)).message).toBe('办结结果为「通过」，不需要容缺材料和承诺补齐日期');
  });

  it('labels 补正中, 逾期未补正, 特别程序中 and the 办结 outcome', () => {
    expect(statusLabel('accepted')).toBe('已受理');
    expect(statusLabel('accepted', { openCorrections: 2 })).toBe('补正中');
    expect(statusLabel('accepted', { openCorrections: 2, overdueCorrections: 1 })).toBe('逾期未补正');
    expect(statusLabel('accepted', { openSpecial: true })).toBe('特别程序中');
    // the enterprise's own task comes first
    expect(statusLabel('accepted', { openSpecial: true, openCorrections: 1 })).toBe('补正中');
    expect(statusLabel('finished', { outcome: 'pass' })).toBe('已办结（通过）');
    expect(statusLabel('finished', { outcome: 'conditional' })).toBe('已办结（容缺通过）');
    expect(statusLabel('finished', { outcome: 'fail' })).toBe('已办结（不通过）');
    expect(statusLabel('finished')).toBe('已办结');
  });

  it('every label the enterprise can see has a colour in the one map', () => {
    const seen = new Set<string>();
    for (const s of applicationStates) {
      for (const outcome of [null, 'pass', 'conditional', 'fail']) {
        const facts = [{}, { openCorrections: 1 }, { openCorrections: 1, overdueCorrections: 1 }, { openSpecial: true }, ...(['owed', 'overdue', 'submitted', 'confirmed'] as const).map((deferral) => ({ deferral }))];
        for (const f of facts) seen.add(statusLabel(s, { outcome, ...f }));
      }
    }
    expect([...seen].filter((label) => !(label in STATUS_COLORS))).toEqual([]);
    expect(seen.size).toBe(Object.keys(STATUS_COLORS).length);
  });

  it('容缺补齐: 待补齐 → 提交补齐 → 待确认 → 确认补齐 (or 退回补齐), the state staying 已办结', () => {
    expect(nextState('finished', 'submit_deferral', { deferral: 'owed' })).toBe('finished');
    // late is still taken, as with 补正: the window decides
    expect(nextState('finished', 'submit_deferral', { deferral: 'overdue' })).toBe('finished');
    expect(nextState('finished', 'confirm_deferral', { deferral: 'submitted' })).toBe('finished');
    expect(nextState('finished', 'return_deferral', { deferral: 'submitted' })).toBe('finished');
    expect(statusLabel('finished', { outcome: 'conditional', deferral: 'owed' })).toBe('容缺待补齐');
    expect(statusLabel('finished', { outcome: 'conditional', deferral: 'overdue' })).toBe('容缺逾期未补齐');
    expect(statusLabel('finished', { outcome: 'conditional', deferral: 'submitted' })).toBe('容缺待确认');
    expect(statusLabel('finished', { outcome: 'conditional', deferral: 'confirmed' })).toBe('已办结（容缺通过）');
  });

  it('refuses 提交补齐 with nothing owed and 确认/退回 before the enterprise submitted, with their own codes', () => {
    const notConditional = refusal(() => nextState('finished', 'submit_deferral', { deferral: null }));
    expect(notConditional.code).toBe('DEFERRAL_NOT_OWED');
    expect(notConditional.message).toBe('该申报不是容缺通过，没有需要补齐的容缺材料，不能提交补齐');
    // not even finished: the same answer, nothing is owed
    expect(refusal(() => nextState('accepted', 'submit_deferral')).code).toBe('DEFERRAL_NOT_OWED');
    const confirmed = refusal(() => nextState('finished', 'submit_deferral', { deferral: 'confirmed' }));
    expect([confirmed.code, confirmed.message]).toEqual(['DEFERRAL_NOT_OWED', '容缺材料已确认补齐，不能再提交补齐']);
    expect(refusal(() => nextState('finished', 'submit_deferral', { deferral: 'submitted' })).message).toBe('补齐材料已提交，请等待窗口确认');
    const early = refusal(() => nextState('finished', 'confirm_deferral', { deferral: 'owed' }));
    expect([early.code, early.message]).toEqual(['DEFERRAL_NOT_SUBMITTED', '企业尚未提交补齐材料，不能确认补齐']);
    expect(refusal(() => nextState('finished', 'return_deferral', { deferral: 'overdue' })).code).toBe('DEFERRAL_NOT_SUBMITTED');
    expect(refusal(() => nextState('finished', 'confirm_deferral', { deferral: 'confirmed' })).code).toBe('DEFERRAL_NOT_OWED');
    expect(canDo('finished', 'confirm_deferral', { deferral: 'submitted' })).toBe(true);
  });

  it('reads where 容缺补齐 stands from the open requests and the confirmation', () => {
    expect(deferralStatus({ outcome: 'pass', confirmed: false, open: 0, overdue: 0 })).toBeNull();
    expect(deferralStatus({ outcome: 'conditional', confirmed: false, open: 2, overdue: 0 })).toBe('owed');
    expect(deferralStatus({ outcome: 'conditional', confirmed: false, open: 2, overdue: 2 })).toBe('overdue');
    expect(deferralStatus({ outcome: 'conditional', confirmed: false, open: 0, overdue: 0 })).toBe('submitted');
    expect(deferralStatus({ outcome: 'conditional', confirmed: true, open: 0, overdue: 0 })).toBe('confirmed');
  });
});
