// Follows one job until it ends, yielding each change of state or progress. Polls the
// database: the job may run in any instance, and the queue table is the one truth.
import type { Job } from '@hall/shared/schemas/jobs';
import type { Actor, Deps } from '../types.ts';
import { getJob } from './get-job.ts';

export async function* watchJob(deps: Pick<Deps, 'queue'>, actor: Actor, id: string, signal: AbortSignal, pollMs = 500): AsyncGenerator<Job> {
  let last = '';
  while (!signal.aborted) {
    const job = await getJob(deps, actor, id);
    const key = `${job.state}:${job.progress}`;
    if (key !== last) {
      last = key;
      yield job;
    }
    if (job.state === 'done' || job.state === 'failed') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }
}
