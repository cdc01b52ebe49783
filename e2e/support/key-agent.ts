// The real key agent (apps/key-agent, `key-agent serve`) for browser tests, on a port of its
// own, accepting only the pages of the hall under test. The hall learns where it is through
// KEY_AGENT_URL (pass `agentUrl` in HallOptions.env; pick the port first with freePort()).
import { join } from 'node:path';
import { freePort, repoRoot, startChild, waitForHttp, type Child } from './process.ts';

export interface KeyAgent {
  url: string;
  port: number;
  child: Child;
  stop: () => Promise<void>;
}

export interface KeyAgentOptions {
  /** the hall's origin (Hall.url): the agent refuses pages from anywhere else */
  origin: string;
  /** the token to serve, as `serve` takes it: ['--demo', dir, '--token', label], ['--p12', file, ...] */
  token: string[];
  /** a port picked beforehand (so the hall could be told KEY_AGENT_URL first) */
  port?: number;
  env?: Record<string, string>;
}

export async function startKeyAgent(options: KeyAgentOptions): Promise<KeyAgent> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = startChild(
    ['--import', 'tsx', join(repoRoot, 'apps/key-agent/src/main.ts'), 'serve', '--port', String(port), '--origin', options.origin, ...options.token],
    options.env ?? {},
    'key-agent',
  );
  await waitForHttp(child, `${url}/health`, [200], 60_000, 'key-agent');
  return { url, port, child, stop: () => child.stop() };
}
