// The CA that issues persons' event certificates: EVENT_CA_CERT/EVENT_CA_KEY, or with --demo the
// demo issuing CA named in demo.json. Read once, then kept.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromPem, keyAlgorithmOfPkcs8, type CaMaterial } from '@hall/pki';
import { caMaterial } from '@hall/pki/ca';
import type { Config } from '../config.ts';
import { derBlocks } from '../auth/pem.ts';

function load(certPath: string, keyPath: string): CaMaterial {
  const [certificate, ...chain] = derBlocks(readFileSync(certPath), 'CERTIFICATE');
  if (!certificate) throw new Error(`no certificate in ${certPath}`);
  const key = fromPem(readFileSync(keyPath, 'utf8'));
  return caMaterial(certificate, key, keyAlgorithmOfPkcs8(key), chain);
}

export function loadEventCa(config: Pick<Config, 'eventCaCertPath' | 'eventCaKeyPath' | 'demoDir'>): CaMaterial | undefined {
  if (config.eventCaCertPath && config.eventCaKeyPath) return load(config.eventCaCertPath, config.eventCaKeyPath);
  if (!config.demoDir) return undefined;
  const manifest = join(config.demoDir, 'demo.json');
  if (!existsSync(manifest)) return undefined;
  const demo = JSON.parse(readFileSync(manifest, 'utf8')) as { ca?: { chainPem?: string; issuingKeyPem?: string } };
  return demo.ca?.chainPem && demo.ca.issuingKeyPem ? load(demo.ca.chainPem, demo.ca.issuingKeyPem) : undefined;
}
