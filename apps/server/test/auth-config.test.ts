// The CA-login and TSA settings: parsed once, refused at start-up when inconsistent.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

describe('CA-login settings', () => {
  it('accepts the login page from PUBLIC_ORIGIN and, for a local hall, its localhost/127.0.0.1 twin', () => {
    expect(parseConfig({ PORT: '3000' }, '/tmp').loginOrigins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
    expect(parseConfig({ PUBLIC_ORIGIN: 'https://hall.example.cn/' }, '/tmp').loginOrigins).toEqual(['https://hall.example.cn']);
  });

  it('LOGIN_ORIGINS replaces the default list exactly', () => {
    const c = parseConfig({ PUBLIC_ORIGIN: 'http://localhost:3000', LOGIN_ORIGINS: 'https://a.example.cn, https://b.example.cn:8443' }, '/tmp');
    expect(c.loginOrigins).toEqual(['https://a.example.cn', 'https://b.example.cn:8443']);
    expect(() => parseConfig({ LOGIN_ORIGINS: 'not a url' }, '/tmp')).toThrow(ConfigError);
  });

  it('reads trust anchors, intermediates and CRLs as paths relative to the working folder, CRL URLs as URLs', () => {
    const c = parseConfig({ TRUST_ANCHORS: 'ca/root.pem,/etc/ca/b.pem', INTERMEDIATE_CAS: 'ca/sub.pem', CRL_PATHS: 'ca/a.crl', CRL_URLS: 'http://crl.example.cn/a.crl' }, '/srv/hall');
    expect(c.trustAnchorPaths).toEqual(['/srv/hall/ca/root.pem', '/etc/ca/b.pem']);
    expect(c.intermediateCaPaths).toEqual(['/srv/hall/ca/sub.pem']);
    expect(c.crlPaths).toEqual(['/srv/hall/ca/a.crl']);
    expect(c.crlUrls).toEqual(['http://crl.example.cn/a.crl']);
    expect(() => parseConfig({ CRL_URLS: 'ftp://crl.example.cn/a.crl' }, '/tmp')).toThrow(/CRL_URLS/);
  });

  it('a login challenge lives 120 s unless LOGIN_CHALLENGE_SECONDS says otherwise', () => {
    expect(parseConfig({}, '/tmp').loginChallengeMs).toBe(120_000);
    expect(parseConfig({ LOGIN_CHALLENGE_SECONDS: '60' }, '/tmp').loginChallengeMs).toBe(60_000);
    expect(() => parseConfig({ LOGIN_CHALLENGE_SECONDS: '0' }, '/tmp')).toThrow(/LOGIN_CHALLENGE_SECONDS/);
  });

  it('TSA_CERT and TSA_KEY come together; TSA_URL must be http(s)', () => {
    expect(() => parseConfig({ TSA_CERT: 'tsa.pem' }, '/tmp')).toThrow(/TSA_CERT and TSA_KEY/);
    const c = parseConfig({ TSA_CERT: 'tsa.pem', TSA_KEY: 'tsa-key.pem', TSA_URL: 'http://tsa.example.cn/tsa' }, '/srv');
    expect([c.tsaCertPath, c.tsaKeyPath, c.tsaUrl]).toEqual(['/srv/tsa.pem', '/srv/tsa-key.pem', 'http://tsa.example.cn/tsa']);
    expect(() => parseConfig({ TSA_URL: 'file:///tsa' }, '/tmp')).toThrow(/TSA_URL/);
    expect(parseConfig({}, '/tmp').demoDir).toBeUndefined();
  });
});
