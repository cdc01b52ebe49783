// Persons' signing keys never leave the server and are stored encrypted: AES-256-GCM under the
// master key from the settings (HALL_MASTER_KEY), or, with --demo only, one generated once into
// the data folder.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

export function loadMasterKey(config: Pick<Config, 'masterKey' | 'demoDir' | 'dataDir'>): Buffer | undefined {
  if (config.masterKey) return config.masterKey;
  if (!config.demoDir) return undefined;
  const path = join(config.dataDir, 'master.key');
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}

/** base64(iv ‖ tag ‖ ciphertext); the associated data binds the key to its owner's row. */
export function sealKey(masterKey: Buffer, plaintext: Uint8Array, associated: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(associated));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openKey(masterKey: Buffer, sealed: string, associated: string): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(associated));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}
