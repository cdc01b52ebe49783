// 第三方材料上传: a link bound to one material row; the third party logs in (its own
// enterprise session) and uploads; the files land under that row with the uploader recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { multipart, samples } from './support/files.ts';
import { api, CONSTRUCTION_PERMIT, newApplication } from './applications-helpers.ts';
import { thirdPartyLinks } from '../src/db/schema.ts';
import { hashLinkToken } from '../src/invitations/link-token.ts';
import { rowsOf } from '../src/db/client.ts';

let t: TestApp;
let owner: SignedIn;
let builder: SignedIn;

beforeAll(async () => {
  t = await buildTestApp({ PUBLIC_ORIGIN: 'https://hall.example.cn', HALL_MASTER_KEY: randomBytes(32).toString('base64') });
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

/** The link's row exactly as PostgreSQL stores it, every column as text. */
async function rawRow(app: TestApp['app'], id: string): Promise<string> {
  return rowsOf<{ row: string }>(await app.db.execute(sql`select t::text as row from third_party_links t where t.id = ${id}`))[0]!.row;
}

describe('第三方材料上传链接: the initiator sees the link again', () => {
  it('the initiator reads back the URL and 访问码 and they work; the row holds neither in plaintext; other units get 404', async () => {
    const app = await newApplication(t.app, owner);
    const created = (await api(t.app, owner, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot, thirdPartyName: '江西乙建工集团有限公司', accessCode: 'Zx9y8w' })).json();
    expect(created.viewable).toBe(true);
    const token = tokenOf(created.url);

    const shown = await api(t.app, owner, 'GET', `/api/third-party-links/${created.id}/link`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ id: created.id, url: created.url, accessCode: 'Zx9y8w', expiresAt: created.expiresAt });
    // what was read back opens the link page and takes an upload
    expect((await api(t.app, null, 'GET', `/api/third-party/${tokenOf(shown.json().url)}`, undefined, { 'x-access-code': shown.json().accessCode })).statusCode).toBe(200);
    expect((await upload(builder, tokenOf(shown.json().url), shown.json().accessCode)).statusCode).toBe(201);

    // neither the token nor the 访问码 is anywhere in the stored row
    const row = await rawRow(t.app, created.id);
    expect(row).not.toContain(token);
    expect(row).not.toContain('Zx9y8w');
    expect(row).not.toContain(Buffer.from(token).toString('base64'));
    const [stored] = await t.app.db.select().from(thirdPartyLinks).where(eq(thirdPartyLinks.id, created.id));
    expect(stored!.tokenSealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(stored!.accessCodeSealed).not.toBeNull();
    expect(stored!.tokenSealed).not.toBe(stored!.accessCodeSealed);
    // a sealed token moved onto another row does not open there (bound to its own row)
    const other = (await api(t.app, owner, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot })).json();
    await t.app.db.update(thirdPartyLinks).set({ tokenSealed: stored!.tokenSealed }).where(eq(thirdPartyLinks.id, other.id));
    const moved = await api(t.app, owner, 'GET', `/api/third-party-links/${other.id}/link`);
    expect(moved.statusCode).toBe(503);
    expect(moved.json().code).toBe('THIRD_PARTY_LINK_UNAVAILABLE');

    // only the unit that made it: the third party, or anyone else, gets the 404 of a missing link
    const foreign = await api(t.app, builder, 'GET', `/api/third-party-links/${created.id}/link`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    expect((await api(t.app, null, 'GET', `/api/third-party-links/${created.id}/link`)).statusCode).toBe(401);
    expect((await api(t.app, owner, 'GET', `/api/third-party-links/00000000-0000-4000-8000-000000000000/link`)).statusCode).toBe(404);

    // the row's list says it is kept and has been used once
    const links = (await api(t.app, owner, 'GET', `/api/applications/${app.id}/third-party-links`)).json();
    expect(links.find((l: { id: string }) => l.id === created.id)).toMatchObject({ viewable: true, uploadCount: 1, lastUsedAt: expect.any(String), hasAccessCode: true });
    expect(links.find((l: { id: string }) => l.id === other.id)).toMatchObject({ uploadCount: 0, lastUsedAt: null });
  });

  it('a revoked or expired link says so instead of a URL; a link made before the link was kept asks to be made again', async () => {
    const app = await newApplication(t.app, owner);
    const make = async () => (await api(t.app, owner, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot })).json();

    const revoked = await make();
    await api(t.app, owner, 'DELETE', `/api/third-party-links/${revoked.id}`);
    const r1 = await api(t.app, owner, 'GET', `/api/third-party-links/${revoked.id}/link`);
    expect(r1.statusCode).toBe(410);
    expect(r1.json()).toMatchObject({ code: 'THIRD_PARTY_LINK_REVOKED', message: '该链接已撤销，不能再上传；如需继续，请重新发起' });
    expect(r1.body).not.toContain(tokenOf(revoked.url));

    const expired = await make();
    await t.app.db.update(thirdPartyLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(thirdPartyLinks.id, expired.id));
    const r2 = await api(t.app, owner, 'GET', `/api/third-party-links/${expired.id}/link`);
    expect(r2.statusCode).toBe(410);
    expect(r2.json()).toMatchObject({ code: 'THIRD_PARTY_LINK_EXPIRED', message: '该链接已过期，不能再上传；如需继续，请重新发起' });

    // as rows made before migration 0006 are: hash only
    const legacy = await make();
    await t.app.db.update(thirdPartyLinks).set({ tokenSealed: null, accessCodeSealed: null }).where(eq(thirdPartyLinks.id, legacy.id));
    const r3 = await api(t.app, owner, 'GET', `/api/third-party-links/${legacy.id}/link`);
    expect(r3.statusCode).toBe(410);
    expect(r3.json()).toMatchObject({ code: 'THIRD_PARTY_LINK_NOT_STORED', message: '该链接创建于旧版本，无法再次查看，请撤销后重新发起' });
    // it still works for the third party, and the list says it cannot be shown again
    expect((await api(t.app, null, 'GET', `/api/third-party/${tokenOf(legacy.url)}`)).statusCode).toBe(200);
    const listed = (await api(t.app, owner, 'GET', `/api/applications/${app.id}/third-party-links`)).json();
    expect(listed.find((l: { id: string }) => l.id === legacy.id)).toMatchObject({ viewable: false, revoked: false, expired: false });
    expect(listed.find((l: { id: string }) => l.id === revoked.id)).toMatchObject({ viewable: true, revoked: true });
  });

  it('with no master key configured (and no --demo) the link shows once, at creation, and nothing is sealed', async () => {
    const plain = await buildTestApp({ PUBLIC_ORIGIN: 'https://hall.example.cn' });
    try {
      const who = await signIn(plain.app, { unitName: '景德镇市丙建设有限公司' });
      const app = await newApplication(plain.app, who);
      const created = await api(plain.app, who, 'POST', `/api/applications/${app.id}/third-party-links`, { materialId: slot, accessCode: 'abcd1234' });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ viewable: false, hasAccessCode: true });
      const [row] = await plain.app.db.select().from(thirdPartyLinks).where(eq(thirdPartyLinks.id, created.json().id));
      expect(row).toMatchObject({ tokenSealed: null, accessCodeSealed: null });
      const shown = await api(plain.app, who, 'GET', `/api/third-party-links/${created.json().id}/link`);
      expect(shown.statusCode).toBe(503);
      expect(shown.json().code).toBe('THIRD_PARTY_LINK_UNAVAILABLE');
      expect(shown.json().message).toContain('HALL_MASTER_KEY');
    } finally {
      await plain.close();
    }
  });
});
