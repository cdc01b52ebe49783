// 帮助中心: the manual's chapters served from docs/help, checked against the schema at start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { api } from './applications-helpers.ts';
import { loadHelp } from '../src/help/help-content.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('帮助中心', () => {
  it('lists the manual’s four chapters first, then the hall’s own pages, without a session', async () => {
    const res = await api(t.app, null, 'GET', '/api/help');
    expect(res.statusCode).toBe(200);
    expect(res.json().slice(0, 4).map((p: { slug: string; title: string }) => [p.slug, p.title])).toEqual([
      ['ca-login', '1. CA 锁登录'],
      ['online-sealing', '2. 在线盖章、签名'],
      ['third-party-upload', '3. 第三方材料上传'],
      ['project-application', '4. 项目申报'],
    ]);
    expect(res.json()[0].manual).toBe('CA 锁登录及在线盖章、签名操作手册');
    expect(res.json().slice(4).map((p: { manual: string; title: string }) => `${p.manual}/${p.title}`)).toEqual(['网上办事大厅使用说明/我的材料', '网上办事大厅使用说明/智能引导', '网上办事大厅使用说明/问题反馈']);
    expect(res.json()[0].sections).toBeUndefined();
  });

  it('serves a page with its steps in the manual’s words, adapted to this hall', async () => {
    const page = (await api(t.app, null, 'GET', '/api/help/ca-login')).json();
    const text = JSON.stringify(page);
    expect(text).toContain('默认 pin 码为 111111');
    expect(text).toContain('第一次会弹框输入单位信息');
    expect(text).toContain('KGClientServer.exe');
    expect(text).toContain('/help/key-agent');
    const sealing = JSON.stringify((await api(t.app, null, 'GET', '/api/help/online-sealing')).json());
    for (const words of ['转换后将替换原文件', '骑缝章', '可给多个企业和个人同时发送']) expect(sealing).toContain(words);
    const apply = (await api(t.app, null, 'GET', '/api/help/project-application')).json();
    expect(apply.sections.flatMap((s: { table?: { rows: unknown[] } }) => s.table?.rows ?? [])).toHaveLength(15);
  });

  it('answers 404 for an unknown page and 400 for a malformed slug', async () => {
    expect((await api(t.app, null, 'GET', '/api/help/nope')).json().code).toBe('NOT_FOUND');
    expect((await api(t.app, null, 'GET', '/api/help/..%2Fsecret')).statusCode).toBe(400);
  });

  it('refuses to start with a page that does not fit the schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-help-'));
    try {
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ slug: 'bad', title: '坏', manual: 'x', summary: '', order: 1, sections: [{ title: 's', steps: [{}] }] }));
      await expect(loadHelp(dir)).rejects.toThrow(/bad\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
