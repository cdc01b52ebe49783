// 我的云盘 folders: 上级目录 optional, 目录名称 and 文件编码 required, codes unique among siblings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { multipart, samples } from './support/files.ts';

let t: TestApp;
let a: SignedIn;

beforeAll(async () => {
  t = await buildTestApp();
  a = await signIn(t.app);
});
afterAll(() => t.close());

async function create(body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: a.headers, payload: body });
}

describe('folders', () => {
  let root: string;
  let child: string;

  it('creates a root folder with a Chinese name and a code', async () => {
    const res = await create({ name: '测试项目竣工验收材料', code: '1' });
    expect(res.statusCode).toBe(201);
    const folder = res.json();
    expect(folder).toMatchObject({ parentId: null, name: '测试项目竣工验收材料', code: '1', fileCount: 0 });
    root = folder.id;
  });

  it('refuses a code already taken among siblings', async () => {
    const res = await create({ name: '另一个', code: '1' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'FOLDER_CODE_TAKEN', message: '同一目录下已有相同编码的文件夹' });
  });

  it('allows the same code under another parent', async () => {
    const res = await create({ parentId: root, name: '施工许可材料', code: '1' });
    expect(res.statusCode).toBe(201);
    child = res.json().id;
    expect(res.json().parentId).toBe(root);
  });

  it('refuses empty, blank and over-long names and codes', async () => {
    for (const body of [
      { name: '', code: '9' },
      { name: '名称', code: '' },
      { name: 'x'.repeat(101), code: '9' },
      { name: '名称', code: 'x'.repeat(51) },
      { name: '名称', code: ' 9' },
    ]) {
      const res = await create(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const blank = await create({ name: '   ', code: '9' });
    expect(blank.statusCode).toBe(400);
  });

  it('refuses an unknown parent', async () => {
    const res = await create({ parentId: '00000000-0000-4000-8000-000000000000', name: '孤儿', code: '2' });
    expect(res.statusCode).toBe(404);
  });

  it('renames and re-codes', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/drive/folders/${child}`, headers: a.headers, payload: { name: '施工许可材料（新）', code: '1-1' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: child, name: '施工许可材料（新）', code: '1-1' });
  });

  it('refuses a re-code that clashes with a sibling', async () => {
    const other = (await create({ parentId: root, name: '其他', code: '2' })).json();
    const res = await t.app.inject({ method: 'PATCH', url: `/api/drive/folders/${other.id}`, headers: a.headers, payload: { code: '1-1' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('FOLDER_CODE_TAKEN');
  });

  it('moves a folder but never under itself or its descendants', async () => {
    const grandchild = (await create({ parentId: child, name: '孙目录', code: 'g' })).json();
    const cycle = await t.app.inject({ method: 'PATCH', url: `/api/drive/folders/${root}`, headers: a.headers, payload: { parentId: grandchild.id } });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().code).toBe('FOLDER_MOVE_INVALID');
    const self = await t.app.inject({ method: 'PATCH', url: `/api/drive/folders/${root}`, headers: a.headers, payload: { parentId: root } });
    expect(self.json().code).toBe('FOLDER_MOVE_INVALID');
    const toRoot = await t.app.inject({ method: 'PATCH', url: `/api/drive/folders/${grandchild.id}`, headers: a.headers, payload: { parentId: null } });
    expect(toRoot.statusCode).toBe(200);
    expect(toRoot.json().parentId).toBeNull();
  });

  it('lists the tree with live file counts', async () => {
    const up = multipart([{ filename: '申请表.pdf', content: samples.pdf() }]);
    await t.app.inject({ method: 'POST', url: `/api/drive/folders/${child}/files`, headers: { ...a.headers, ...up.headers }, payload: up.payload });
    const res = await t.app.inject({ method: 'GET', url: '/api/drive/folders', headers: a.headers });
    const list = res.json() as { id: string; fileCount: number }[];
    expect(list.find((f) => f.id === child)?.fileCount).toBe(1);
    expect(list.find((f) => f.id === root)?.fileCount).toBe(0);
  });

  it('deletes only empty folders', async () => {
    const busy = await t.app.inject({ method: 'DELETE', url: `/api/drive/folders/${root}`, headers: a.headers });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('FOLDER_NOT_EMPTY');
    const empty = (await create({ name: '空目录', code: 'empty' })).json();
    const res = await t.app.inject({ method: 'DELETE', url: `/api/drive/folders/${empty.id}`, headers: a.headers });
    expect(res.statusCode).toBe(200);
    const list = (await t.app.inject({ method: 'GET', url: '/api/drive/folders', headers: a.headers })).json() as { id: string }[];
    expect(list.map((f) => f.id)).not.toContain(empty.id);
    // Its code is free again.
    expect((await create({ name: '空目录', code: 'empty' })).statusCode).toBe(201);
  });
});
