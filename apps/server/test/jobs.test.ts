// The Postgres job queue: exclusive claims, visibility timeout, back-off, progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { HallError } from '@hall/shared/errors';
import { jobs } from '../src/db/schema.ts';
import { JobQueue } from '../src/jobs/job-queue.ts';
import { WorkerPool } from '../src/jobs/worker-pool.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';

let t: TestApp;
let alice: SignedIn;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await buildTestApp({}, { queueTiming: { visibilityMs: 400, backoffBaseMs: 150 } });
  alice = await signIn(t.app);
});
afterAll(() => t.close());

async function row(id: string) {
  const [r] = await t.app.db.select().from(jobs).where(eq(jobs.id, id));
  return r;
}

describe('job queue', () => {
  it('two workers never run the same job', async () => {
    // A long claim: this test is about SKIP LOCKED, not about timeouts on a loaded machine.
    const queue = new JobQueue(t.app.db, { visibilityMs: 60_000, backoffBaseMs: 100 });
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) ids.push(await queue.enqueue('count', { i }));
    const seen: string[] = [];
    const pools = [0, 1].map((n) => {
      const pool = new WorkerPool(queue, t.app.log, { concurrency: 3, pollMs: 20 });
      pool.register('count', async ({ job }) => {
        seen.push(`${job.id}`);
        await sleep(5 + n);
        return { by: n };
      });
      return pool;
    });
    pools.forEach((p) => p.start());
    for (let i = 0; i < 400; i++) {
      const rows = await t.app.db.select({ state: jobs.state }).from(jobs).where(eq(jobs.type, 'count'));
      if (rows.every((r) => r.state === 'done')) break;
      await sleep(25);
    }
    await Promise.all(pools.map((p) => p.stop()));
    expect([...seen].sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await row(id)).attempts).toBe(1);
  });

  it('concurrent claims hand out different jobs', async () => {
    const queue = t.app.queue;
    const a = await queue.enqueue('pair', {});
    const b = await queue.enqueue('pair', {});
    const [x, y, z] = await Promise.all([queue.claim('w1', ['pair']), queue.claim('w2', ['pair']), queue.claim('w3', ['pair'])]);
    const claimed = [x, y, z].filter(Boolean).map((j) => j!.id);
    expect(claimed.sort()).toEqual([a, b].sort());
  });

  it('a job whose worker died is claimed again after the visibility timeout', async () => {
    const queue = t.app.queue;
    const id = await queue.enqueue('fragile', {});
    const first = await queue.claim('dead-worker', ['fragile']);
    expect(first?.id).toBe(id);
    expect(await queue.claim('live-worker', ['fragile'])).toBeNull();
    await sleep(600);
    const second = await queue.claim('live-worker', ['fragile']);
    expect(second?.id).toBe(id);
    expect(second?.attempts).toBe(2);
    // The dead worker waking up cannot finish a job it no longer holds.
    expect(await queue.complete(id, 'dead-worker', { late: true })).toBe(false);
    expect(await queue.complete(id, 'live-worker', { ok: true })).toBe(true);
    expect((await row(id)).state).toBe('done');
  });

  it('a live worker keeps its claim past the visibility timeout (heartbeat)', async () => {
    const queue = new JobQueue(t.app.db, { visibilityMs: 900, backoffBaseMs: 100 });
    const pool = new WorkerPool(queue, t.app.log, { concurrency: 1 });
    let runs = 0;
    pool.register('slow', async () => {
      runs += 1;
      await sleep(2500);
    });
    const id = await queue.enqueue('slow', {});
    const running = pool.runOnce();
    await sleep(1500);
    expect(await queue.claim('thief', ['slow'])).toBeNull();
    await sleep(700);
    expect(await queue.claim('thief', ['slow'])).toBeNull();
    await running;
    expect(runs).toBe(1);
    expect((await row(id)).state).toBe('done');
  });

  it('a job abandoned on its last attempt ends failed', async () => {
    const queue = new JobQueue(t.app.db, { visibilityMs: 100, backoffBaseMs: 10 });
    const id = await queue.enqueue('last-try', {}, { maxAttempts: 1 });
    expect((await queue.claim('w', ['last-try']))?.id).toBe(id);
    await sleep(250);
    expect(await queue.claim('w2', ['last-try'])).toBeNull();
    expect((await row(id)).state).toBe('failed');
  });

  it('retries with exponential back-off, then fails', async () => {
    const pool = new WorkerPool(t.app.queue, t.app.log, { concurrency: 1 });
    let calls = 0;
    pool.register('flaky', async () => {
      calls += 1;
      throw new Error('database hiccup');
    });
    const id = await t.app.queue.enqueue('flaky', {}, { maxAttempts: 3 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      let ran = null;
      for (let i = 0; i < 100 && !ran; i++) {
        ran = await pool.runOnce();
        if (!ran) await sleep(30);
      }
      expect(ran?.id).toBe(id);
      const r = await row(id);
      if (attempt < 3) {
        expect(r.state).toBe('queued');
        delays.push(r.runAt.getTime() - r.updatedAt.getTime());
        // Not due yet: nothing to claim right away.
        expect(await pool.runOnce()).toBeNull();
      } else {
        expect(r.state).toBe('failed');
        expect(r.error).toEqual({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
      }
    }
    expect(calls).toBe(3);
    expect(delays[0]).toBeGreaterThanOrEqual(145);
    expect(delays[1]).toBeGreaterThanOrEqual(295);
  });

  it('a user-facing error fails the job at once', async () => {
    const pool = new WorkerPool(t.app.queue, t.app.log, { concurrency: 1 });
    pool.register('doomed', async () => {
      throw new HallError('CONVERSION_FAILED');
    });
    const id = await t.app.queue.enqueue('doomed', {}, { maxAttempts: 5 });
    await pool.runOnce();
    const r = await row(id);
    expect(r.state).toBe('failed');
    expect(r.attempts).toBe(1);
    expect(r.error).toMatchObject({ code: 'CONVERSION_FAILED' });
  });

  it('stopping a pool hands its running jobs back to the queue', async () => {
    const pool = new WorkerPool(t.app.queue, t.app.log, { concurrency: 1, pollMs: 10 });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    pool.register('long', async () => {
      started();
      await sleep(2000);
    });
    const id = await t.app.queue.enqueue('long', {});
    pool.start();
    await running;
    await pool.stop(50);
    const r = await row(id);
    expect(r.state).toBe('queued');
    expect(r.attempts).toBe(0);
    expect(r.lockedBy).toBeNull();
    await sleep(2100); // let the orphaned handler finish before the database closes
  });

  it('progress is readable through GET /api/jobs/:id, only by its enterprise', async () => {
    const id = await t.app.queue.enqueue('report', {}, { enterpriseId: alice.enterpriseId });
    const job = await t.app.queue.claim('w', ['report']);
    expect(job?.id).toBe(id);
    await t.app.queue.progress(id, 'w', 42);
    const res = await t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: alice.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id, type: 'report', state: 'running', progress: 42 });
    const bob = await signIn(t.app, { unitName: '另一家单位' });
    const other = await t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: bob.headers });
    expect(other.statusCode).toBe(404);
    await t.app.db.execute(sql`select 1`);
  });

  it('streams progress as server-sent events until the job ends', async () => {
    const id = await t.app.queue.enqueue('streamed', {}, { enterpriseId: alice.enterpriseId });
    await t.app.queue.claim('sse-worker', ['streamed']);
    const response = t.app.inject({ method: 'GET', url: `/api/jobs/${id}/events`, headers: alice.headers });
    await sleep(700);
    await t.app.queue.progress(id, 'sse-worker', 50);
    await sleep(700);
    await t.app.queue.complete(id, 'sse-worker', { ok: true });
    const res = await response;
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const events = res.body
      .split('\n\n')
      .filter(Boolean)
      .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { state: string; progress: number });
    expect(events.map((e) => [e.state, e.progress])).toEqual([
      ['running', 0],
      ['running', 50],
      ['done', 100],
    ]);
    const bob = await signIn(t.app, { unitName: '旁观单位' });
    expect((await t.app.inject({ method: 'GET', url: `/api/jobs/${id}/events`, headers: bob.headers })).statusCode).toBe(404);
  });
});
