import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openTestSigners, type TestSigners } from './signers.ts';

export interface SignerFixture {
  signers: TestSigners;
  /** a temp dir of this test file, removed afterwards */
  work: string;
}

/**
 * Registers beforeAll/afterAll that make a temp dir and the test PKI, PKCS#12 files and
 * SoftHSM2 token in it. `options` runs first (e.g. to start a CRL server whose URL goes
 * into the certificates).
 */
export function useSigners(name: string, options?: () => Promise<{ crlBaseUrl?: string }>): SignerFixture {
  const fixture = {} as SignerFixture;
  beforeAll(async () => {
    fixture.work = mkdtempSync(join(tmpdir(), `pdfseal-${name}-`));
    fixture.signers = await openTestSigners(fixture.work, options ? await options() : {});
  });
  afterAll(async () => {
    await fixture.signers?.close();
    if (fixture.work) rmSync(fixture.work, { recursive: true, force: true });
  });
  return fixture;
}
