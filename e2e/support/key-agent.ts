// The real key agent (apps/key-agent) for browser tests, on a port of its own. The page finds
// it at KEY_AGENT_URL; the hall under test gets the same URL through HallOptions.env.
import { join } from 'node:path';
import { freePort, repoRoot, startChild, waitForHttp, type Child } from './process.ts';

export interface KeyAgent {
  url: string;
  port: number;
  child: Child;
  stop: () => Promise<void>;
}

export interface KeyAgentOptions {
  /** command-line arguments after the entry point (token settings, allowed origins…) */
  args?: string[];
  env?: Record<string, string>;
  /** the path the agent answers when ready */
  healthPath?: string;
  entry?: string;
}

export async function startKeyAgent(options: KeyAgentOptions = {}): Promise<KeyAgent> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startChild(
    ['--import', 'tsx', join(repoRoot, options.entry ?? 'apps/key-agent/src/main.ts'), ...(options.args ?? [])],
    { KEY_AGENT_PORT: String(port), PORT: String(port), ...options.env },
    'key-agent',
  );
  await waitForHttp(child, `${url}${options.healthPath ?? '/health'}`, [200], 60_000, 'key-agent');
  return { url, port, child, stop: () => child.stop() };
}
