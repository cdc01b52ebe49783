import { describe, expect, it } from 'vitest';
import { HallError } from '@hall/shared/errors';
import { canDo, nextState, statusLabel } from './state-machine.ts';

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
    try {
      nextState('submitted', 'finish');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(HallError);
      expect((err as HallError).code).toBe('STATE_TRANSITION_INVALID');
      expect((err as HallError).message).toBe('申报当前为「已申报」，不能办结');
    }
  });

  it('keeps finished, rejected and withdrawn applications closed', () => {
    for (const s of ['finished', 'rejected', 'withdrawn'] as const) {
      for (const a of ['submit', 'accept', 'reject', 'finish', 'withdraw', 'request_correction'] as const) expect(canDo(s, a)).toBe(false);
    }
  });

  it('labels 补正中 and the 办结 outcome', () => {
    expect(statusLabel('accepted', null, 2)).toBe('补正中');
    expect(statusLabel('finished', 'pass', 0)).toBe('已办结（通过）');
    expect(statusLabel('finished', 'fail', 0)).toBe('已办结（不通过）');
  });
});
