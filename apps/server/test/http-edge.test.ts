// The HTTP edge: health, docs, error mapping, CSRF, sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';

let t: TestApp;
let alice: SignedIn;

beforeAll(async () => {
  t = await buildTestApp();
  alice = await signIn(t.app);
});
afterAll(() => t.close());

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe('health and docs', () => {
  it('reports database and blob store ok, key agent unreachable without failing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.blobStore).toEqual({ ok: true, detail: 'local' });
    expect(body.checks.keyAgent.ok).toBe(false);
    expect(body.checks.converter.ok).toBe(true);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('honours x-request-id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  it('serves the OpenAPI document with the drive routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/drive/folders', '/api/drive/folders/{id}/files', '/api/jobs/{id}']));
  });
});

describe('errors', () => {
  it('unknown API routes are JSON 404 NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a SPA route without a built web app says so in Chinese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/drive' });
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('npm run build');
  });

  it('malformed JSON → 400 INVALID_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/drive/folders',
      headers: { ...alice.headers, 'content-type': 'application/json' },
      payload: '{"name": "a", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_JSON');
    expect(hasChinese(res.json().message)).toBe(true);
  });

  it('wrong types → 400 VALIDATION_FAILED with Chinese field messages', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: alice.headers, payload: { name: 5, code: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields).toEqual(expect.arrayContaining([{ field: 'code', message: '不能为空' }]));
    expect(hasChinese(body.message)).toBe(true);
  });

  it('missing required fields are named', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: alice.headers, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual(expect.arrayContaining([{ field: 'name', message: '为必填项' }, { field: 'code', message: '为必填项' }]));
  });

  it('a non-UUID id is refused, not a 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/drive/folders/not-a-uuid/files', headers: alice.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toEqual({ field: '路径参数 id', message: '不是有效的编号' });
  });

  it('an oversized JSON body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/drive/folders',
      headers: { ...alice.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), code: '1' }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unsupported content type → 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: { ...alice.headers, 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('sessions and CSRF', () => {
  it('GET /api/me needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('GET /api/me answers the user and enterprise', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: alice.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: alice.userId, name: '李四' }, enterprise: { id: alice.enterpriseId, unitName: '景德镇市测试建设有限公司', profileComplete: true } });
  });

  it('a first visit gets a readable CSRF cookie; the session cookie is httpOnly', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csrf = res.cookies.find((c) => c.name === 'hall_csrf');
    expect(csrf?.value).toBeTruthy();
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.sameSite).toBe('Lax');
  });

  it('state-changing requests without the CSRF header are refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: { cookie: alice.headers.cookie }, payload: { name: 'a', code: '1' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('a CSRF header that does not match the cookie is refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: { ...alice.headers, 'x-csrf-token': 'forged' }, payload: { name: 'a', code: '1' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('an idle session expires', async () => {
    const bob = await signIn(t.app, { unitName: '空闲单位' });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bob.headers })).statusCode).toBe(200);
    await t.app.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where id = ${bob.sessionId}`);
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: bob.headers });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
    const again = await t.app.inject({ method: 'GET', url: '/api/me', headers: bob.headers });
    expect(again.json().code).toBe('UNAUTHENTICATED');
  });

  it('a session used within the idle time is kept alive', async () => {
    const carol = await signIn(t.app, { unitName: '活跃单位' });
    await t.app.db.execute(sql`update sessions set last_seen_at = now() - interval '29 minutes' where id = ${carol.sessionId}`);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: carol.headers })).statusCode).toBe(200);
    await t.app.db.execute(sql`update sessions set last_seen_at = last_seen_at - interval '29 minutes' where id = ${carol.sessionId}`);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: carol.headers })).statusCode).toBe(200);
  });

  it('logout ends the session and is audited', async () => {
    const dave = await signIn(t.app, { unitName: '退出单位' });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: dave.headers });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: dave.headers })).statusCode).toBe(401);
    const rows = rowsOf<{ action: string }>(await t.app.db.execute(sql`select action from audit_log where user_id = ${dave.userId}`));
    expect(rows.map((r) => r.action)).toEqual(['session.logout']);
  });

  it('home answers the profile and zero statistics before any application exists', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/home', headers: alice.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ profile: { id: alice.enterpriseId }, stats: { submitted: 0, finished: 0, materialsComplete: 0, materialsCorrection: 0 }, inProgress: { items: [], total: 0 } });
  });
});
