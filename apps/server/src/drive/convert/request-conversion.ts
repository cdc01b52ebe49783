// 转换 PDF: queues one conversion job per Word file. Asking again while one is queued or
// running returns that job instead of starting another.
import { and, eq, inArray } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { ConvertResult } from '@hall/shared/schemas/drive';
import { jobs } from '../../db/schema.ts';
import { findExecutable } from '../../health/check-health.ts';
import type { Actor, Deps } from '../../types.ts';
import { findFile, findVersion } from '../file-repository.ts';
import { CONVERT_JOB, type ConvertPayload } from './convert-to-pdf-job.ts';

export async function requestConversion(deps: Pick<Deps, 'db' | 'queue' | 'workers' | 'audit' | 'config'>, actor: Actor, fileIds: string[]): Promise<ConvertResult> {
  if (!(await findExecutable(deps.config.sofficePath))) fail('CONVERTER_UNAVAILABLE');
  const unique = [...new Set(fileIds)];
  const out = await deps.db.transaction(async (tx) => {
    const planned: ConvertResult['jobs'] = [];
    for (const fileId of unique) {
      const file = await findFile(tx, actor.enterpriseId, fileId, true);
      if (!file || file.deletedAt) fail('NOT_FOUND');
      const current = await findVersion(tx, file.id, file.currentVersion);
      if (current?.kind !== 'word') fail('CONVERSION_NOT_SUPPORTED', `「${current?.name ?? ''}」不是 Word 文件，只有 Word 文件可以转换为 PDF`, { fileId });
      const [pending] = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.subjectId, file.id), eq(jobs.type, CONVERT_JOB), inArray(jobs.state, ['queued', 'running'])));
      if (pending) {
        planned.push({ fileId, jobId: pending.id });
        continue;
      }
      const payload: ConvertPayload = { fileId, version: file.currentVersion, userId: actor.userId };
      // A broken document fails the same way every time: one attempt, plus retries only for
      // infrastructure errors (those are not HallErrors and go back to the queue).
      const jobId = await deps.queue.enqueue(CONVERT_JOB, { ...payload }, { enterpriseId: actor.enterpriseId, subjectId: fileId, maxAttempts: 3 }, tx);
      await deps.audit({ action: 'drive.file.conversion_requested', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'file', targetId: fileId, details: { jobId, version: file.currentVersion } }, tx);
      planned.push({ fileId, jobId });
    }
    return planned;
  });
  deps.workers.poke();
  return { jobs: out };
}
