// key-agent: the local key bridge and its set-up commands. Run `key-agent help`.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderOfficialSeal, renderPersonalSeal } from '@hall/pki';
import {
  TokenError,
  addSealToPkcs11,
  createSoftHsmToken,
  importP12IntoPkcs11,
  openP12Token,
  openPkcs11Token,
  type Token,
} from '@hall/token';
import { createAgent } from './agent.ts';
import { demoSetup } from './demo-setup.ts';
import { normaliseOrigin } from './guard.ts';

const USAGE = `key-agent — 本机 CA 锁服务 (local key bridge)

  key-agent serve [--port 18400] --origin ORIGIN... [--allow-no-origin]
                  (--pkcs11 MODULE.so [--token LABEL] [--softhsm-conf FILE]
                   | --p12 FILE [--p12-password P]
                   | --demo DIR [--token LABEL])
  key-agent token init --dir DIR --label LABEL [--pin 111111] [--so-pin 12345678]
  key-agent token import-p12 --pkcs11 MODULE.so --token LABEL --pin PIN --p12 FILE --p12-password P [--softhsm-conf FILE]
  key-agent token add-seal --pkcs11 MODULE.so --token LABEL --pin PIN --name 公章 --image SEAL.png
                  [--certificate ID] [--width-mm 42] [--softhsm-conf FILE]
  key-agent token list (--pkcs11 MODULE.so [--token LABEL] [--softhsm-conf FILE] | --p12 FILE --p12-password P | --demo DIR)
  key-agent seal (--official UNIT_NAME | --personal NAME) -o OUT.png
  key-agent demo-setup --dir DIR [--force]

Environment: KEY_AGENT_PORT (default port), KEY_AGENT_ORIGINS (comma-separated origins added
to --origin), SOFTHSM2_CONF (when --softhsm-conf is not given).
The agent listens on 127.0.0.1 only. The PIN is never stored or logged.`;

class UsageError extends Error {}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined || v === '') throw new UsageError(`missing ${what}`);
  return v;
}

function envFor(conf: string | undefined): Record<string, string> | undefined {
  return conf ? { SOFTHSM2_CONF: conf } : undefined;
}

interface TokenArgs {
  pkcs11?: string;
  token?: string;
  'softhsm-conf'?: string;
  p12?: string;
  'p12-password'?: string;
  demo?: string;
}

async function tokenFrom(v: TokenArgs): Promise<Token> {
  const chosen = [v.pkcs11, v.p12, v.demo].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('give exactly one of --pkcs11, --p12, --demo');
  if (v.pkcs11) return openPkcs11Token({ module: v.pkcs11, tokenLabel: v.token, env: envFor(v['softhsm-conf']) });
  if (v.p12) return openP12Token({ file: v.p12, password: v['p12-password'] });
  const demo = await demoSetup({ dir: v.demo! });
  return openPkcs11Token({ module: demo.softhsm.module, tokenLabel: v.token, env: demo.softhsm.env });
}

const tokenOptions = {
  pkcs11: { type: 'string' },
  token: { type: 'string' },
  'softhsm-conf': { type: 'string' },
  p12: { type: 'string' },
  'p12-password': { type: 'string' },
  demo: { type: 'string' },
} as const;

