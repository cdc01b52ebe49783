// Uploads (Chinese names, type from bytes, size limit), downloads, versions, recycle bin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { makeDocx, multipart, samples, type Part } from './support/files.ts';

let t: TestApp;
let a: SignedIn;
let folder: string;

beforeAll(async () => {
  t = await buildTestApp({ MAX_UPLOAD_MB: '1' });
  a = await signIn(t.app);
  folder = (await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: a.headers, payload: { name: '测试项目施工许可材料', code: '1' } })).json().id;
});
afterAll(() => t.close());

function upload(parts: Part[], folderId = folder) {
  const body = multipart(parts);
  return t.app.inject({ method: 'POST', url: `/api/drive/folders/${folderId}/files`, headers: { ...a.headers, ...body.headers }, payload: body.payload });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('upload', () => {
  it('stores many files at once, keeping Chinese names exactly', async () => {
    const docx = await makeDocx(['建设资金已经落实承诺书']);
    const res = await upload([
      { filename: '附件八建设资金已经落实承诺书.docx', content: docx },
      { filename: '并联审批的建筑工程施工许可申请表.pdf', content: samples.pdf() },
    ]);
    expect(res.statusCode).toBe(201);
    const files = res.json();
    expect(files.map((f: { name: string }) => f.name)).toEqual(['附件八建设资金已经落实承诺书.docx', '并联审批的建筑工程施工许可申请表.pdf']);
    expect(files[0]).toMatchObject({ kind: 'word', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: docx.length, version: 1, versionCount: 1, converting: false });
    expect(files[1]).toMatchObject({ kind: 'pdf', mimeType: 'application/pdf' });
    const listed = (await t.app.inject({ method: 'GET', url: `/api/drive/folders/${folder}/files`, headers: a.headers })).json();
    expect(listed).toHaveLength(2);
  });

  it.each([
    ['盖章.png', samples.png(), 'image', 'image/png'],
    ['现场照片.jpg', samples.jpeg(), 'image', 'image/jpeg'],
    ['统计表.xlsx', samples.xlsx(), 'excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['旧版申请书.doc', samples.ole2(), 'word', 'application/msword'],
    ['旧版表格.xls', samples.ole2(), 'excel', 'application/vnd.ms-excel'],
    ['金山文档.wps', samples.ole2(), 'word', 'application/vnd.ms-works'],
    ['电子证照.ofd', samples.ofd(), 'ofd', 'application/ofd'],
    ['名字写错了.docx', samples.pdf(), 'pdf', 'application/pdf'],
  ])('detects %s from its bytes', async (name, content, kind, mimeType) => {
    const res = await upload([{ filename: name, content }]);
    expect(res.statusCode).toBe(201);
    expect(res.json()[0]).toMatchObject({ name, kind, mimeType });
  });

  it.each([
    ['说明.txt', samples.text()],
    ['伪装.pdf', samples.text()],
    ['压缩包.zip', samples.plainZip()],
    ['未知.bin', samples.ole2()],
  ])('refuses %s with FILE_TYPE_NOT_ALLOWED, storing no row', async (name, content) => {
    const count = async () => rowsOf<{ n: number }>(await t.app.db.execute(sql`select count(*)::int as n from files`))[0].n;
    const before = await count();
    const res = await upload([{ filename: '好的.pdf', content: samples.pdf() }, { filename: name, content }]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', fileName: name });
    expect(res.json().message).toContain('不支持该文件类型');
    expect(await count()).toBe(before); // the good file of the same request was not added either
  });

  it('accepts a file of exactly MAX_UPLOAD_MB and refuses one byte more', async () => {
    const limit = 1024 * 1024;
    const ok = Buffer.concat([samples.pdf(), Buffer.alloc(limit - samples.pdf().length, 0x20)]);
    expect((await upload([{ filename: '刚好.pdf', content: ok }])).statusCode).toBe(201);
    const big = Buffer.concat([ok, Buffer.from(' ')]);
    const res = await upload([{ filename: '太大的文件.pdf', content: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', fileName: '太大的文件.pdf', maxBytes: limit });
  });

  it('refuses a request without files and a non-multipart body', async () => {
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/drive/folders/${folder}/files`,
      headers: { ...a.headers, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--\r\n',
    });
    expect(empty.statusCode).toBe(400);
    const json = await t.app.inject({ method: 'POST', url: `/api/drive/folders/${folder}/files`, headers: a.headers, payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });

  it('strips a path a browser put before the name', async () => {
    const res = await upload([{ filename: 'C:\\Users\\张三\\桌面\\承诺书.pdf', content: samples.pdf() }]);
    expect(res.json()[0].name).toBe('承诺书.pdf');
  });
});

describe('download and versions', () => {
  let fileId: string;
  const original = samples.pdf();

  it('downloads the bytes with an RFC 5987 file name', async () => {
    fileId = (await upload([{ filename: '附件一 授权委托书(公章).pdf', content: original }])).json()[0].id;
    const res = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content`, headers: a.headers });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(original)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="___ _____(__).pdf"; filename*=UTF-8''${encodeURIComponent('附件一 授权委托书').replace(/'/g, '%27')}%28${encodeURIComponent('公章')}%29.pdf`,
    );
    expect(res.headers.etag).toBe(`"${sha(original)}"`);
    const inline = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content?disposition=inline`, headers: a.headers });
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
  });

  it('answers byte ranges (206) and ignores ranges it cannot serve', async () => {
    const part = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content`, headers: { ...a.headers, range: 'bytes=2-6' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 2-6/${original.length}`);
    expect(part.rawPayload.equals(original.subarray(2, 7))).toBe(true);
    const tail = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content`, headers: { ...a.headers, range: 'bytes=-6' } });
    expect(tail.rawPayload.equals(original.subarray(original.length - 6))).toBe(true);
    for (const range of ['bytes=0-1,4-5', 'bytes=999999-', 'lines=1-2']) {
      const whole = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content`, headers: { ...a.headers, range } });
      expect(whole.statusCode).toBe(200);
      expect(whole.rawPayload.equals(original)).toBe(true);
    }
  });

  it('restoring a version adds a new version; every version stays downloadable', async () => {
    // A second version as conversion or sealing would make it.
    const second = Buffer.from('%PDF-1.7\n% second version\n%%EOF\n');
    const { sha256 } = await t.app.blobs.put((await import('node:stream')).Readable.from([second]));
    await t.app.db.transaction(async (tx) => {
      const { findFile, appendVersion } = await import('../src/drive/file-repository.ts');
      const file = (await findFile(tx, a.enterpriseId, fileId, true))!;
      await appendVersion(tx, file, { blobSha256: sha256, size: second.length, name: '授权委托书（已盖章）.pdf', mimeType: 'application/pdf', kind: 'pdf', createdBy: a.userId, note: '盖章' });
    });
    const restored = await t.app.inject({ method: 'POST', url: `/api/drive/files/${fileId}/versions/1/restore`, headers: a.headers });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, versionCount: 3, name: '附件一 授权委托书(公章).pdf' });
    const versions = (await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/versions`, headers: a.headers })).json();
    expect(versions.map((v: { version: number; note: string; createdBy: string }) => [v.version, v.note, v.createdBy])).toEqual([
      [3, '恢复自第 1 版', '李四'],
      [2, '盖章', '李四'],
      [1, '上传', '李四'],
    ]);
    const v2 = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content?version=2`, headers: a.headers });
    expect(v2.rawPayload.equals(second)).toBe(true);
    const current = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content`, headers: a.headers });
    expect(current.rawPayload.equals(original)).toBe(true);
    const missing = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content?version=9`, headers: a.headers });
    expect(missing.statusCode).toBe(404);
  });

  it('identical bytes are stored once', async () => {
    const rows = rowsOf<{ n: number }>(await t.app.db.execute(sql`select count(*)::int as n from blobs where sha256 = ${sha(original)}`));
    expect(rows[0].n).toBe(1);
  });
});

describe('recycle bin', () => {
  it('moves a file to the bin and back', async () => {
    const file = (await upload([{ filename: '待删除.pdf', content: samples.pdf() }])).json()[0];
    const del = await t.app.inject({ method: 'DELETE', url: `/api/drive/files/${file.id}`, headers: a.headers });
    expect(del.statusCode).toBe(200);
    const listed = (await t.app.inject({ method: 'GET', url: `/api/drive/folders/${folder}/files`, headers: a.headers })).json();
    expect(listed.map((f: { id: string }) => f.id)).not.toContain(file.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/drive/files/${file.id}/content`, headers: a.headers })).statusCode).toBe(404);
    const bin = (await t.app.inject({ method: 'GET', url: '/api/drive/recycle-bin', headers: a.headers })).json();
    expect(bin).toEqual([expect.objectContaining({ id: file.id, name: '待删除.pdf', folderName: '测试项目施工许可材料', deletedAt: expect.any(String) })]);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/drive/files/${file.id}`, headers: a.headers });
    expect(again.statusCode).toBe(404);
    const back = await t.app.inject({ method: 'POST', url: `/api/drive/files/${file.id}/restore`, headers: a.headers });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ id: file.id, name: '待删除.pdf' });
    expect((await t.app.inject({ method: 'GET', url: '/api/drive/recycle-bin', headers: a.headers })).json()).toEqual([]);
  });

  it('restoring a file brings back its deleted folder', async () => {
    const box = (await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: a.headers, payload: { name: '临时', code: 'tmp' } })).json();
    const file = (await upload([{ filename: '临时文件.pdf', content: samples.pdf() }], box.id)).json()[0];
    await t.app.inject({ method: 'DELETE', url: `/api/drive/files/${file.id}`, headers: a.headers });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/drive/folders/${box.id}`, headers: a.headers })).statusCode).toBe(200);
    const back = await t.app.inject({ method: 'POST', url: `/api/drive/files/${file.id}/restore`, headers: a.headers });
    expect(back.statusCode).toBe(200);
    const folders = (await t.app.inject({ method: 'GET', url: '/api/drive/folders', headers: a.headers })).json();
    expect(folders).toEqual(expect.arrayContaining([expect.objectContaining({ id: box.id, fileCount: 1 })]));
  });

  it('every upload, deletion and restore is in the audit chain', async () => {
    const actions = rowsOf<{ action: string }>(await t.app.db.execute(sql`select distinct action from audit_log where enterprise_id = ${a.enterpriseId}`)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['drive.folder.created', 'drive.file.uploaded', 'drive.file.recycled', 'drive.file.restored', 'drive.file.version_restored', 'drive.folder.deleted']));
    const { checkAuditChain } = await import('../src/audit/audit-log.ts');
    expect((await checkAuditChain(t.app.db)).ok).toBe(true);
  });
});
