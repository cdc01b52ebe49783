// 我的云盘 over HTTP: parse, call one operation, answer. Everything behind requireEnterprise.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, Ok } from '@hall/shared/schemas/common';
import {
  ContentQuery,
  ConvertBody,
  ConvertResult,
  CreateFolderBody,
  DriveFile,
  FileVersion,
  Folder,
  RecycledFile,
  UpdateFolderBody,
  VersionParams,
} from '@hall/shared/schemas/drive';
import { fail } from '@hall/shared/errors';
import { listFolders } from './list-folders.ts';
import { createFolder } from './create-folder.ts';
import { updateFolder } from './update-folder.ts';
import { deleteFolder } from './delete-folder.ts';
import { UploadSession } from './upload-files.ts';
import { getFileContent, listFileVersions, listFiles, listRecycleBin, recycleFile, restoreFile, restoreVersion } from './file-operations.ts';
import { contentDisposition } from './content-disposition.ts';
import { requestConversion } from './convert/request-conversion.ts';
import { CONVERT_JOB, convertToPdfJob } from './convert/convert-to-pdf-job.ts';
import { SofficePool } from './convert/soffice-pool.ts';

const tags = ['drive'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const pool = new SofficePool({
    sofficePath: app.config.sofficePath,
    concurrency: app.config.converterConcurrency,
    timeoutMs: app.config.converterTimeoutMs,
    workDir: app.config.dataDir,
  });
  app.workers.register(CONVERT_JOB, convertToPdfJob(deps, pool));
  app.addHook('onClose', () => pool.close());

  const guard = { preHandler: app.requireEnterprise };

  app.get('/api/drive/folders', { ...guard, schema: { tags, summary: '文件夹列表', response: { 200: Type.Array(Folder) } } }, (request) =>
    listFolders(deps, request.actor),
  );

  app.post(
    '/api/drive/folders',
    { ...guard, schema: { tags, summary: '新建文件夹', body: CreateFolderBody, response: { 201: Folder } } },
    async (request, reply) => reply.status(201).send(await createFolder(deps, request.actor, request.body)),
  );

  app.patch(
    '/api/drive/folders/:id',
    { ...guard, schema: { tags, summary: '修改、移动文件夹', params: IdParams, body: UpdateFolderBody, response: { 200: Folder } } },
    (request) => updateFolder(deps, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/api/drive/folders/:id',
    { ...guard, schema: { tags, summary: '删除空文件夹', params: IdParams, response: { 200: Ok } } },
    async (request) => {
      await deleteFolder(deps, request.actor, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/drive/folders/:id/files',
    { ...guard, schema: { tags, summary: '文件夹中的文件', params: IdParams, response: { 200: Type.Array(DriveFile) } } },
    (request) => listFiles(deps, request.actor, request.params.id),
  );

  app.post(
    '/api/drive/folders/:id/files',
    {
      ...guard,
      schema: {
        tags,
        summary: '上传文件（multipart/form-data，可多个）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Type.Array(DriveFile) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) fail('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
      const upload = await new UploadSession(deps, request.actor, request.params.id).open();
      for await (const part of request.parts()) {
        if (part.type === 'file') await upload.add({ filename: part.filename, stream: part.file });
      }
      return reply.status(201).send(await upload.commit());
    },
  );

  app.get(
    '/api/drive/files/:id/content',
    { ...guard, schema: { tags, summary: '下载文件（可指定版本）', params: IdParams, querystring: ContentQuery } },
    async (request, reply) => {
      const body = await getFileContent(deps, request.actor, request.params.id, request.query.version, request.headers.range);
      if (body.range) reply.status(206).header('content-range', `bytes ${body.range.start}-${body.range.end}/${body.size}`);
      return reply
        .type(body.mimeType)
        .header('accept-ranges', 'bytes')
        .header('content-length', body.range ? body.range.end - body.range.start + 1 : body.size)
        .header('content-disposition', contentDisposition(request.query.disposition ?? 'attachment', body.name))
        .header('etag', `"${body.sha256}"`)
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(body.stream);
    },
  );

  app.get(
    '/api/drive/files/:id/versions',
    { ...guard, schema: { tags, summary: '文件的历史版本', params: IdParams, response: { 200: Type.Array(FileVersion) } } },
    (request) => listFileVersions(deps, request.actor, request.params.id),
  );

  app.post(
    '/api/drive/files/:id/versions/:version/restore',
    { ...guard, schema: { tags, summary: '恢复到某个版本（作为新版本）', params: VersionParams, response: { 200: DriveFile } } },
    (request) => restoreVersion(deps, request.actor, request.params.id, request.params.version),
  );

  app.delete(
    '/api/drive/files/:id',
    { ...guard, schema: { tags, summary: '删除文件（移入回收站）', params: IdParams, response: { 200: Ok } } },
    async (request) => {
      await recycleFile(deps, request.actor, request.params.id);
      return { ok: true as const };
    },
  );

  app.get('/api/drive/recycle-bin', { ...guard, schema: { tags, summary: '回收站', response: { 200: Type.Array(RecycledFile) } } }, (request) =>
    listRecycleBin(deps, request.actor),
  );

  app.post(
    '/api/drive/files/:id/restore',
    { ...guard, schema: { tags, summary: '从回收站还原', params: IdParams, response: { 200: DriveFile } } },
    (request) => restoreFile(deps, request.actor, request.params.id),
  );

  app.post(
    '/api/drive/convert',
    { ...guard, schema: { tags, summary: 'Word 转换为 PDF（后台任务）', body: ConvertBody, response: { 202: ConvertResult } } },
    async (request, reply) => reply.status(202).send(await requestConversion(deps, request.actor, request.body.fileIds)),
  );
};

export default fp(routes, { name: 'drive', dependencies: ['db', 'blobs', 'jobs', 'audit', 'sessions'] });
