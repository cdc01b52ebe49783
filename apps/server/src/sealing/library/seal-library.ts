// 印章库: the enterprise's own seal images on the server, each bound to one of its certificates
// (by serial number) and usable only when sealing with that certificate.
import { Readable } from 'node:stream';
import { fail } from '@hall/shared/errors';
import type { LibrarySeal, SealKind } from '@hall/shared/schemas/sealing';
import type { Actor, Deps } from '../../types.ts';
import { recordBlob } from '../../drive/file-repository.ts';
import { findLiveSeal, insertSeal, listLiveSeals, markSealDeleted, type SealRow } from './seal-repository.ts';
import { transparentSeal } from './transparent-seal.ts';

type D = Pick<Deps, 'db' | 'blobs' | 'audit'>;

export const MAX_SEAL_IMAGE_BYTES = 2 * 1024 * 1024;
export const DEFAULT_WIDTH_MM: Record<SealKind, number> = { official: 42, 'legal-representative': 20, other: 40 };

export function toLibrarySeal(row: SealRow): LibrarySeal {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as SealKind,
    certificateSerial: row.certificateSerial,
    widthMm: row.widthMm,
    imageUrl: `/api/seals/${row.id}/image`,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listSeals(deps: D, actor: Actor): Promise<LibrarySeal[]> {
  return (await listLiveSeals(deps.db, actor.enterpriseId)).map(toLibrarySeal);
}

export interface NewSealInput {
  name: string;
  kind: SealKind;
  certificateSerial: string;
  widthMm?: number;
  image: Uint8Array;
}

/** Hex, lower case, no separators or leading zeros: the one spelling serials are compared in. */
export function serialKey(raw: string): string {
  return raw.replace(/[\s:]/g, '').toLowerCase().replace(/^0+(?=.)/, '');
}

export function normaliseSerial(raw: string): string {
  const hex = serialKey(raw);
  if (!/^[0-9a-f]{1,64}$/.test(hex)) fail('VALIDATION_FAILED', '证书序列号应为十六进制数字', { fields: [{ field: 'certificateSerial', message: '应为十六进制数字' }] });
  return hex;
}

export async function addSeal(deps: D, actor: Actor, input: NewSealInput): Promise<LibrarySeal> {
  const name = input.name.trim();
  if (!name || name.length > 50) fail('VALIDATION_FAILED', '请填写印章名称（不超过 50 个字）', { fields: [{ field: 'name', message: '请填写印章名称' }] });
  const certificateSerial = normaliseSerial(input.certificateSerial);
  const widthMm = input.widthMm ?? DEFAULT_WIDTH_MM[input.kind];
  if (!Number.isInteger(widthMm) || widthMm < 5 || widthMm > 100) fail('VALIDATION_FAILED', '印章尺寸应为 5 至 100 毫米', { fields: [{ field: 'widthMm', message: '应为 5 至 100 毫米' }] });
  const image = transparentSeal(input.image);
  const blob = await deps.blobs.put(Readable.from([image.png]));
  const row = await deps.db.transaction(async (tx) => {
    await recordBlob(tx, blob.sha256, blob.size);
    const created = await insertSeal(tx, { enterpriseId: actor.enterpriseId, name, kind: input.kind, certificateSerial, blobSha256: blob.sha256, widthMm, createdBy: actor.userId });
    await deps.audit(
      { action: 'seal.added', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'seal', targetId: created.id, details: { name, kind: input.kind, certificateSerial, sha256: blob.sha256, cleared: image.cleared } },
      tx,
    );
    return created;
  });
  return toLibrarySeal(row);
}

export async function deleteSeal(deps: D, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await markSealDeleted(tx, actor.enterpriseId, id))) fail('NOT_FOUND', '印章不存在');
    await deps.audit({ action: 'seal.deleted', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'seal', targetId: id }, tx);
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The seal's PNG; the row too, for the caller that places it. */
export async function loadSeal(deps: Pick<Deps, 'db' | 'blobs'>, actor: Pick<Actor, 'enterpriseId'>, id: string): Promise<{ row: SealRow; png: Buffer }> {
  const row = await findLiveSeal(deps.db, actor.enterpriseId, id);
  if (!row) fail('NOT_FOUND', '印章不存在');
  return { row, png: await readAll(await deps.blobs.get(row.blobSha256)) };
}
