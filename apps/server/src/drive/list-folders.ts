import type { Folder } from '@hall/shared/schemas/drive';
import type { Actor, Deps } from '../types.ts';
import { listLiveFoldersWithCounts } from './folder-repository.ts';

export function listFolders(deps: Pick<Deps, 'db'>, actor: Actor): Promise<Folder[]> {
  return listLiveFoldersWithCounts(deps.db, actor.enterpriseId);
}
