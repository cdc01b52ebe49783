// Settings, parsed and checked once at start-up. One property per variable, each documented
// here and in docs/configuration.md. Nothing else in the server reads process.env.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type WorkerMode = 'all' | 'http' | 'worker';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface S3Settings {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
}

export interface Config {
  /** PORT: TCP port to listen on (default 3000; 0 picks a free one). */
  port: number;
  /** HOST: interface to listen on (default 0.0.0.0). */
  host: string;
  /** HALL_DATA_DIR: folder for the embedded database, local blobs and converter profiles (default ./.data). */
  dataDir: string;
  /** DATABASE_URL: a PostgreSQL URL; unset → embedded PGlite in HALL_DATA_DIR/pglite. */
  databaseUrl: string | undefined;
  /** BLOB_DIR: local blob folder (default HALL_DATA_DIR/blobs); ignored when S3_BUCKET is set. */
  blobDir: string;
  /** S3_BUCKET (+ S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY): store blobs in S3. */
  s3: S3Settings | undefined;
  /** MAX_UPLOAD_MB: largest single uploaded file, in MiB (default 200). */
  maxUploadBytes: number;
  /** SESSION_IDLE_MINUTES: a session unused this long expires (default 30). */
  sessionIdleMinutes: number;
  /** PUBLIC_ORIGIN: the origin users reach the hall at, e.g. https://hall.example.cn (default http://localhost:PORT). */
  publicOrigin: string;
  /** KEY_AGENT_URL: where the page finds the key agent; the server only probes it for /api/health. */
  keyAgentUrl: string;
  /** LOG_LEVEL: pino level (default info). */
  logLevel: LogLevel;
  /** WORKER_MODE: 'all' (HTTP + job workers, default), 'http' (no workers) or 'worker' (workers, no HTTP). */
  workerMode: WorkerMode;
  /** CONVERTER_CONCURRENCY: LibreOffice processes run side by side (default 2). */
  converterConcurrency: number;
  /** CONVERTER_TIMEOUT_SECONDS: a conversion running longer is killed and fails (default 120). */
  converterTimeoutMs: number;
  /** SOFFICE_PATH: the LibreOffice binary (default: `soffice` on PATH). */
  sofficePath: string;
  /** WEB_DIST_DIR: the built web app to serve (default apps/web/dist). */
  webDistDir: string;
  /** COOKIE_SECURE: mark cookies Secure (default: true when PUBLIC_ORIGIN is https). */
  cookieSecure: boolean;
  /** TRUST_ANCHORS: comma-separated PEM files of the CA certificates a login certificate must chain to. */
  trustAnchorPaths: string[];
  /** INTERMEDIATE_CAS: comma-separated PEM files of intermediate CA certificates, used to build paths (trusted only through an anchor). */
  intermediateCaPaths: string[];
  /** CRL_PATHS: comma-separated CRL files (DER or PEM), re-read when they change. */
  crlPaths: string[];
  /** CRL_URLS: comma-separated CRL URLs, fetched on demand and kept for an hour (the last copy while the CA is unreachable). */
  crlUrls: string[];
  /** OCSP_MODE: 'off' (default), 'aia' (ask the responder named in the certificate's Authority Information Access) or 'url' (ask OCSP_URL). */
  ocspMode: 'off' | 'aia' | 'url';
  /** OCSP_URL: the OCSP responder for OCSP_MODE=url. */
  ocspUrl: string | undefined;
  /** OCSP_REQUIRED: 'true' refuses a login whose status OCSP cannot confirm (unknown / unreachable); otherwise the CRLs decide. */
  ocspRequired: boolean;
  /** LOGIN_ORIGINS: comma-separated origins a login may come from (default PUBLIC_ORIGIN and its localhost/127.0.0.1 twin). */
  loginOrigins: string[];
  /** LOGIN_CHALLENGE_SECONDS: how long a login challenge stays usable (default 120). */
  loginChallengeMs: number;
  /** TSA_URL: the RFC 3161 timestamp authority the signing flow uses (default: the hall's own /api/tsa when it has a TSA certificate). */
  tsaUrl: string | undefined;
  /** TSA_CERT + TSA_KEY: PEM certificate (with its chain) and PKCS#8 key for the development TSA at POST /api/tsa. */
  tsaCertPath: string | undefined;
  tsaKeyPath: string | undefined;
  /** Set by the --demo flag (not an env variable): the demo folder whose demo.json adds trust anchors, CRLs and the TSA. */
  demoDir: string | undefined;
  /** SMS_PROVIDER: 'outbox' (default: messages stored and logged, never sent) or 'aliyun' (阿里云短信 SendSms). */
  smsProvider: 'outbox' | 'aliyun';
  /** SMS_SIGN_NAME: the signature in 【】 before every message (default 景德镇市工程建设项目审批管理系统). */
  smsSignName: string;
  /** ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_ENDPOINT (default https://dysmsapi.aliyuncs.com),
   *  ALIYUN_SMS_TEMPLATES ("seal-request=SMS_1,sign-request=SMS_2,verification-code=SMS_3"): required for SMS_PROVIDER=aliyun. */
  aliyunSms: { accessKeyId: string; accessKeySecret: string; endpoint: string; templates: Record<string, string> } | undefined;
  /** SMS_OUTBOX_API: 'true' opens GET /api/dev/sms (the outbox, for development and tests); always on with --demo and the outbox provider. */
  smsOutboxApi: boolean;
  /** HALL_MASTER_KEY: 32 bytes, base64: encrypts at rest (AES-256-GCM) persons' signing keys and the tokens and 访问码 of 第三方材料上传 links (so the initiator can see a link again). With --demo and unset, generated into HALL_DATA_DIR/master.key. */
  masterKey: Buffer | undefined;
  /** EVENT_CA_CERT + EVENT_CA_KEY: PEM certificate (with its chain) and PKCS#8 key of the CA that issues persons' event certificates (with --demo: the demo issuing CA). */
  eventCaCertPath: string | undefined;
  eventCaKeyPath: string | undefined;
  /** INVITATION_LINK_DAYS: how long a 发起盖章、签名 link stays usable (default 7). */
  invitationLinkMs: number;
  /** SIGNING_QR_MINUTES: how long a 扫码签名 link stays usable (default 10). */
  signingQrMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, fallback: string | undefined, protocols: string[]): string | undefined {
  const raw = env[name] || fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

function items(env: Env, name: string): string[] {
  return (env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function paths(env: Env, name: string, cwd: string): string[] {
  return items(env, name).map((p) => resolve(cwd, p));
}

function urls(env: Env, name: string): string[] {
  return items(env, name).map((u) => url({ [name]: u }, name, undefined, ['http:', 'https:'])!);
}

function tsaPair(env: Env, cwd: string): { cert: string; key: string } | undefined {
  if (Boolean(env.TSA_CERT) !== Boolean(env.TSA_KEY)) throw new ConfigError('TSA_CERT and TSA_KEY must be set together');
  return env.TSA_CERT && env.TSA_KEY ? { cert: resolve(cwd, env.TSA_CERT), key: resolve(cwd, env.TSA_KEY) } : undefined;
}

function origins(env: Env, publicOrigin: string): string[] {
  const raw = items(env, 'LOGIN_ORIGINS');
  const result = new Set<string>();
  for (const o of raw.length ? raw : [publicOrigin]) {
    let u: URL;
    try {
      u = new URL(o);
    } catch {
      throw new ConfigError(`LOGIN_ORIGINS has an invalid origin: "${o}"`);
    }
    result.add(u.origin);
    // The same development hall is reached as localhost and as 127.0.0.1.
    if (!raw.length && (u.hostname === 'localhost' || u.hostname === '127.0.0.1')) {
      u.hostname = u.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      result.add(u.origin);
    }
  }
  return [...result];
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function parseConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const dataDir = resolve(cwd, env.HALL_DATA_DIR || '.data');
  const publicOrigin = url(env, 'PUBLIC_ORIGIN', `http://localhost:${port}`, ['http:', 'https:'])!;
  const s3: S3Settings | undefined = env.S3_BUCKET
    ? {
        endpoint: url(env, 'S3_ENDPOINT', undefined, ['http:', 'https:']),
        bucket: env.S3_BUCKET,
        region: env.S3_REGION || 'us-east-1',
        accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
      }
    : undefined;
  if (!s3 && (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID)) {
    throw new ConfigError('S3_ENDPOINT / S3_ACCESS_KEY_ID are set but S3_BUCKET is not');
  }
  if (s3 && Boolean(s3.accessKeyId) !== Boolean(s3.secretAccessKey)) {
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: url(env, 'DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
    blobDir: resolve(cwd, env.BLOB_DIR || resolve(dataDir, 'blobs')),
    s3,
    maxUploadBytes: int(env, 'MAX_UPLOAD_MB', 200, 1, 1024 * 1024) * 1024 * 1024,
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 7 * 24 * 60),
    publicOrigin,
    keyAgentUrl: url(env, 'KEY_AGENT_URL', 'http://127.0.0.1:18400', ['http:', 'https:'])!,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    workerMode: oneOf(env, 'WORKER_MODE', ['all', 'http', 'worker'] as const, 'all'),
    converterConcurrency: int(env, 'CONVERTER_CONCURRENCY', 2, 1, 64),
    converterTimeoutMs: int(env, 'CONVERTER_TIMEOUT_SECONDS', 120, 1, 3600) * 1000,
    sofficePath: env.SOFFICE_PATH || 'soffice',
    webDistDir: resolve(cwd, env.WEB_DIST_DIR || resolve(repoRoot, 'apps/web/dist')),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : publicOrigin.startsWith('https:'),
    trustAnchorPaths: paths(env, 'TRUST_ANCHORS', cwd),
    intermediateCaPaths: paths(env, 'INTERMEDIATE_CAS', cwd),
    crlPaths: paths(env, 'CRL_PATHS', cwd),
    crlUrls: urls(env, 'CRL_URLS'),
    ocspMode: oneOf(env, 'OCSP_MODE', ['off', 'aia', 'url'] as const, 'off'),
    ocspUrl: ocspUrl(env),
    ocspRequired: env.OCSP_REQUIRED === 'true',
    loginOrigins: origins(env, publicOrigin),
    loginChallengeMs: int(env, 'LOGIN_CHALLENGE_SECONDS', 120, 10, 3600) * 1000,
    tsaUrl: url(env, 'TSA_URL', undefined, ['http:', 'https:']),
    tsaCertPath: tsaPair(env, cwd)?.cert,
    tsaKeyPath: tsaPair(env, cwd)?.key,
    demoDir: undefined,
    smsProvider: oneOf(env, 'SMS_PROVIDER', ['outbox', 'aliyun'] as const, 'outbox'),
    smsSignName: env.SMS_SIGN_NAME || '景德镇市工程建设项目审批管理系统',
    aliyunSms: aliyunSms(env),
    smsOutboxApi: env.SMS_OUTBOX_API === 'true',
    masterKey: masterKey(env),
    eventCaCertPath: eventCa(env, cwd)?.cert,
    eventCaKeyPath: eventCa(env, cwd)?.key,
    invitationLinkMs: int(env, 'INVITATION_LINK_DAYS', 7, 1, 365) * 24 * 3600_000,
    signingQrMs: int(env, 'SIGNING_QR_MINUTES', 10, 1, 24 * 60) * 60_000,
  };
}

function aliyunSms(env: Env): Config['aliyunSms'] {
  if (env.SMS_PROVIDER !== 'aliyun') return undefined;
  if (!env.ALIYUN_SMS_ACCESS_KEY_ID || !env.ALIYUN_SMS_ACCESS_KEY_SECRET) {
    throw new ConfigError('SMS_PROVIDER=aliyun needs ALIYUN_SMS_ACCESS_KEY_ID and ALIYUN_SMS_ACCESS_KEY_SECRET');
  }
  const templates = Object.fromEntries(items(env, 'ALIYUN_SMS_TEMPLATES').map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]));
  for (const t of ['seal-request', 'sign-request', 'verification-code']) {
    if (!templates[t]) throw new ConfigError(`ALIYUN_SMS_TEMPLATES lacks a template code for ${t}`);
  }
  return {
    accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID,
    accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET,
    endpoint: url(env, 'ALIYUN_SMS_ENDPOINT', 'https://dysmsapi.aliyuncs.com', ['https:', 'http:'])!,
    templates,
  };
}

function ocspUrl(env: Env): string | undefined {
  if (env.OCSP_MODE === 'url' && !env.OCSP_URL) throw new ConfigError('OCSP_MODE=url needs OCSP_URL');
  return url(env, 'OCSP_URL', undefined, ['http:', 'https:']);
}

function masterKey(env: Env): Buffer | undefined {
  if (!env.HALL_MASTER_KEY) return undefined;
  const key = Buffer.from(env.HALL_MASTER_KEY, 'base64');
  if (key.length !== 32) throw new ConfigError('HALL_MASTER_KEY must be 32 bytes, base64-encoded');
  return key;
}

function eventCa(env: Env, cwd: string): { cert: string; key: string } | undefined {
  if (Boolean(env.EVENT_CA_CERT) !== Boolean(env.EVENT_CA_KEY)) throw new ConfigError('EVENT_CA_CERT and EVENT_CA_KEY must be set together');
  return env.EVENT_CA_CERT && env.EVENT_CA_KEY ? { cert: resolve(cwd, env.EVENT_CA_CERT), key: resolve(cwd, env.EVENT_CA_KEY) } : undefined;
}
