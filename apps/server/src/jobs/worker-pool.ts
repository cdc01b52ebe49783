// Runs jobs of registered types: `concurrency` loops per pool, each claiming one job at a
// time, polling when the queue is empty. Handlers get the payload and a progress reporter,
// never a request.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue, JobRow } from './job-queue.ts';

export interface JobContext {
  job: JobRow;
  /** Stores progress (0..100) and extends the claim. */
  progress(percent: number): Promise<void>;
  /** Id of the worker holding the job (for complete-in-transaction). */
  workerId: string;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface WorkerPoolOptions {
  concurrency: number;
  pollMs?: number;
}

export class WorkerPool {
  private readonly handlers = new Map<string, JobHandler>();
  private running = false;
  private loops: Promise<void>[] = [];
  private wake: (() => void)[] = [];
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  constructor(
    private readonly queue: JobQueue,
    private readonly log: FastifyBaseLogger,
    private readonly options: WorkerPoolOptions,
  ) {}

  register(type: string, handler: JobHandler): void {
    this.handlers.set(type, handler);
  }

  start(): void {
    if (this.running || this.handlers.size === 0) return;
    this.running = true;
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop(`${this.id}#${i}`));
  }

  /** Wakes idle loops (after an enqueue in this process). */
  poke(): void {
    for (const w of this.wake.splice(0)) w();
  }

  /** Stops claiming, lets running jobs finish (up to graceMs), then releases what is left. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.poke();
    const all = Promise.all(this.loops);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    for (let i = 0; i < this.options.concurrency; i++) await this.queue.release(`${this.id}#${i}`);
    this.loops = [];
  }

  /** Runs at most one job now (tests drive the queue step by step with this). */
  async runOnce(workerId = `${this.id}#manual`): Promise<JobRow | null> {
    const job = await this.queue.claim(workerId, [...this.handlers.keys()]);
    if (!job) return null;
    await this.execute(job, workerId);
    return job;
  }

  private async loop(workerId: string): Promise<void> {
    while (this.running) {
      let job: JobRow | null = null;
      try {
        job = await this.queue.claim(workerId, [...this.handlers.keys()]);
      } catch (err) {
        this.log.error({ err }, 'job claim failed');
      }
      if (job) {
        await this.execute(job, workerId);
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1000);
        this.wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async execute(job: JobRow, workerId: string): Promise<void> {
    const handler = this.handlers.get(job.type);
    const log = this.log.child({ jobId: job.id, jobType: job.type, attempt: job.attempts });
    if (!handler) return;
    const ctx: JobContext = {
      job,
      workerId,
      progress: async (percent) => {
        await this.queue.progress(job.id, workerId, percent);
      },
    };
    // A live worker keeps its claim however long the job runs; only a dead one lets the
    // visibility timeout pass.
    const beat = setInterval(() => {
      this.queue.heartbeat(job.id, workerId).catch((err: unknown) => log.warn({ err }, 'job heartbeat failed'));
    }, Math.max(50, Math.floor(this.queue.timing.visibilityMs / 3)));
    try {
      log.info('job started');
      const result = await handler(ctx);
      await this.queue.complete(job.id, workerId, result ?? null);
      log.info('job done');
    } catch (err) {
      log.warn({ err }, 'job failed');
      await this.queue.fail(job.id, workerId, err).catch((e: unknown) => log.error({ err: e }, 'recording job failure failed'));
    } finally {
      clearInterval(beat);
    }
  }
}
