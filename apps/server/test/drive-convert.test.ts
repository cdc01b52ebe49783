// Word→PDF through real LibreOffice: the PDF becomes the current version, the Word file
// stays as the previous one; broken documents fail with CONVERSION_FAILED and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp, type TestApp } from './support/app.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { makeDocx, multipart, samples, type Part } from './support/files.ts';

let t: TestApp;
let a: SignedIn;
let folder: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await buildTestApp({ CONVERTER_CONCURRENCY: '2' });
  a = await signIn(t.app);
  folder = (await t.app.inject({ method: 'POST', url: '/api/drive/folders', headers: a.headers, payload: { name: '转换测试', code: 'c' } })).json().id;
});
afterAll(() => t.close());

async function upload(app: TestApp, who: SignedIn, folderId: string, parts: Part[]) {
  const body = multipart(parts);
  const res = await app.app.inject({ method: 'POST', url: `/api/drive/folders/${folderId}/files`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string }[];
}

async function convert(app: TestApp, who: SignedIn, fileIds: string[]) {
  const res = await app.app.inject({ method: 'POST', url: '/api/drive/convert', headers: who.headers, payload: { fileIds } });
  expect(res.statusCode).toBe(202);
  return res.json().jobs as { fileId: string; jobId: string }[];
}

const job = async (app: TestApp, who: SignedIn, id: string) => (await app.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: who.headers })).json();
const fileOf = async (id: string) => ((await t.app.inject({ method: 'GET', url: `/api/drive/folders/${folder}/files`, headers: a.headers })).json() as { id: string }[]).find((f) => f.id === id) as Record<string, unknown>;

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-pdftext-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Word → PDF', () => {
  it('converts two documents side by side; each PDF becomes the new version, the Word original the previous', async () => {
    const texts = ['附件八：建设资金已经落实承诺书', '附件六：农保承诺函（甲方）'];
    const docs = await Promise.all(texts.map((text) => makeDocx([text, '景德镇市工程建设项目审批管理系统'])));
    const files = await upload(t, a, folder, [
      { filename: '附件八建设资金已经落实承诺书.docx', content: docs[0] },
      { filename: '附件六农保承诺函甲方.docx', content: docs[1] },
    ]);
    const jobs = await convert(t, a, files.map((f) => f.id));
    expect(jobs.map((j) => j.fileId)).toEqual(files.map((f) => f.id));
    expect(await fileOf(files[0].id)).toMatchObject({ converting: true });
    // Asking again while queued returns the same job.
    expect((await convert(t, a, [files[0].id]))[0].jobId).toBe(jobs[0].jobId);

    t.app.workers.start();
    try {
      for (let i = 0; i < 240; i++) {
        const states = await Promise.all(jobs.map(async (j) => (await job(t, a, j.jobId)).state));
        if (states.every((s) => s === 'done' || s === 'failed')) break;
        await sleep(250);
      }
    } finally {
      await t.app.workers.stop();
    }

    for (const [i, j] of jobs.entries()) {
      expect(await job(t, a, j.jobId)).toMatchObject({ state: 'done', progress: 100 });
      const file = await fileOf(j.fileId);
      expect(file).toMatchObject({ name: i === 0 ? '附件八建设资金已经落实承诺书.pdf' : '附件六农保承诺函甲方.pdf', kind: 'pdf', mimeType: 'application/pdf', version: 2, versionCount: 2, converting: false });
      const pdf = await t.app.inject({ method: 'GET', url: `/api/drive/files/${j.fileId}/content`, headers: a.headers });
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain(texts[i]);
      expect(text).toContain('景德镇市工程建设项目审批管理系统');
      const word = await t.app.inject({ method: 'GET', url: `/api/drive/files/${j.fileId}/content?version=1`, headers: a.headers });
      expect(word.rawPayload.equals(docs[i])).toBe(true);
      const versions = (await t.app.inject({ method: 'GET', url: `/api/drive/files/${j.fileId}/versions`, headers: a.headers })).json();
      expect(versions[0]).toMatchObject({ version: 2, note: '由第 1 版 Word 文件转换为 PDF', createdBy: '李四' });
    }
  });

  it.each([
    ['损坏的文件.docx', samples.brokenDocx()],
    ['加密或损坏的旧版文件.doc', samples.ole2()],
    ['设置了密码的文件.docx', samples.ole2()],
  ])('%s fails with CONVERSION_FAILED and stays as it was', async (name, content) => {
    const [file] = await upload(t, a, folder, [{ filename: name, content }]);
    const before = await fileOf(file.id);
    const [{ jobId }] = await convert(t, a, [file.id]);
    const ran = await t.app.workers.runOnce();
    expect(ran?.id).toBe(jobId);
    const result = await job(t, a, jobId);
    expect(result).toMatchObject({ state: 'failed', error: { code: 'CONVERSION_FAILED', message: '文件转换失败，文件可能已损坏或设置了密码' } });
    expect(await fileOf(file.id)).toEqual({ ...before, converting: false });
  });

  it('refuses to convert what is not Word', async () => {
    const [pdf] = await upload(t, a, folder, [{ filename: '已经是PDF.pdf', content: samples.pdf() }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/drive/convert', headers: a.headers, payload: { fileIds: [pdf.id] } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CONVERSION_NOT_SUPPORTED');
  });
});

describe('converter limits', () => {
  it('kills a conversion that outlives its timeout, with its whole process group', async () => {
    // A 1-second limit: starting LibreOffice on a fresh profile alone takes longer.
    const slow = await buildTestApp({ CONVERTER_TIMEOUT_SECONDS: '1' });
    try {
      const who = await signIn(slow.app);
      const box = (await slow.app.inject({ method: 'POST', url: '/api/drive/folders', headers: who.headers, payload: { name: '超时', code: 't' } })).json().id;
      const [file] = await upload(slow, who, box, [{ filename: '慢.docx', content: await makeDocx(['慢']) }]);
      const [{ jobId }] = await convert(slow, who, [file.id]);
      await slow.app.workers.runOnce();
      expect(await job(slow, who, jobId)).toMatchObject({ state: 'failed', error: { code: 'CONVERSION_FAILED' } });
      await sleep(300);
      const left = spawnSync('pgrep', ['-f', `${slow.dataDir}/soffice-`], { encoding: 'utf8' }).stdout.trim();
      expect(left).toBe('');
    } finally {
      await slow.close();
    }
  });

  it('answers CONVERTER_UNAVAILABLE when LibreOffice is missing', async () => {
    const none = await buildTestApp({ SOFFICE_PATH: '/nonexistent/soffice' });
    try {
      const who = await signIn(none.app);
      const box = (await none.app.inject({ method: 'POST', url: '/api/drive/folders', headers: who.headers, payload: { name: '无转换', code: 'n' } })).json().id;
      const [file] = await upload(none, who, box, [{ filename: 'a.docx', content: await makeDocx(['a']) }]);
      const res = await none.app.inject({ method: 'POST', url: '/api/drive/convert', headers: who.headers, payload: { fileIds: [file.id] } });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('CONVERTER_UNAVAILABLE');
      const health = (await none.app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health).toMatchObject({ status: 'ok', checks: { converter: { ok: false } } });
    } finally {
      await none.close();
    }
  });
});
