import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('gives the documented defaults', () => {
    const c = parseConfig({}, '/srv/hall');
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/hall/.data',
      databaseUrl: undefined,
      blobDir: '/srv/hall/.data/blobs',
      s3: undefined,
      maxUploadBytes: 200 * 1024 * 1024,
      sessionIdleMinutes: 30,
      publicOrigin: 'http://localhost:3000',
      keyAgentUrl: 'http://127.0.0.1:18400',
      logLevel: 'info',
      workerMode: 'all',
      cookieSecure: false,
    });
  });

  it('reads S3 settings as a whole', () => {
    const c = parseConfig({ S3_BUCKET: 'hall', S3_ENDPOINT: 'http://minio:9000/', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
    expect(c.s3).toEqual({ bucket: 'hall', endpoint: 'http://minio:9000', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's' });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer between 0 and 65535/],
    [{ MAX_UPLOAD_MB: '0' }, /MAX_UPLOAD_MB/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use postgres:/],
    [{ KEY_AGENT_URL: 'not a url' }, /KEY_AGENT_URL is not a valid URL/],
    [{ WORKER_MODE: 'both' }, /WORKER_MODE must be one of all, http, worker/],
    [{ S3_ENDPOINT: 'http://minio' }, /S3_BUCKET is not/],
    [{ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' }, /set together/],
  ])('fails fast on %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('turns on Secure cookies for an https origin', () => {
    expect(parseConfig({ PUBLIC_ORIGIN: 'https://hall.example.cn' }).cookieSecure).toBe(true);
  });
});
