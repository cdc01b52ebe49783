// Starts the hall: parse settings once, build the app, listen, start the job workers
// (WORKER_MODE), and on SIGTERM/SIGINT stop cleanly: stop accepting, let in-flight
// requests finish, hand claimed jobs back, close the database.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { buildApp } from './app.ts';
import { ensureDemoStaff } from './staff/demo-staff.ts';
import type { App } from './types.ts';

async function ensureDemo(app: App, config: Config): Promise<void> {
  const modulePath = fileURLToPath(new URL('../../key-agent/src/demo-setup.ts', import.meta.url));
  if (!existsSync(modulePath)) {
    app.log.warn('--demo: apps/key-agent/src/demo-setup.ts not found; no demo tokens created');
    return;
  }
  try {
    const mod = (await import(modulePath)) as { demoSetup?: (o: { dir: string }) => Promise<unknown> };
    if (typeof mod.demoSetup !== 'function') {
      app.log.warn('--demo: demo-setup.ts has no demoSetup export');
      return;
    }
    const result = await mod.demoSetup({ dir: `${config.dataDir}/demo` });
    app.log.info({ dir: `${config.dataDir}/demo`, result }, 'demo data ready');
    await app.ready(); // migrations applied
    const staff = await ensureDemoStaff(app.db, `${config.dataDir}/demo/staff.json`);
    console.log(`[hall] 窗口人员登录: /staff, 用户名 ${staff.username}, 密码 ${staff.password}; 动态码: npm run staff-code`);
  } catch (err) {
    app.log.error({ err }, '--demo: demo setup failed; continuing without demo data');
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = parseConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 / configuration error: ${err.message}\nSee docs/configuration.md`);
      process.exit(78);
    }
    throw err;
  }

  const demo = process.argv.includes('--demo');
  // The demo CA, CRLs and TSA in demo.json are trusted only when the hall runs with --demo.
  if (demo) config = { ...config, demoDir: `${config.dataDir}/demo` };
  const app = await buildApp(config);
  if (demo) await ensureDemo(app, config);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // A second signal, or a close that hangs, ends the process anyway.
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  if (config.workerMode !== 'http') app.workers.start();
  if (config.workerMode === 'worker') {
    await app.ready();
    app.log.info('worker mode: running jobs, not listening');
    return;
  }
  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  console.log(`网上办事大厅 listening on http://localhost:${port}  (API docs: http://localhost:${port}/api/docs)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
