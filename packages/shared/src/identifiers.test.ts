import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode, isValidIdNumber, isValidMobile, isValidProjectCode } from './identifiers.ts';

describe('统一社会信用代码', () => {
  it('accepts the standard example and rejects a changed check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });
  it('rejects letters outside the alphabet and wrong lengths', () => {
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });
  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });
});

describe('居民身份证号码', () => {
  it('accepts the standard example with X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check digit and a bad date', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491331002X')).toBe(false);
  });
});

describe('other identifiers', () => {
  it('mobile numbers', () => {
    expect(isValidMobile('13800138000')).toBe(true);
    expect(isValidMobile('12800138000')).toBe(false);
  });
  it('投资项目代码 with a Jingdezhen region', () => {
    expect(isValidProjectCode('2022-360203-47-01-012345')).toBe(true);
    expect(isValidProjectCode('2022-110105-47-01-012345')).toBe(false);
    expect(isValidProjectCode('2022-36020-47-01-012345')).toBe(false);
  });
});
