// 第三方材料上传: a link bound to one material row; the third party logs in (its own
// enterprise session) and uploads; the files land under that row with the uploader recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { multipart, samples } from './support/files.ts';
import { api, CONSTRUCTION_PERMIT, newApplication } from './applications-helpers.ts';
import { thirdPartyLinks } from '../src/db/schema.ts';
import { hashLinkToken } from '../src/invitations/link-token.ts';

let t: TestApp;
let owner: SignedIn;
let builder: SignedIn;

beforeAll(async () => {
  t = await buildTestApp({ PUBLIC_ORIGIN: 'https://hall.example.cn' });
  owner = await signIn(t.app, { unitName: '景德镇市甲建设有限公司', userName: '建设单位经办人' });
  builder = await signIn(t.app, { unitName: '江西乙建工集团有限公司', userName: '施工单位资料员' });
});
afterAll(() => t.close());

const slot = `${CONSTRUCTION_PERMIT}-13`; // 危险性较大分部分项工程清单: the 施工单位 prepares it

function upload(who: SignedIn | null, token: string, accessCode?: string) {
  const body = multipart([{ filename: '危大工程清单.pdf', content: samples.pdf() }]);
  const headers: Record<string, string> = { ...(who ? who.headers : { cookie: 'hall_csrf=c', 'x-csrf-token': 'c' }), ...body.headers };
  if (accessCode) headers['x-access-code'] = accessCode;
  return t.app.inject({ method: 'POST', url: `/api/third-party/${token}/files`, headers, payload: body.payload });
}

const tokenOf = (url: string) => url.split('/third-party/')[1]!;

describe('third-party upload links', () => {
  it('发起 → the link page → upload after login lands under that material, uploader recorded', async () => {
    const app = await newApplication(t.app, owner);
    const created = await api(t.app, owner, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot, thirdPartyName: '江西乙建工集团有限公司' });
    expect(created.statusCode).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/^https:\/\/hall\.example\.cn\/third-party\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(url);
    // only the hash is stored
    const [row] = await t.app.db.select().from(thirdPartyLinks).where(eq(thirdPartyLinks.tokenHash, hashLinkToken(token)));
    expect(row!.tokenHash).not.toContain(token);

    const page = await api(t.app, null, 'GET', `/api/third-party/${token}`);
    expect(page.json()).toMatchObject({ initiator: '景德镇市甲建设有限公司', material: '危险性较大分部分项工程清单', matter: '建筑工程施工许可证核发', needsAccessCode: false });

    expect((await upload(null, token)).statusCode).toBe(401);
    const res = await upload(builder, token);
    expect(res.statusCode).toBe(201);
    expect(res.json().files).toEqual([expect.objectContaining({ name: '危大工程清单.pdf' })]);

    const seen = (await api(t.app, owner, 'GET', `/api/applications/${app.id}`)).json();
    const row13 = seen.materials.find((m: { id: string }) => m.id === slot);
    expect(row13.attachments).toEqual([
      expect.objectContaining({ name: '危大工程清单.pdf', source: 'third-party', uploader: { unitName: '江西乙建工集团有限公司', userName: '施工单位资料员' } }),
    ]);
    expect(seen.materials.filter((m: { attachments: unknown[] }) => m.attachments.length)).toHaveLength(1);
    // the applicant's drive keeps the file in 第三方材料
    const folder = (await api(t.app, owner, 'GET', '/api/drive/folders')).json().find((f: { code: string }) => f.code === 'DSFCL');
    expect(folder).toMatchObject({ name: '第三方材料', fileCount: 1 });
    // the third party sees nothing else of the application
    expect((await api(t.app, builder, 'GET', `/api/applications/${app.id}`)).statusCode).toBe(404);
    const links = (await api(t.app, owner, 'GET', `/api/applications/${app.id}/third-party-links`)).json();
    expect(links).toEqual([expect.objectContaining({ materialId: slot, thirdPartyName: '江西乙建工集团有限公司', expired: false, revoked: false })]);
    const all = (await api(t.app, owner, 'GET', '/api/third-party-links')).json();
    expect(all[0]).toMatchObject({ applicationId: app.id, material: '危险性较大分部分项工程清单', matter: '建筑工程施工许可证核发' });
    expect((await api(t.app, builder, 'GET', '/api/third-party-links')).json()).toEqual([]);
  });

  it('asks for the 访问码 and refuses a wrong one', async () => {
    const app = await newApplication(t.app, owner);
    const { url } = (await api(t.app, owner, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot, accessCode: 'A1b2c3' })).json();
    const token = tokenOf(url);
    const noCode = await api(t.app, null, 'GET', `/api/third-party/${token}`);
    expect(noCode.statusCode).toBe(403);
    expect(noCode.json().code).toBe('ACCESS_CODE_INVALID');
    expect((await upload(builder, token, 'wrong1')).json().code).toBe('ACCESS_CODE_INVALID');
    expect((await api(t.app, null, 'GET', `/api/third-party/${token}`, undefined, { 'x-access-code': 'A1b2c3' })).json().needsAccessCode).toBe(true);
    expect((await upload(builder, token, 'A1b2c3')).statusCode).toBe(201);
  });

  it('refuses an expired, revoked or unknown link, and links to foreign applications or other matters’ rows', async () => {
    const app = await newApplication(t.app, owner);
    const { url, id } = (await api(t.app, owner, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot })).json();
    const token = tokenOf(url);
    await t.app.db.update(thirdPartyLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(thirdPartyLinks.id, id));
    const expired = await upload(builder, token);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('THIRD_PARTY_LINK_EXPIRED');
    expect((await api(t.app, null, 'GET', `/api/third-party/${token}`)).json().code).toBe('THIRD_PARTY_LINK_EXPIRED');

    const second = (await api(t.app, owner, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot })).json();
    expect((await api(t.app, builder, 'DELETE', `/api/third-party-links/${second.id}`)).statusCode).toBe(404);
    expect((await api(t.app, owner, 'DELETE', `/api/third-party-links/${second.id}`)).statusCode).toBe(200);
    expect((await upload(builder, tokenOf(second.url))).statusCode).toBe(404);
    expect((await upload(builder, 'A'.repeat(43))).statusCode).toBe(404);

    // a link for another enterprise's application or an unknown row cannot be made
    expect((await api(t.app, builder, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot })).statusCode).toBe(404);
    expect((await api(t.app, owner, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: 'jgysba-01' })).statusCode).toBe(404);
  });
});
