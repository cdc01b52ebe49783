// The one line that starts the key agent for this hall (run in the folder of the downloaded
// archive), shown on the download page and written into the archive's README.
import type { Config } from '../config.ts';

export const PKCS11_PLACEHOLDER = '<CA 锁驱动（PKCS#11 模块 .so）的路径>';

export function keyAgentCommand(config: Pick<Config, 'keyAgentUrl' | 'loginOrigins' | 'demoDir'>): string {
  const port = new URL(config.keyAgentUrl).port || '18400';
  const origins = config.loginOrigins.map((o) => `--origin ${o}`).join(' ');
  // The demo's keys live in SoftHSM2; a real user names the module of their CA's driver.
  const module = config.demoDir ? '/usr/lib/softhsm/libsofthsm2.so' : PKCS11_PLACEHOLDER;
  return `npm install && npx key-agent serve --port ${port} ${origins} --pkcs11 ${module}`;
}
