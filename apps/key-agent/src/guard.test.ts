import { describe, expect, it } from 'vitest';
import { hostIsLocal, normaliseOrigin } from './guard.ts';

describe('guard', () => {
  it('accepts only loopback host names, with or without port', () => {
    for (const h of ['127.0.0.1', '127.0.0.1:18400', 'localhost:18400', 'LOCALHOST', '[::1]:18400']) expect(hostIsLocal(h)).toBe(true);
    for (const h of [undefined, '', 'evil.example:18400', '127.0.0.1.evil.example', 'localhost.evil.example:1', '192.168.1.5:18400', '[::2]:1', '0.0.0.0:18400']) {
      expect(hostIsLocal(h)).toBe(false);
    }
  });

  it('normalises configured origins and refuses non-web schemes', () => {
    expect(normaliseOrigin('http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
    expect(normaliseOrigin('HTTPS://Hall.Example.gov.cn')).toBe('https://hall.example.gov.cn');
    expect(() => normaliseOrigin('file:///tmp')).toThrow();
    expect(() => normaliseOrigin('not a url')).toThrow();
  });
});
