// 我的云盘: folders with a name (目录名称) and a code (文件编码), files with versions.
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.ts';

export const FolderName = Type.String({ minLength: 1, maxLength: 100, description: '目录名称' });
export const FolderCode = Type.String({ minLength: 1, maxLength: 50, pattern: '^\\S(.*\\S)?$', description: '文件编码（同一上级目录下唯一）' });

export const Folder = Type.Object({
  id: Uuid,
  parentId: Type.Union([Uuid, Type.Null()], { description: '上级目录' }),
  name: Type.String(),
  code: Type.String(),
  fileCount: Type.Integer(),
});
export type Folder = Static<typeof Folder>;

export const CreateFolderBody = Type.Object(
  { parentId: Type.Optional(Type.Union([Uuid, Type.Null()])), name: FolderName, code: FolderCode },
  { additionalProperties: false },
);
export type CreateFolderBody = Static<typeof CreateFolderBody>;

export const UpdateFolderBody = Type.Object(
  { name: Type.Optional(FolderName), code: Type.Optional(FolderCode), parentId: Type.Optional(Type.Union([Uuid, Type.Null()])) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFolderBody = Static<typeof UpdateFolderBody>;

export const FileKind = Type.Union([
  Type.Literal('pdf'),
  Type.Literal('word'),
  Type.Literal('excel'),
  Type.Literal('image'),
  Type.Literal('ofd'),
  Type.Literal('other'),
]);
export type FileKind = Static<typeof FileKind>;

export const DriveFile = Type.Object({
  id: Uuid,
  folderId: Uuid,
  name: Type.String(),
  size: Type.Integer(),
  mimeType: Type.String(),
  kind: FileKind,
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'current version number, 1-based' }),
  versionCount: Type.Integer(),
  converting: Type.Optional(Type.Boolean({ description: 'a Word→PDF conversion is queued or running' })),
});
export type DriveFile = Static<typeof DriveFile>;

export const RecycledFile = Type.Intersect([
  DriveFile,
  Type.Object({ deletedAt: Type.String({ format: 'date-time' }), folderName: Type.String() }),
]);
export type RecycledFile = Static<typeof RecycledFile>;

export const FileVersion = Type.Object({
  version: Type.Integer(),
  size: Type.Integer(),
  mimeType: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String(), Type.Null()], { description: 'name of the user who made it' }),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type FileVersion = Static<typeof FileVersion>;

export const ContentQuery = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  disposition: Type.Optional(Type.Union([Type.Literal('attachment'), Type.Literal('inline')], { default: 'attachment' })),
});
export type ContentQuery = Static<typeof ContentQuery>;

export const VersionParams = Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1 }) });
export type VersionParams = Static<typeof VersionParams>;

export const ConvertBody = Type.Object({ fileIds: Type.Array(Uuid, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false });
export type ConvertBody = Static<typeof ConvertBody>;

export const ConvertResult = Type.Object({ jobs: Type.Array(Type.Object({ fileId: Uuid, jobId: Uuid })) });
export type ConvertResult = Static<typeof ConvertResult>;
