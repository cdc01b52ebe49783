// 我的材料 → 项目申报: puts a unit material's files under one material row of an application,
// through the applications' own attachFromDrive, so their checks (own application, open slot,
// own file versions) and their attachment rows stay the one way files get attached.
import { fail } from '@hall/shared/errors';
import { attachFromDrive } from '../applications/attach-materials.ts';
import type { Actor, Deps } from '../types.ts';
import { liveFilesOf } from './unit-materials.ts';

export async function attachUnitMaterial(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, unitMaterialId: string, applicationId: string, materialId: string) {
  const { material, files } = await liveFilesOf(deps.db, actor, unitMaterialId);
  if (files.length === 0) fail('VALIDATION_FAILED', '该材料还没有可用的文件', { fields: [{ field: 'files', message: '请先为该材料上传文件' }] });
  if (material.expiry === 'expired') fail('VALIDATION_FAILED', `${material.name}已过期（有效期至 ${material.validTo}），请更新后再使用`, { fields: [{ field: 'validTo', message: '材料已过期' }] });
  const application = await attachFromDrive(deps, actor, applicationId, materialId, files);
  await deps.audit({ action: 'unit_material.attached', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'application', targetId: applicationId, details: { unitMaterialId, materialId } });
  return application;
}
