// What the sealing page seals: one of the unit's own drive files, or — for an invited unit — the
// initiator's file reached through the invitation link. Both go through the same two phases
// (prepare → the key signs the digest → finish); only the endpoints and the recovery differ.
import type { PreparedSealing, PrepareSealingBody } from '@hall/shared/schemas/sealing';
import { contentUrl, finishSealing, listVersions, prepareSealing } from '../api/sealing.ts';

export interface SealingTarget {
  /** the file's id or the invitation token: what identifies this target in lists */
  id: string;
  /** the name and the current version of the file */
  current(signal?: AbortSignal): Promise<{ name: string; version: number }>;
  contentUrl(version: number): string;
  prepare(body: PrepareSealingBody): Promise<PreparedSealing>;
  finish(operationId: string, signature: string): Promise<{ version: number }>;
  /**
   * When the file moved on between loading and sealing (PDF_CHANGED): true seals the newest
   * version again with the same placements — invited parties acting at the same time must not
   * lose their seal; false asks the user, who may want to look at what changed first.
   */
  resealOnChange: boolean;
}

/** One of the signed-in unit's own files in 我的云盘. */
export function driveFile(fileId: string): SealingTarget {
  return {
    id: fileId,
    async current(signal) {
      const newest = (await listVersions(fileId, signal))[0];
      if (!newest) throw new Error('文件不存在');
      return { name: newest.name, version: newest.version };
    },
    contentUrl: (version) => contentUrl(fileId, version),
    prepare: (body) => prepareSealing(fileId, body),
    finish: (operationId, signature) => finishSealing(operationId, signature),
    resealOnChange: false,
  };
}
