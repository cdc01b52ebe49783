// 项目申报 against a real database: projects and codes, the seeded catalogue, drafts and
// submission with the checklist enforced, 申报流水号 under concurrency, isolation, home counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { multipart, samples } from './support/files.ts';
import { api, CONSTRUCTION_PERMIT, driveFiles, fillRequired, newApplication, newProject } from './applications-helpers.ts';
import { nextSerialNo, chinaDay } from '../src/applications/daily-sequence.ts';
import { sign } from '@hall/pdf-seal';
import { testIdentity } from '@hall/pdf-seal/testing/signers';
import { makePdf, uploadPdf } from './sealing-helpers.ts';

let t: TestApp;
let alice: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  t = await buildTestApp();
  alice = await signIn(t.app, { unitName: '景德镇市甲建设有限公司' });
  bob = await signIn(t.app, { unitName: '景德镇市乙施工有限公司' });
});
afterAll(() => t.close());

describe('projects', () => {
  it('keeps a valid 投资项目代码 and refuses a malformed or foreign-region one', async () => {
    const ok = await newProject(t.app, alice, { code: '2022-360203-47-01-012345' });
    expect(ok).toMatchObject({ code: '2022-360203-47-01-012345', codeKind: 'investment', regionCode: '360203' });
    for (const code of ['2022-360203-47-01-01234', '2022-110105-47-01-012345', 'abc']) {
      const res = await api(t.app, alice, 'POST', '/api/projects', { code, name: 'x', constructionUnit: 'y', regionCode: '360203' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('PROJECT_CODE_INVALID');
    }
    const dup = await api(t.app, alice, 'POST', '/api/projects', { code: '2022-360203-47-01-012345', name: 'x', constructionUnit: 'y', regionCode: '360203' });
    expect(dup.json().code).toBe('PROJECT_CODE_TAKEN');
  });

  it('自动赋码 gives ZDFM-<区划>-<yyyyMMdd>-<NNNN>, one higher each time', async () => {
    const a = await newProject(t.app, alice, { regionCode: '360222' });
    const b = await newProject(t.app, alice, { regionCode: '360222' });
    expect(a.codeKind).toBe('self');
    expect(a.code).toMatch(new RegExp(`^ZDFM-360222-${chinaDay()}-\\d{4}$`));
    expect(Number(b.code.slice(-4))).toBe(Number(a.code.slice(-4)) + 1);
  });

  it('lists only one’s own projects', async () => {
    const mine = (await api(t.app, bob, 'GET', '/api/projects')).json();
    expect(mine).toEqual([]);
  });
});

describe('catalogue', () => {
  it('has the four stages plus 并行推进, and the construction permit’s 15 materials as the manual lists them', async () => {
    const stages = (await api(t.app, null, 'GET', '/api/catalogue')).json();
    expect(stages.map((s: { name: string }) => s.name)).toEqual(['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收', '并行推进']);
    const matters = stages.flatMap((s: { matters: { name: string }[] }) => s.matters.map((m) => m.name));
    expect(matters).toEqual(expect.arrayContaining(['建筑工程施工许可证核发', '建设工程消防设计审查', '建设工程规划许可证核发', '竣工验收备案']));
    const materials = (await api(t.app, null, 'GET', `/api/catalogue/matters/${CONSTRUCTION_PERMIT}/materials`)).json();
    expect(materials).toHaveLength(15);
    expect(materials.filter((m: { required: boolean }) => m.required).map((m: { index: number }) => m.index)).toEqual([2, 5, 7, 10, 11, 12]);
    expect(materials[1].name).toBe('建设工程消防设计审查申请表');
    expect(materials[11].name).toBe('中标通知书或直接发包告知书、施工合同、监理合同');
    expect(materials[0].notes).toMatch(/^适用范围: \(一\) 国家工程建设消防技术标准没有规定的/);
  });
});

describe('applications', () => {
  it('暂存 → submit with required materials missing lists them → submit with all gives a 申报流水号', async () => {
    const draft = await newApplication(t.app, alice);
    expect(draft).toMatchObject({ state: 'draft', status: '暂存', serialNo: null, stage: { name: '施工许可' }, matter: { name: '建筑工程施工许可证核发' } });
    expect((await api(t.app, alice, 'PUT', `/api/applications/${draft.id}/form`, { contactName: '王五', description: '主体工程' })).json().form.contactName).toBe('王五');

    const refused = await api(t.app, alice, 'POST', `/api/applications/${draft.id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('MATERIALS_MISSING');
    expect(refused.json().missing.map((m: { index: number }) => m.index)).toEqual([2, 5, 7, 10, 11, 12]);
    expect(refused.json().message).toContain('2. 建设工程消防设计审查申请表');

    const filled = await fillRequired(t.app, alice, draft);
    expect(filled.materials[1].attachments[0]).toMatchObject({ name: '材料1.pdf', source: 'drive', version: 1, uploader: { unitName: '景德镇市甲建设有限公司' } });
    const submitted = await api(t.app, alice, 'POST', `/api/applications/${draft.id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().state).toBe('submitted');
    expect(submitted.json().status).toBe('已申报');
    expect(submitted.json().serialNo).toMatch(new RegExp(`^${chinaDay()}\\d{4}$`));

    // Once submitted, the materials are what the window received.
    const again = await api(t.app, alice, 'POST', `/api/applications/${draft.id}/submit`);
    expect(again.json().code).toBe('STATE_TRANSITION_INVALID');
    const files = await driveFiles(t.app, alice, ['迟到的.pdf']);
    const late = await api(t.app, alice, 'POST', `/api/applications/${draft.id}/materials/${CONSTRUCTION_PERMIT}-01/drive-files`, { files: [{ fileId: files[0]!.id }] });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('APPLICATION_LOCKED');

    // 信息查询: the state by 申报流水号, public.
    const lookup = await api(t.app, null, 'GET', `/api/lookup/${submitted.json().serialNo}`);
    expect(lookup.json()).toMatchObject({ serialNo: submitted.json().serialNo, status: '已申报', matter: '建筑工程施工许可证核发' });
    expect(lookup.body).not.toContain('景德镇市甲建设有限公司');
  });

  it('本地上传 stores the file in the drive folder 申报材料 and lists it under the row', async () => {
    const draft = await newApplication(t.app, alice);
    const body = multipart([{ filename: '附件八建设资金已经落实承诺书.pdf', content: samples.pdf() }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/applications/${draft.id}/materials/${CONSTRUCTION_PERMIT}-04/files`, headers: { ...alice.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(200);
    expect(res.json().materials[3].attachments.map((a: { name: string; source: string }) => [a.name, a.source])).toEqual([['附件八建设资金已经落实承诺书.pdf', 'upload']]);
    const folders = (await api(t.app, alice, 'GET', '/api/drive/folders')).json();
    expect(folders.find((f: { code: string }) => f.code === 'SBCL')).toMatchObject({ name: '申报材料', fileCount: 1 });
    // removal while 暂存
    const attachment = res.json().materials[3].attachments[0];
    const removed = await api(t.app, alice, 'DELETE', `/api/applications/${draft.id}/attachments/${attachment.id}`);
    expect(removed.json().materials[3].attachments).toEqual([]);
  });

  it('打印预览 reads the view with the 申报单位 and, when asked, each PDF’s signatures counted and checked', async () => {
    const draft = await newApplication(t.app, alice);
    const signer = (await testIdentity('ECDSA-P256', 'CN=景德镇市甲建设有限公司,O=景德镇市甲建设有限公司,C=CN')).signer;
    const sealed = Buffer.from((await sign(makePdf(1, 'signed'), signer, { reason: '测试' })) as Uint8Array);
    const { fileId: sealedId } = await uploadPdf(t.app, alice, '已盖章申请表.pdf', sealed);
    const [plain] = await driveFiles(t.app, alice, ['未盖章.pdf']);
    await api(t.app, alice, 'POST', `/api/applications/${draft.id}/materials/${CONSTRUCTION_PERMIT}-02/drive-files`, { files: [{ fileId: sealedId }, { fileId: plain!.id }] });
    const body = multipart([{ filename: '现场照片.png', content: samples.png(), contentType: 'image/png' }]);
    await t.app.inject({ method: 'POST', url: `/api/applications/${draft.id}/materials/${CONSTRUCTION_PERMIT}-04/files`, headers: { ...alice.headers, ...body.headers }, payload: body.payload });

    const plainView = (await api(t.app, alice, 'GET', `/api/applications/${draft.id}`)).json();
    expect(plainView.applicant).toEqual({ unitName: '景德镇市甲建设有限公司', creditCode: expect.stringMatching(/^[0-9A-Z]{18}$/) });
    expect(plainView.materials[1].attachments[0].signatures).toBeUndefined(); // not checked unless asked

    const res = await api(t.app, alice, 'GET', `/api/applications/${draft.id}?signatures=true`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.materials[1].attachments.map((a: { name: string; signatures: unknown }) => [a.name, a.signatures])).toEqual([
      ['已盖章申请表.pdf', { count: 1, valid: true }],
      ['未盖章.pdf', { count: 0, valid: false }],
    ]);
    expect(view.materials[3].attachments[0]).toMatchObject({ name: '现场照片.png' });
    expect(view.materials[3].attachments[0].signatures).toBeUndefined(); // not a PDF
    expect(view.materials[1].attachments[0].myMaterial).toBeUndefined();

    // a file put under a row from 我的材料 names that material as its 来源
    const [license] = await driveFiles(t.app, alice, ['营业执照.pdf']);
    const unitMaterial = (
      await api(t.app, alice, 'POST', '/api/my-materials', { kind: 'business-license', name: '营业执照', number: '', issuer: '', validFrom: '2020-01-01', validTo: null, notes: '', files: [{ fileId: license!.id }] })
    ).json();
    const viaMyMaterials = await api(t.app, alice, 'POST', `/api/my-materials/${unitMaterial.id}/attach`, { applicationId: draft.id, materialId: `${CONSTRUCTION_PERMIT}-12` });
    expect(viaMyMaterials.statusCode).toBe(200);
    expect(viaMyMaterials.json().materials[11].attachments).toEqual([expect.objectContaining({ name: '营业执照.pdf', source: 'drive', myMaterial: '营业执照' })]);
    // another enterprise: the same 404 as the plain view
    expect((await api(t.app, bob, 'GET', `/api/applications/${draft.id}?signatures=true`)).statusCode).toBe(404);
  });

  it('another enterprise’s drive file, application or project is 404', async () => {
    const draft = await newApplication(t.app, alice);
    const [bobFile] = await driveFiles(t.app, bob, ['乙的文件.pdf']);
    const res = await api(t.app, alice, 'POST', `/api/applications/${draft.id}/materials/${CONSTRUCTION_PERMIT}-02/drive-files`, { files: [{ fileId: bobFile!.id, version: 1 }] });
    expect(res.statusCode).toBe(404);
    expect((await api(t.app, bob, 'GET', `/api/applications/${draft.id}`)).statusCode).toBe(404);
    expect((await api(t.app, bob, 'POST', `/api/applications/${draft.id}/submit`)).statusCode).toBe(404);
    expect((await api(t.app, bob, 'POST', '/api/applications', { projectId: draft.project.id, matterId: CONSTRUCTION_PERMIT })).statusCode).toBe(404);
    // a version that does not exist is 404 too
    const [own] = await driveFiles(t.app, alice, ['甲.pdf']);
    expect((await api(t.app, alice, 'POST', `/api/applications/${draft.id}/materials/${CONSTRUCTION_PERMIT}-02/drive-files`, { files: [{ fileId: own!.id, version: 7 }] })).statusCode).toBe(404);
  });

  it('gives distinct consecutive 申报流水号 under concurrency', async () => {
    const at = new Date('2031-03-05T02:00:00Z');
    const serials = await Promise.all(Array.from({ length: 20 }, () => nextSerialNo(t.app.db, at)));
    expect(new Set(serials).size).toBe(20);
    expect([...serials].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `20310305${String(i + 1).padStart(4, '0')}`));
    // China's day, not UTC's: 17:00 UTC is already the next day in 景德镇.
    expect(await nextSerialNo(t.app.db, new Date('2031-03-05T17:00:00Z'))).toBe('203103060001');
  });

  it('home counts and 申报中列表 follow the real states', async () => {
    const carol = await signIn(t.app, { unitName: '景德镇市丙置业有限公司' });
    const empty = (await api(t.app, carol, 'GET', '/api/home')).json();
    expect(empty.stats).toEqual({ submitted: 0, finished: 0, materialsComplete: 0, materialsCorrection: 0 });
    const draft = await newApplication(t.app, carol);
    await fillRequired(t.app, carol, draft);
    const serialNo = (await api(t.app, carol, 'POST', `/api/applications/${draft.id}/submit`)).json().serialNo;
    const home = (await api(t.app, carol, 'GET', '/api/home')).json();
    expect(home.stats.submitted).toBe(1);
    expect(home.inProgress.items[0]).toMatchObject({ serialNo, projectName: '景德镇陶瓷文化创意园', stage: '施工许可', matter: '建筑工程施工许可证核发', status: '已申报' });
    const withdrawn = await api(t.app, carol, 'POST', `/api/applications/${draft.id}/withdraw`);
    expect(withdrawn.json().status).toBe('撤件');
    const after = (await api(t.app, carol, 'GET', '/api/home')).json();
    expect(after.stats.submitted).toBe(0);
    expect(after.inProgress.total).toBe(0);
  });
});
