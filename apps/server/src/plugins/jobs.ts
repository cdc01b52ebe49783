import fp from 'fastify-plugin';
import { JobQueue, defaultTiming, type QueueTiming } from '../jobs/job-queue.ts';
import { WorkerPool } from '../jobs/worker-pool.ts';

export interface JobsPluginOptions {
  timing?: QueueTiming;
}

// Workers are registered here by feature plugins but started only by main (WORKER_MODE),
// so tests and HTTP-only instances never run jobs behind their back.
export default fp<JobsPluginOptions>(
  async (app, options) => {
    const queue = new JobQueue(app.db, options.timing ?? defaultTiming);
    const workers = new WorkerPool(queue, app.log.child({ component: 'jobs' }), {
      concurrency: app.config.converterConcurrency,
    });
    app.decorate('queue', queue);
    app.decorate('workers', workers);
    app.addHook('onClose', () => workers.stop());
  },
  { name: 'jobs', dependencies: ['db'] },
);
