// The full picture of one application, as the enterprise and the window both see it: project,
// matter, the checklist with the files under each row (uploader named), open requests, history.
import { and, eq, inArray } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { DEFERRAL_STATUS_LABELS, type Outcome } from '@hall/shared/schemas/applications';
import type { DbOrTx } from '../db/client.ts';
import { enterprises, unitMaterialFiles, unitMaterials } from '../db/schema.ts';
import { checklistOf, findMatter, listMaterials } from '../catalogue/catalogue-repository.ts';
import { findProject, toProject } from '../projects/projects.ts';
import { allRequests, isOverdue, listEvents, liveAttachments, type ApplicationRow, type AttachmentRow } from './application-repository.ts';
import { listSpecialProcedures, toSpecialProcedure } from './special-procedures.ts';
import { readDeferral } from './deferral.ts';
import { statusLabel } from './state-machine.ts';
import { verifyFileVersion } from '../verification/verify-pdf.ts';
import type { TrustStore } from '../auth/trust-store.ts';
import type { Deps } from '../types.ts';

type SignatureSummary = { count: number; valid: boolean } | null;
/** Counts and checks a PDF attachment's signatures; undefined for other files. */
export type SignatureCheck = (a: AttachmentRow, enterpriseId: string) => Promise<SignatureSummary | undefined>;

/**
 * For the 打印预览: each PDF's signatures, through the same 签章验证 as the drive and the window
 * (seconds on a large file, so only when a page asks). valid: every signature verifies with a
 * certificate that is not untrusted (false when there is none); null: the file could not be checked.
 */
export function signatureCheck(deps: Pick<Deps, 'db' | 'blobs'>, trust: Pick<TrustStore, 'material'>): SignatureCheck {
  return async (a, enterpriseId) => {
    if (a.kind !== 'pdf') return undefined;
    try {
      const r = await verifyFileVersion(deps, trust, { enterpriseId, userId: '' }, a.fileId, a.version);
      return { count: r.signatures.length, valid: r.ok };
    } catch {
      return null;
    }
  };
}

/**
 * 我的材料 are attached as drive files (source 'drive'); the 来源 names the unit material when the
 * very version attached is one of its files. Keyed by fileId:version.
 */
async function myMaterialNames(db: DbOrTx, enterpriseId: string, attachments: AttachmentRow[]): Promise<Map<string, string>> {
  const fileIds = [...new Set(attachments.filter((a) => a.source === 'drive').map((a) => a.fileId))];
  if (fileIds.length === 0) return new Map();
  const rows = await db
    .select({ fileId: unitMaterialFiles.fileId, version: unitMaterialFiles.version, name: unitMaterials.name })
    .from(unitMaterialFiles)
    .innerJoin(unitMaterials, eq(unitMaterials.id, unitMaterialFiles.materialId))
    .where(and(eq(unitMaterials.enterpriseId, enterpriseId), inArray(unitMaterialFiles.fileId, fileIds)));
  return new Map(rows.map((r) => [`${r.fileId}:${r.version}`, r.name]));
}

