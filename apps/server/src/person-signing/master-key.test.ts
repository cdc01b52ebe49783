import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openKey, sealKey } from './master-key.ts';

describe('person keys at rest', () => {
  const master = randomBytes(32);
  const pkcs8 = randomBytes(120);

  it('round-trips under the master key', () => {
    expect(openKey(master, sealKey(master, pkcs8, '11010519491231002X'), '11010519491231002X')).toEqual(pkcs8);
  });

  it('refuses another master key, another owner, or a changed byte', () => {
    const sealed = sealKey(master, pkcs8, '11010519491231002X');
    expect(() => openKey(randomBytes(32), sealed, '11010519491231002X')).toThrow();
    expect(() => openKey(master, sealed, '110105194912310029')).toThrow();
    const raw = Buffer.from(sealed, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => openKey(master, raw.toString('base64'), '11010519491231002X')).toThrow();
  });
});
