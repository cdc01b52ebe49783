// `npm start`: the hall with demo data on the embedded defaults (PGlite, local blobs), and the
// key agent for the first demo unit's USB key (SoftHSM2) in the background, so that CA 锁登录
// works at once with PIN 111111. The agent stops when the hall stops.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules, ensureSystemPackages, log, root } from './bootstrap.mjs';

ensureNodeModules();
ensureSystemPackages();
const { ensureWebBuild } = await import('./web-build.mjs');
ensureWebBuild();

const dataDir = process.env.HALL_DATA_DIR ?? join(root, '.data');
const port = process.env.PORT ?? '3000';
const agentUrl = new URL(process.env.KEY_AGENT_URL ?? 'http://127.0.0.1:18400');
// KEY_AGENT_TOKEN picks another demo key (e.g. jdz-jzsjy, the second demo unit).
const agentToken = process.env.KEY_AGENT_TOKEN;

const hall = spawn(process.execPath, ['--import', 'tsx', join('src', 'main.ts'), '--demo'], {
  cwd: join(root, 'apps', 'server'),
  stdio: 'inherit',
  env: { ...process.env, HALL_DATA_DIR: dataDir },
});

let agent;
let stopping = false;

function stopAgent(signal = 'SIGTERM') {
  if (agent && agent.exitCode === null && agent.signalCode === null) agent.kill(signal);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopping = true;
    stopAgent(sig);
    hall.kill(sig);
  });
}
hall.on('exit', (code, signal) => {
  stopping = true;
  stopAgent();
  process.exit(code ?? (signal ? 1 : 0));
});

// The demo keys exist once the hall answers (it runs the demo set-up before listening).
async function waitForHall() {
  for (;;) {
    if (stopping) return false;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200 || res.status === 503) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function startAgent() {
  if (!(await waitForHall())) return;
  const manifest = join(dataDir, 'demo', 'demo.json');
  if (!existsSync(manifest)) {
    log('no demo keys (demo.json missing): the key agent is not started');
    return;
  }
  const demo = JSON.parse(readFileSync(manifest, 'utf8'));
  const unit = demo.enterprises.find((e) => e.tokenLabel === agentToken) ?? demo.enterprises[0];
  const args = [
    '--import', 'tsx', join('apps', 'key-agent', 'src', 'main.ts'), 'serve',
    '--port', agentUrl.port || '18400',
    '--origin', `http://localhost:${port}`,
    '--origin', `http://127.0.0.1:${port}`,
    '--pkcs11', demo.softhsm.module,
    '--token', unit.tokenLabel,
  ];
  agent = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, SOFTHSM2_CONF: demo.softhsm.conf } });
  agent.on('exit', (code) => {
    if (!stopping) log(`key agent stopped (exit ${code}); is another one already listening on ${agentUrl.host}?`);
  });
  log(`CA 锁登录: open http://localhost:${port}/login, click CA 锁登录, PIN ${demo.pin} (unit: ${unit.unitName}, key ${unit.tokenLabel})`);
}

void startAgent();
