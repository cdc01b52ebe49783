// /api/health: the database and blob store decide 'ok' vs 'degraded'. The converter and the
// key agent are reported but do not make the server unhealthy: without soffice only
// conversion is unavailable, and the key agent runs on the user's PC (KEY_AGENT_URL here is
// only a probe of a developer machine's agent).
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Health, HealthCheck } from '@hall/shared/schemas/health';
import type { Deps } from '../types.ts';

async function attempt(run: () => Promise<string | void>): Promise<HealthCheck> {
  try {
    const detail = await run();
    return detail ? { ok: true, detail } : { ok: true };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

/** The absolute path of an executable, searching PATH for a bare name; null when absent. */
export async function findExecutable(name: string): Promise<string | null> {
  const candidates = isAbsolute(name) ? [name] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, name));
  for (const c of candidates) {
    try {
      await access(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return null;
}

export async function checkHealth(deps: Pick<Deps, 'db' | 'blobs' | 'config'>): Promise<Health> {
  const [database, blobStore, converter, keyAgent] = await Promise.all([
    attempt(async () => {
      await deps.db.execute(sql`select 1`);
    }),
    attempt(async () => {
      await deps.blobs.check();
      return deps.blobs.kind;
    }),
    attempt(async () => {
      const path = await findExecutable(deps.config.sofficePath);
      if (!path) throw new Error(`${deps.config.sofficePath} not found`);
      return path;
    }),
    attempt(async () => {
      // The agent answers only the hall's origin (and refuses requests with none), so ask as the page would.
      const res = await fetch(`${deps.config.keyAgentUrl}/v1/status`, { headers: { origin: deps.config.publicOrigin }, signal: AbortSignal.timeout(1000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return deps.config.keyAgentUrl;
    }).then((c) => (c.ok ? c : { ok: false, detail: `unreachable: ${c.detail ?? ''}`.trim() })),
  ]);
  return {
    status: database.ok && blobStore.ok ? 'ok' : 'degraded',
    checks: { database, blobStore, converter, keyAgent },
  };
}
