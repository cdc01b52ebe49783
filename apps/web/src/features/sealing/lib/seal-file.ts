// One sealing operation for one file: prepare on the server, the key signs the digest with the
// PIN held in memory, finish on the server. Used by the sealing page, batch sealing and invited units.
import type { KeyAgent, KeyCertificate } from '../api/key-agent.ts';
import { toPlacement, type Draft } from './drafts.ts';
import type { SealingTarget } from './sealing-target.ts';

export type SealStep = 'prepare' | 'sign' | 'finish' | 'person';

export interface OpenKey {
  agent: KeyAgent;
  certificate: KeyCertificate;
  /** kept in this page's memory only while the page is open; sent with each /v1/sign */
  pin: string;
}

export async function sealFile(key: OpenKey, target: SealingTarget, version: number, drafts: Draft[], onStep?: (step: SealStep) => void): Promise<{ version: number }> {
  onStep?.('prepare');
  const prepared = await target.prepare({
    version,
    certificate: key.certificate.certificate,
    placements: drafts.map(toPlacement),
  });
  onStep?.('sign');
  const signature = await key.agent.sign(key.certificate.id, key.pin, prepared.digest);
  onStep?.('finish');
  return target.finish(prepared.operationId, signature);
}
