// The 'convert-to-pdf' job: the Word file's current version goes through LibreOffice and the
// PDF becomes the file's new current version (name .pdf); the Word original stays as the
// previous version. A document LibreOffice cannot open (broken, password-protected) fails the
// job with CONVERSION_FAILED and leaves the file as it was.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fail, HallError } from '@hall/shared/errors';
import type { JobContext } from '../../jobs/worker-pool.ts';
import type { Deps } from '../../types.ts';
import { appendVersion, findFile, findVersion } from '../file-repository.ts';
import { extensionOf } from '../detect-file-type.ts';
import type { SofficePool } from './soffice-pool.ts';

export const CONVERT_JOB = 'convert-to-pdf';

export interface ConvertPayload {
  fileId: string;
  version: number;
  userId: string;
}

// Word 2007+ (.docx) by its ZIP content; everything else we call Word is an OLE2 container
// (.doc, WPS .wps, or a password-protected .docx, which LibreOffice cannot open anyway).
function importFilterFor(mimeType: string): string {
  return mimeType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' ? 'MS Word 2007 XML' : 'MS Word 97';
}

export function pdfNameFor(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.pdf`;
}

async function startsWithPdf(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0);
    return buffer.subarray(0, bytesRead).includes('%PDF-');
  } finally {
    await handle.close();
  }
}

export function convertToPdfJob(deps: Pick<Deps, 'db' | 'blobs' | 'audit' | 'queue' | 'log'>, pool: SofficePool) {
  return async (ctx: JobContext): Promise<unknown> => {
    const { fileId, version, userId } = ctx.job.payload as ConvertPayload;
    const enterpriseId = ctx.job.enterpriseId!;
    const file = await findFile(deps.db, enterpriseId, fileId);
    if (!file || file.deletedAt) fail('NOT_FOUND');
    const source = await findVersion(deps.db, fileId, version);
    if (!source) fail('NOT_FOUND');
    await ctx.progress(10);

    const work = await mkdtemp(join(tmpdir(), 'hall-convert-'));
    try {
      // A fixed ASCII input name: the user's name may hold anything; the extension tells
      // LibreOffice the format.
      const ext = extensionOf(source.name) || 'doc';
      const input = join(work, `input.${/^[a-z0-9]{1,5}$/.test(ext) ? ext : 'doc'}`);
      await pipeline(await deps.blobs.get(source.blobSha256), createWriteStream(input));
      await ctx.progress(30);

      const result = await pool.convert(input, work, importFilterFor(source.mimeType));
      const output = join(work, 'input.pdf');
      if (result.timedOut || !(await startsWithPdf(output))) {
        deps.log.warn({ jobId: ctx.job.id, fileId, code: result.code, timedOut: result.timedOut, output: result.output.slice(0, 500) }, 'conversion failed');
        throw new HallError('CONVERSION_FAILED', undefined, { timedOut: result.timedOut });
      }
      await ctx.progress(80);

      const blob = await deps.blobs.put(createReadStream(output));
      const newVersion = await deps.db.transaction(async (tx) => {
        const locked = await findFile(tx, enterpriseId, fileId, true);
        if (!locked || locked.deletedAt) fail('NOT_FOUND');
        // Someone made a newer version meanwhile: converting the old one would hide theirs.
        if (locked.currentVersion !== version) fail('CONFLICT', '文件在转换期间已被修改，请重新转换');
        const created = await appendVersion(tx, locked, {
          blobSha256: blob.sha256,
          size: blob.size,
          name: pdfNameFor(source.name),
          mimeType: 'application/pdf',
          kind: 'pdf',
          note: `由第 ${version} 版 Word 文件转换为 PDF`,
          createdBy: userId,
        });
        await deps.audit(
          { action: 'drive.file.converted', enterpriseId, userId, targetType: 'file', targetId: fileId, details: { fromVersion: version, newVersion: created, sha256: blob.sha256, jobId: ctx.job.id } },
          tx,
        );
        await deps.queue.complete(ctx.job.id, ctx.workerId, { fileId, version: created }, tx);
        return created;
      });
      return { fileId, version: newVersion };
    } catch (err) {
      if (err instanceof HallError && err.status < 500) {
        await deps.audit({ action: 'drive.file.conversion_failed', enterpriseId, userId, targetType: 'file', targetId: fileId, details: { code: err.code, jobId: ctx.job.id } });
      }
      throw err;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
}
