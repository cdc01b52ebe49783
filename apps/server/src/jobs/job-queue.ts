// A job queue in PostgreSQL, shared by every server instance. A worker claims one job with
// FOR UPDATE SKIP LOCKED (two workers never take the same row) and holds it until
// locked_until; a worker that dies simply stops extending that, and the job becomes
// claimable again. Failed attempts go back to the queue after an exponential back-off.
import { and, eq, sql } from 'drizzle-orm';
import { HallError } from '@hall/shared/errors';
import type { Db, DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { jobs } from '../db/schema.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface EnqueueOptions {
  enterpriseId?: string | null;
  subjectId?: string | null;
  maxAttempts?: number;
}

export interface QueueTiming {
  /** How long a claim lasts without a heartbeat (progress report). */
  visibilityMs: number;
  /** Back-off before retry n is backoffBaseMs * 2^(n-1). */
  backoffBaseMs: number;
}

export const defaultTiming: QueueTiming = { visibilityMs: 5 * 60_000, backoffBaseMs: 2_000 };

export interface JobFailure {
  code: string;
  message: string;
}

export class JobQueue {
  constructor(
    private readonly db: Db,
    readonly timing: QueueTiming = defaultTiming,
  ) {}

  async enqueue(type: string, payload: Record<string, unknown>, options: EnqueueOptions = {}, tx: DbOrTx = this.db): Promise<string> {
    const [row] = await tx
      .insert(jobs)
      .values({
        type,
        payload,
        enterpriseId: options.enterpriseId ?? null,
        subjectId: options.subjectId ?? null,
        maxAttempts: options.maxAttempts ?? 3,
      })
      .returning({ id: jobs.id });
    return row.id;
  }

  /** Takes the next due job of one of `types`, or null. */
  async claim(workerId: string, types: string[]): Promise<JobRow | null> {
    if (types.length === 0) return null;
    const typeList = sql.join(types.map((t) => sql`${t}`), sql`, `);
    await this.failAbandoned(types);
    const result = await this.db.execute(sql`
      update jobs set
        state = 'running',
        attempts = attempts + 1,
        locked_by = ${workerId},
        locked_until = now() + (${this.timing.visibilityMs} * interval '1 millisecond'),
        updated_at = now()
      where id = (
        select id from jobs
        where type in (${typeList})
          and ((state = 'queued' and run_at <= now())
            or (state = 'running' and locked_until < now() and attempts < max_attempts))
        order by run_at
        for update skip locked
        limit 1
      )
      returning id`);
    const [claimed] = rowsOf<{ id: string }>(result);
    if (!claimed) return null;
    const [row] = await this.db.select().from(jobs).where(eq(jobs.id, claimed.id));
    return row ?? null;
  }

  /** Records progress and extends the claim; false when the claim was lost to another worker. */
  async progress(jobId: string, workerId: string, percent: number): Promise<boolean> {
    const updated = await this.db
      .update(jobs)
      .set({
        progress: Math.max(0, Math.min(100, Math.round(percent))),
        lockedUntil: sql`now() + (${this.timing.visibilityMs} * interval '1 millisecond')`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
      .returning({ id: jobs.id });
    return updated.length > 0;
  }

  /** Extends the claim of a job still being worked on; false when it was lost. */
  async heartbeat(jobId: string, workerId: string): Promise<boolean> {
    const updated = await this.db
      .update(jobs)
      .set({ lockedUntil: sql`now() + (${this.timing.visibilityMs} * interval '1 millisecond')` })
      .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
      .returning({ id: jobs.id });
    return updated.length > 0;
  }

  async complete(jobId: string, workerId: string, result: unknown = null, tx: DbOrTx = this.db): Promise<boolean> {
    const updated = await tx
      .update(jobs)
      .set({ state: 'done', progress: 100, result, error: null, lockedBy: null, lockedUntil: null, updatedAt: sql`now()` })
      .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
      .returning({ id: jobs.id });
    return updated.length > 0;
  }

  /** A permanent failure ends the job; any other goes back to the queue while attempts remain. */
  async fail(jobId: string, workerId: string, error: unknown): Promise<void> {
    const permanent = error instanceof HallError && error.status < 500;
    const failure: JobFailure =
      error instanceof HallError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: '系统繁忙，请稍后再试' };
    await this.db.execute(sql`
      update jobs set
        state = case when ${permanent} or attempts >= max_attempts then 'failed' else 'queued' end,
        run_at = case when ${permanent} or attempts >= max_attempts then run_at
          else now() + (${this.timing.backoffBaseMs} * power(2, attempts - 1) * interval '1 millisecond') end,
        error = ${JSON.stringify(failure)}::jsonb,
        locked_by = null,
        locked_until = null,
        updated_at = now()
      where id = ${jobId} and locked_by = ${workerId} and state = 'running'`);
  }

  /** On shutdown: hand this worker's jobs back without counting the attempt. */
  async release(workerId: string): Promise<number> {
    const released = await this.db
      .update(jobs)
      .set({
        state: 'queued',
        attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
        lockedBy: null,
        lockedUntil: null,
        runAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
      .returning({ id: jobs.id });
    return released.length;
  }

  async get(jobId: string): Promise<JobRow | null> {
    const [row] = await this.db.select().from(jobs).where(eq(jobs.id, jobId));
    return row ?? null;
  }

  /** Jobs whose worker died on their last allowed attempt will never be claimed again: end them. */
  private async failAbandoned(types: string[]): Promise<void> {
    const typeList = sql.join(types.map((t) => sql`${t}`), sql`, `);
    await this.db.execute(sql`
      update jobs set state = 'failed', locked_by = null, locked_until = null, updated_at = now(),
        error = ${JSON.stringify({ code: 'INTERNAL', message: '任务处理中断，请重试' })}::jsonb
      where type in (${typeList}) and state = 'running' and locked_until < now() and attempts >= max_attempts`);
  }
}
