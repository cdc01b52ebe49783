// One enterprise never reaches another's drive: every route answers 404 for foreign ids, as
// if they did not exist, and 401 without a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { makeDocx, multipart, samples } from './support/files.ts';

let t: TestApp;
let alice: SignedIn;
let bob: SignedIn;
let aliceFolder: string;
let aliceFile: string;
let aliceDeleted: string;
let aliceJob: string;
let bobFolder: string;

beforeAll(async () => {
  t = await buildTestApp();
  alice = await signIn(t.app, { unitName: '甲单位' });
  bob = await signIn(t.app, { unitName: '乙单位' });
  aliceFolder = (await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: alice.headers, payload: { name: '甲的材料', code: '1' } })).json().id;
  bobFolder = (await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: bob.headers, payload: { name: '乙的材料', code: '1' } })).json().id;
  const body = multipart([
    { filename: '甲的承诺书.docx', content: await makeDocx(['甲']) },
    { filename: '甲的已删除文件.pdf', content: samples.pdf() },
  ]);
  const files = (await t.app.inject({ method: 'POST', url: `/api/drive/folders/${aliceFolder}/files`, headers: { ...alice.headers, ...body.headers }, payload: body.payload })).json();
  aliceFile = files[0].id;
  aliceDeleted = files[1].id;
  await t.app.inject({ method: 'DELETE', url: `/api/drive/files/${aliceDeleted}`, headers: alice.headers });
  aliceJob = (await t.app.inject({ method: 'POST', url: '/api/drive/convert', headers: alice.headers, payload: { fileIds: [aliceFile] } })).json().jobs[0].jobId;
});
afterAll(() => t.close());

const upload = () => multipart([{ filename: '乙上传.pdf', content: samples.pdf() }]);

type Request = readonly [string, string, unknown?];
// Built at test time: the ids exist only once beforeAll has run.
const foreignRequests: [string, () => Request][] = [
  ['POST /api/drive/folders (foreign parent)', () => ['POST', '/api/drive/folders', { parentId: aliceFolder, name: '子目录', code: 'x' }]],
  ['PATCH /api/drive/folders/:id', () => ['PATCH', `/api/drive/folders/${aliceFolder}`, { name: '改名' }]],
  ['PATCH /api/drive/folders/:own (move under foreign)', () => ['PATCH', `/api/drive/folders/${bobFolder}`, { parentId: aliceFolder }]],
  ['DELETE /api/drive/folders/:id', () => ['DELETE', `/api/drive/folders/${aliceFolder}`]],
  ['GET /api/drive/folders/:id/files', () => ['GET', `/api/drive/folders/${aliceFolder}/files`]],
  ['POST /api/drive/folders/:id/files', () => ['POST', `/api/drive/folders/${aliceFolder}/files`, 'multipart']],
  ['GET /api/drive/files/:id/content', () => ['GET', `/api/drive/files/${aliceFile}/content`]],
  ['GET /api/drive/files/:id/content?version=1', () => ['GET', `/api/drive/files/${aliceFile}/content?version=1`]],
  ['GET /api/drive/files/:id/versions', () => ['GET', `/api/drive/files/${aliceFile}/versions`]],
  ['POST /api/drive/files/:id/versions/1/restore', () => ['POST', `/api/drive/files/${aliceFile}/versions/1/restore`]],
  ['DELETE /api/drive/files/:id', () => ['DELETE', `/api/drive/files/${aliceFile}`]],
  ['POST /api/drive/files/:id/restore', () => ['POST', `/api/drive/files/${aliceDeleted}/restore`]],
  ['POST /api/drive/convert', () => ['POST', '/api/drive/convert', { fileIds: [aliceFile] }]],
  ['GET /api/jobs/:id', () => ['GET', `/api/jobs/${aliceJob}`]],
];

function send(who: SignedIn | null, [method, url, body]: Request) {
  const headers: Record<string, string> = who ? { ...who.headers } : { cookie: 'hall_csrf=c', 'x-csrf-token': 'c' };
  if (body === 'multipart') {
    const m = upload();
    return t.app.inject({ method: method as 'POST', url, headers: { ...headers, ...m.headers }, payload: m.payload });
  }
  return t.app.inject({ method: method as 'GET', url, headers, ...(body ? { payload: body as object } : {}) });
}

describe('isolation between enterprises', () => {
  it.each(foreignRequests)('%s with the other enterprise’s ids → 404', async (_name, request) => {
    const res = await send(bob, request());
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it.each(foreignRequests)('%s without a session → 401', async (_name, request) => {
    const res = await send(null, request());
    expect(res.statusCode).toBe(401);
  });

  it('lists show only one’s own folders, files and recycle bin', async () => {
    const folders = (await t.app.inject({ method: 'GET', url: '/api/drive/folders', headers: bob.headers })).json();
    expect(folders.map((f: { id: string }) => f.id)).toEqual([bobFolder]);
    expect((await t.app.inject({ method: 'GET', url: '/api/drive/recycle-bin', headers: bob.headers })).json()).toEqual([]);
  });

  it('left the other enterprise’s data untouched', async () => {
    const folders = (await t.app.inject({ method: 'GET', url: '/api/drive/folders', headers: alice.headers })).json();
    expect(folders).toEqual([{ id: aliceFolder, parentId: null, name: '甲的材料', code: '1', fileCount: 1 }]);
    const files = (await t.app.inject({ method: 'GET', url: `/api/drive/folders/${aliceFolder}/files`, headers: alice.headers })).json();
    expect(files).toEqual([expect.objectContaining({ id: aliceFile, version: 1, versionCount: 1 })]);
    const bin = (await t.app.inject({ method: 'GET', url: '/api/drive/recycle-bin', headers: alice.headers })).json();
    expect(bin.map((f: { id: string }) => f.id)).toEqual([aliceDeleted]);
  });
});
