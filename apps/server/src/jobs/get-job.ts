import { fail } from '@hall/shared/errors';
import type { Job } from '@hall/shared/schemas/jobs';
import type { Actor, Deps } from '../types.ts';
import type { JobFailure, JobRow } from './job-queue.ts';

export function toJob(row: JobRow): Job {
  const job: Job = { id: row.id, type: row.type, state: row.state as Job['state'], progress: row.progress };
  // A queued job may carry the error of its last attempt; show errors only once final.
  if (row.state === 'failed' && row.error) job.error = row.error as JobFailure;
  if (row.state === 'done' && row.result !== null) job.result = row.result;
  return job;
}

/** One enterprise's job; another's is NOT_FOUND, as if it did not exist. */
export async function getJob(deps: Pick<Deps, 'queue'>, actor: Actor, id: string): Promise<Job> {
  const row = await deps.queue.get(id);
  if (!row || row.enterpriseId !== actor.enterpriseId) fail('NOT_FOUND');
  return toJob(row);
}
