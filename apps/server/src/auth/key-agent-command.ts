// The one line that starts the key agent for this hall, shown on the download page.
import type { Config } from '../config.ts';

export function keyAgentCommand(config: Pick<Config, 'keyAgentUrl' | 'loginOrigins'>): string {
  const port = new URL(config.keyAgentUrl).port || '18400';
  const origins = config.loginOrigins.map((o) => `--origin ${o}`).join(' ');
  return `npx key-agent serve --port ${port} ${origins} --pkcs11 /usr/lib/softhsm/libsofthsm2.so`;
}