export function toAttachment(a: AttachmentRow) {
  return {
    id: a.id,
    materialId: a.materialId,
    fileId: a.fileId,
    version: a.version,
    name: a.name,
    size: Number(a.size),
    mimeType: a.mimeType,
    kind: a.kind,
    source: a.source,
    uploader: a.uploaderUnitName ? { unitName: a.uploaderUnitName, userName: a.uploaderUserName ?? '' } : null,
    requestId: a.requestId,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function applicationView(db: DbOrTx, app: ApplicationRow, options: { signatures?: SignatureCheck } = {}) {
  const project = await findProject(db, app.enterpriseId, app.projectId);
  const matter = await findMatter(db, app.matterId);
  const [applicant] = await db.select({ unitName: enterprises.unitName, creditCode: enterprises.creditCode }).from(enterprises).where(eq(enterprises.id, app.enterpriseId));
  if (!project || !matter || !applicant) fail('NOT_FOUND');
  const [materials, attachments, requests, events, specials] = await Promise.all([
    listMaterials(db, app.matterId),
    liveAttachments(db, app.id),
    allRequests(db, app.id),
    listEvents(db, app.id),
    listSpecialProcedures(db, app.id),
  ]);
  // 逾期未补正 and 容缺逾期未补齐 are read from the deadline now, as the lists do (no timer closes anything).
  const now = Date.now();
  const overdue = (r: (typeof requests)[number]) => r.kind !== 'supplement' && isOverdue(r, now);
  const corrections = requests.filter((r) => !r.closedAt && r.kind === 'correction');
  const deferral = readDeferral(app, requests.filter((r) => !r.closedAt), now);
  // one file after another: verification is CPU-bound and the machine is shared
  const signatures = new Map<string, SignatureSummary>();
  if (options.signatures) {
    for (const a of attachments) {
      const s = await options.signatures(a, app.enterpriseId);
      if (s !== undefined) signatures.set(a.id, s);
    }
  }
  const myMaterials = await myMaterialNames(db, app.enterpriseId, attachments);
  const attachment = (a: AttachmentRow) => {
    const myMaterial = a.source === 'drive' ? myMaterials.get(`${a.fileId}:${a.version}`) : undefined;
    return {
      ...toAttachment(a),
      ...(myMaterial !== undefined && { myMaterial }),
      ...(signatures.has(a.id) && { signatures: signatures.get(a.id) ?? null }),
    };
  };
  const view = (r: (typeof requests)[number]) => ({
    id: r.id,
    materialId: r.materialId,
    kind: r.kind as 'supplement' | 'correction' | 'deferral',
    reason: r.reason,
    deadline: r.deadline?.toISOString() ?? null,
    overdue: overdue(r),
    openedAt: r.openedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
  });
  return {
    id: app.id,
    serialNo: app.serialNo,
    state: app.state,
    status: statusLabel(app.state, {
      outcome: app.outcome,
      openCorrections: corrections.length,
      overdueCorrections: corrections.filter(overdue).length,
      openSpecial: specials.some((p) => !p.endedAt),
      deferral,
    }),
    outcome: app.outcome as Outcome | null,
    reason: app.reason,
    // 容缺通过: what is owed, by its checklist row, and how far 容缺补齐 has come
    deferral:
      deferral && app.promisedBy
        ? {
            materials: materials.filter((m) => app.deferredMaterialIds.includes(m.id)).map((m) => ({ id: m.id, index: m.sortOrder, name: m.name })),
            promisedBy: app.promisedBy,
            status: deferral,
            statusLabel: DEFERRAL_STATUS_LABELS[deferral],
            confirmedAt: app.deferralConfirmedAt?.toISOString() ?? null,
          }
        : null,
    specialProcedures: specials.map(toSpecialProcedure),
    form: app.form as Record<string, string>,
    project: toProject(project),
    stage: { id: matter.stageId, name: matter.stageName },
    matter: { id: matter.id, name: matter.name, department: matter.department, timeLimitDays: matter.timeLimitDays },
    // 停用 rows stay where this application holds files or requests under them, no longer required
    materials: checklistOf(materials, [...attachments, ...requests].map((x) => x.materialId)).map((m) => ({
      id: m.id,
      index: m.sortOrder,
      name: m.name,
      required: m.active && m.required,
      notes: m.notes,
      attachments: attachments.filter((a) => a.materialId === m.id).map(attachment),
      requests: requests.filter((r) => r.materialId === m.id).map(view),
    })),
    decision: attachments.filter((a) => a.materialId === 'decision').map(toAttachment),
    events: events.map((e) => ({ action: e.action, fromState: e.fromState, toState: e.toState, actorKind: e.actorKind, message: e.message, at: e.at.toISOString() })),
    submittedAt: app.submittedAt?.toISOString() ?? null,
    finishedAt: app.finishedAt?.toISOString() ?? null,
    createdAt: app.createdAt.toISOString(),
    applicant,
  };
}
export type ApplicationView = Awaited<ReturnType<typeof applicationView>>;
