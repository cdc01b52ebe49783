import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api.ts';
import { pinErrorText, subjectName } from './key-agent.ts';

describe('pinErrorText', () => {
  it('says how many tries are left when the key tells', () => {
    expect(pinErrorText(new ApiError('PIN_INCORRECT', 'PIN 码错误', 401, { triesLeft: 3 }))).toBe('PIN 码错误，还可以尝试 3 次');
  });

  it('asks again when the key does not count', () => {
    expect(pinErrorText(new ApiError('PIN_INCORRECT', 'PIN 码错误', 401))).toBe('PIN 码错误，请重新输入');
  });

  it('passes other refusals through in their own words', () => {
    expect(pinErrorText(new ApiError('PIN_LOCKED', 'CA 锁已锁定，请联系 CA 机构解锁', 423))).toBe('CA 锁已锁定，请联系 CA 机构解锁');
  });
});

describe('subjectName', () => {
  it('takes the CN of the subjects the agent prints', () => {
    expect(subjectName('C=CN, ST=江西省, O=景德镇市测试有限公司, 2.5.4.97=NTRCN-91350100M000100Y43, CN=景德镇市测试有限公司')).toBe('景德镇市测试有限公司');
    expect(subjectName('C=CN\nCN=张三')).toBe('张三');
    expect(subjectName('O=无名')).toBe('O=无名');
  });
});
