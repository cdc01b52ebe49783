// 扫码签名: the desktop's one-time link, the phone's ID + SMS check and drawing, the desktop told
// at once over server-sent events, then the signature placed on a file and signed with the
// person's event certificate. A used link is dead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@hall/pdf-seal';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { createTestPki, download, makePdf, pdfsig, personSigningEnv, uploadPdf, type TestPki } from './sealing-helpers.ts';

let t: TestApp;
let pki: TestPki;
let work: string;
let alice: SignedIn;
let origin: string;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const person = { name: '张建国', idNumber: '11010519491231002X', phone: '13512345678' };
const phone = { cookie: 'hall_csrf=phone', 'x-csrf-token': 'phone', 'content-type': 'application/json' };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hall-person-signing-test-'));
  pki = await createTestPki(work);
  t = await buildTestApp(await personSigningEnv(pki, work));
  alice = await signIn(t.app);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Opens the page's event stream; `until` reads `state` events until one satisfies the test. */
async function openStream(id: string) {
  const res = await fetch(`${origin}/api/person-signing/sessions/${id}/events`, { headers: { cookie: alice.headers.cookie } });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const seen: string[] = [];
  let buffer = '';
  const until = async (test: (state: string) => boolean): Promise<string[]> => {
    while (!(seen.length && test(seen.at(-1)!))) {
      const { value, done } = await reader.read();
      if (done) return seen;
      buffer += Buffer.from(value).toString('utf8');
      const complete = buffer.lastIndexOf('\n\n');
      if (complete < 0) continue;
      for (const m of buffer.slice(0, complete).matchAll(/^data: (.*)$/gm)) seen.push((JSON.parse(m[1]!) as { state: string }).state);
      buffer = buffer.slice(complete + 2);
    }
    return seen;
  };
  await until(() => true);
  return { until, close: () => reader.cancel() };
}

const post = (url: string, body: object) => fetch(`${origin}${url}`, { method: 'POST', headers: phone, body: JSON.stringify(body) });

describe('personal signature by phone', () => {
  it('QR link → ID + SMS → drawn signature → the desktop hears at once and places it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/person-signing/sessions', headers: alice.headers });
    expect(created.statusCode, created.body).toBe(201);
    const { id, url } = created.json() as { id: string; url: string };
    const token = url.split('/').pop()!;
    expect(url).toMatch(/\/m\/sign\/[A-Za-z0-9_-]{43}$/);

    const stream = await openStream(id);
    expect(((await (await fetch(`${origin}/api/m/${token}`)).json()) as { state: string; purpose: string })).toMatchObject({ state: 'pending', purpose: 'qr' });
    expect((await post(`/api/m/${token}/code`, person)).status).toBe(200);
    const sms = (await t.app.inject({ method: 'GET', url: `/api/dev/sms?phone=${person.phone}` })).json() as { text: string; params: { code: string } }[];
    expect(sms[0]!.text).toMatch(/^【景德镇市工程建设项目审批管理系统】您的验证码为\d{6}，5分钟内有效/);
    const verified = await post(`/api/m/${token}/verify`, { code: sms[0]!.params.code });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ state: 'verified', hasSavedSignature: false, person: { name: '张建国' } });
    const submitted = await post(`/api/m/${token}/signature`, { png: b64(pki.sealPng) });
    expect(await submitted.json()).toEqual({ state: 'signed' });
    expect(await stream.until((state) => state === 'signed')).toEqual(['pending', 'verified', 'signed']);
    await stream.close();

    // the link is single use: the phone sees it signed and cannot submit again
    expect((await fetch(`${origin}/api/m/${token}`)).status).toBe(200);
    expect((await post(`/api/m/${token}/signature`, { png: b64(pki.sealPng) })).status).toBe(404);

    const image = await t.app.inject({ method: 'GET', url: `/api/person-signing/sessions/${id}/signature`, headers: alice.headers });
    expect(image.headers['content-type']).toBe('image/png');

    const { fileId } = await uploadPdf(t.app, alice, '承诺书.pdf', makePdf(2));
    const applied = await t.app.inject({ method: 'POST', url: `/api/person-signing/sessions/${id}/apply`, headers: alice.headers, payload: { fileId, page: 2, x: 400, y: 700 } });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toEqual({ version: 2 });
    // placed once: a second apply is refused, and the phone's link is dead
    expect((await t.app.inject({ method: 'POST', url: `/api/person-signing/sessions/${id}/apply`, headers: alice.headers, payload: { fileId } })).statusCode).toBe(404);
    expect((await fetch(`${origin}/api/m/${token}`)).status).toBe(404);

    const path = join(work, 'signed.pdf');
    writeFileSync(path, await download(t.app, alice, fileId));
    const sig = await pdfsig(path);
    expect(sig).toEqual([{ valid: true, total: true }]);
    const report = await verify(path, { trustAnchors: [pki.root.certificate] });
    expect(report.ok).toBe(true);
    expect(report.signatures[0]!.signer!.subject).toContain('张建国');
  });

  it('another enterprise cannot watch or use the session; an unknown token is a 404', async () => {
    const bob = await signIn(t.app, { unitName: '景德镇市乙公司' });
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/person-signing/sessions', headers: alice.headers })).json() as { id: string };
    expect((await t.app.inject({ method: 'GET', url: `/api/person-signing/sessions/${id}`, headers: bob.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/person-signing/sessions/${id}/events`, headers: bob.headers })).statusCode).toBe(404);
    expect((await fetch(`${origin}/api/m/${randomBytes(32).toString('base64url')}`)).status).toBe(404);
  });

  it('the kept signature can be reused after the next verification', async () => {
    const { url } = (await t.app.inject({ method: 'POST', url: '/api/person-signing/sessions', headers: alice.headers })).json() as { url: string };
    const token = url.split('/').pop()!;
    // the first test's code was sent within the minute: the per-number limit answers first
    const limited = await post(`/api/m/${token}/code`, person);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 'SMS_RATE_LIMITED' });
    await t.app.db.execute(`update sms_codes set created_at = now() - interval '2 minutes'`);
    expect((await post(`/api/m/${token}/code`, person)).status).toBe(200);
    const sms = (await t.app.inject({ method: 'GET', url: `/api/dev/sms?phone=${person.phone}` })).json() as { params: { code: string } }[];
    expect(await (await post(`/api/m/${token}/verify`, { code: sms[0]!.params.code })).json()).toMatchObject({ hasSavedSignature: true });
    expect(await (await post(`/api/m/${token}/signature`, { useSaved: true })).json()).toEqual({ state: 'signed' });
  });
});