async function serve(args: string[]): Promise<void> {
  const { values: v } = parseArgs({
    args,
    options: {
      ...tokenOptions,
      port: { type: 'string' },
      origin: { type: 'string', multiple: true },
      'allow-no-origin': { type: 'boolean', default: false },
    },
  });
  const port = Number(v.port ?? process.env.KEY_AGENT_PORT ?? 18400);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('bad --port');
  const origins = [...(v.origin ?? []), ...(process.env.KEY_AGENT_ORIGINS ?? '').split(',').filter(Boolean)].map(normaliseOrigin);
  if (origins.length === 0) throw new UsageError('give at least one --origin (the hall\'s address, e.g. http://127.0.0.1:3000)');
  const token = await tokenFrom(v);
  const server = createAgent({
    token,
    origins,
    allowNoOrigin: v['allow-no-origin'],
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  server.listen(port, '127.0.0.1', () => {
    const addr = server.address();
    const actual = typeof addr === 'object' && addr ? addr.port : port;
    console.log(`key-agent listening on http://127.0.0.1:${actual} (origins: ${origins.join(', ')}; ${token.kind})`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function tokenCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values: v } = parseArgs({
    args: rest,
    options: {
      ...tokenOptions,
      dir: { type: 'string' },
      label: { type: 'string' },
      pin: { type: 'string' },
      'so-pin': { type: 'string' },
      name: { type: 'string' },
      image: { type: 'string' },
      certificate: { type: 'string' },
      'width-mm': { type: 'string' },
    },
  });
  const env = envFor(v['softhsm-conf'] ?? process.env.SOFTHSM2_CONF);
  switch (sub) {
    case 'init': {
      const t = await createSoftHsmToken({ dir: need(v.dir, '--dir'), label: need(v.label, '--label'), soPin: v['so-pin'] ?? '12345678', pin: v.pin ?? '111111' });
      console.log(JSON.stringify({ module: t.module, label: t.label, SOFTHSM2_CONF: t.conf }, null, 2));
      return;
    }
    case 'import-p12': {
      const id = await importP12IntoPkcs11({
        module: need(v.pkcs11, '--pkcs11'),
        env,
        tokenLabel: need(v.token, '--token'),
        pin: need(v.pin, '--pin'),
        p12: need(v.p12, '--p12'),
        password: need(v['p12-password'], '--p12-password'),
      });
      console.log(JSON.stringify({ certificateId: id }));
      return;
    }
    case 'add-seal': {
      await addSealToPkcs11({
        module: need(v.pkcs11, '--pkcs11'),
        env,
        tokenLabel: need(v.token, '--token'),
        pin: need(v.pin, '--pin'),
        name: need(v.name, '--name'),
        png: new Uint8Array(readFileSync(need(v.image, '--image'))),
        certificateId: v.certificate,
        widthMm: v['width-mm'] ? Number(v['width-mm']) : undefined,
      });
      console.log(JSON.stringify({ ok: true }));
      return;
    }
    case 'list': {
      const token = await tokenFrom({ ...v, 'softhsm-conf': v['softhsm-conf'] ?? process.env.SOFTHSM2_CONF });
      const status = await token.status();
      const certs = await token.certificates();
      const out = [];
      for (const c of certs) {
        const seals = await token.seals(c.id);
        out.push({ id: c.id, label: c.label, token: c.tokenLabel, keyAlgorithm: c.keyAlgorithm, seals: seals.map((s) => s.name) });
      }
      console.log(JSON.stringify({ tokens: status, certificates: out }, null, 2));
      return;
    }
    default:
      throw new UsageError(`unknown token command ${sub ?? ''}`);
  }
}

async function sealCommand(args: string[]): Promise<void> {
  const { values: v } = parseArgs({ args, options: { official: { type: 'string' }, personal: { type: 'string' }, o: { type: 'string' } } });
  const png = v.official ? renderOfficialSeal(v.official) : renderPersonalSeal(need(v.personal, '--official or --personal'));
  writeFileSync(need(v.o, '-o'), png);
}

async function demoCommand(args: string[]): Promise<void> {
  const { values: v } = parseArgs({ args, options: { dir: { type: 'string' }, force: { type: 'boolean', default: false } } });
  const dir = need(v.dir, '--dir');
  const demo = await demoSetup({ dir, force: v.force, log: (l) => console.error(l) });
  console.log(`${demo.dir}/demo.json`);
}

export async function runCli(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  // `key-agent --origin …` (no command) means serve
  if (cmd === undefined || cmd.startsWith('--')) return serve(argv);
  switch (cmd) {
    case 'serve':
      return serve(rest);
    case 'token':
      return tokenCommand(rest);
    case 'seal':
      return sealCommand(rest);
    case 'demo-setup':
      return demoCommand(rest);
    case 'help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`unknown command ${cmd}`);
  }
}

runCli(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (e instanceof TokenError) {
    console.error(`${e.code}: ${e.message}`);
    process.exit(1);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

