// The development timestamp authority's certificate and key: TSA_CERT + TSA_KEY, else the demo
// TSA from demo.json under --demo. None → the hall runs no TSA of its own.
import { readFileSync } from 'node:fs';
import type { TsaMaterial } from '@hall/pki';
import type { Config } from '../config.ts';
import { readDemoManifest } from '../auth/demo-manifest.ts';
import { derBlocks } from '../auth/pem.ts';

function keyDer(path: string): Uint8Array {
  const text = readFileSync(path, 'latin1');
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(text);
  return new Uint8Array(m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : readFileSync(path));
}

export function loadTsaMaterial(config: Pick<Config, 'tsaCertPath' | 'tsaKeyPath' | 'demoDir'>): TsaMaterial | null {
  let certPath = config.tsaCertPath;
  let keyPath = config.tsaKeyPath;
  let chainPath: string | undefined;
  if (!certPath || !keyPath) {
    const demo = readDemoManifest(config.demoDir);
    if (!demo?.tsa) return null;
    ({ certificatePem: certPath, keyPem: keyPath, chainPem: chainPath } = demo.tsa);
  }
  const [certificate, ...rest] = derBlocks(readFileSync(certPath), 'CERTIFICATE');
  if (!certificate) throw new Error(`no certificate in ${certPath}`);
  const chain = [...rest, ...(chainPath ? derBlocks(readFileSync(chainPath), 'CERTIFICATE') : [])];
  return { certificate, privateKeyPkcs8: keyDer(keyPath), chain };
}
