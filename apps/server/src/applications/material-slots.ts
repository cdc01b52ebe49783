// Who may put files under which material row, when: every row in use while 暂存; afterwards only
// the rows the window has asked for (补全 while 待补全, 补正 while 已受理, the owed 容缺材料 while
// 已办结 容缺通过 until 提交补齐), and the new files are tied to that request so the answer can be
// checked (earlier files stay: nothing is overwritten).
import { fail } from '@hall/shared/errors';
import type { DbOrTx } from '../db/client.ts';
import { checklistOf, listMaterials } from '../catalogue/catalogue-repository.ts';
import { liveAttachments, openRequests, type ApplicationRow } from './application-repository.ts';
import type { ApplicationState } from './state-machine.ts';

/** Which open requests a state answers (已办结: only a 容缺通过 one has deferral requests). */
const slotKinds: Partial<Record<ApplicationState, string>> = { supplement_required: 'supplement', accepted: 'correction', finished: 'deferral' };

export async function openSlot(db: DbOrTx, app: ApplicationRow, materialId: string): Promise<{ requestId: string | null }> {
  const materials = await listMaterials(db, app.matterId);
  const material = materials.find((m) => m.id === materialId);
  if (!material) fail('NOT_FOUND', '该事项没有这项材料');
  if (app.state === 'draft') {
    // a 停用 row takes no files, unless the draft already holds some there (which stay, and can go)
    const held = (await liveAttachments(db, app.id)).map((a) => a.materialId);
    if (checklistOf([material], held).length === 0) fail('NOT_FOUND', '该材料已停用，无需提交');
    return { requestId: null };
  }
  const kind = slotKinds[app.state] ?? null;
  const request = kind ? (await openRequests(db, app.id)).find((r) => r.materialId === materialId && r.kind === kind) : undefined;
  if (!request) fail('APPLICATION_LOCKED', app.state === 'finished' ? '申报已办结，只能上传待补齐的容缺材料' : '申报已提交，只能上传窗口要求补全或补正的材料');
  return { requestId: request.id };
}
