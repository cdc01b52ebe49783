// A person's signature goes onto a file as a new version, signed here with their event
// certificate. The key is on the server, so a version that moved while we signed (another
// party sealed meanwhile) is simply signed again on top of the new one: parties acting at the
// same moment are serialized: one at a time per file in this process, and on the file row
// across processes, so no seal or signature is lost.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { info, sign, type Placement } from '@hall/pdf-seal';
import { fail, HallError } from '@hall/shared/errors';
import { SIGNATURE_WIDTH_MM } from '@hall/shared/schemas/invitations';
import type { Deps } from '../types.ts';
import type { Tx } from '../db/client.ts';
import { appendVersionOnto, findFile, findVersion } from '../drive/file-repository.ts';
import { oneAtATime } from '../drive/one-at-a-time.ts';
import { blobPath, withScratchDir } from '../sealing/blob-file.ts';
import { asHallErrors } from '../sealing/pdf-seal-errors.ts';
import { personSigner, type PersonSigningKeys } from './ensure-person.ts';
import type { PersonRow } from './person-repository.ts';

const MAX_ROUNDS = 8;

export interface SignaturePlacement {
  /** 1-based; default the last page */
  page?: number;
  /** centre, in points from the top-left of the page as displayed; default near the bottom right */
  x?: number;
  y?: number;
  widthMm?: number;
}

export interface SignFileInput {
  ownerEnterpriseId: string;
  fileId: string;
  person: PersonRow;
  png: Uint8Array;
  placement?: SignaturePlacement;
  /** the user the new version is recorded under, when the signing happens in a session */
  userId: string | null;
  /** runs in the transaction that adds the version (e.g. marks the party done) */
  onVersion?(tx: Tx, version: number): Promise<void>;
}

/**
 * Where a signature goes when nobody placed it (an invited person signing from the link): a
 * grid of slots at the bottom right of the page, filled right to left and then upwards, one slot
 * per signature the file already has — so persons invited on the same file do not sign on top
 * of one another (their signing is queued per file, so the count is the one they sign on).
 * `heightPt` is the signature's height on the page; rows are spaced to clear it.
 */
export function defaultSignatureCentre(size: { width: number; height: number }, signaturesSoFar: number, heightPt = 40): { x: number; y: number } {
  const slot = signaturesSoFar % (SLOT_COLUMNS * SLOT_ROWS);
  const stepY = Math.max(SLOT_MIN_STEP_Y, heightPt + 8);
  return { x: size.width - 130 - (slot % SLOT_COLUMNS) * SLOT_STEP_X, y: size.height - 110 - Math.floor(slot / SLOT_COLUMNS) * stepY };
}
const SLOT_COLUMNS = 3;
const SLOT_ROWS = 4;
const SLOT_STEP_X = 115; // a 36 mm signature is 102 pt wide
const SLOT_MIN_STEP_Y = 60;
const PT_PER_MM = 72 / 25.4;

/** height / width of a PNG, from its IHDR chunk (1 when it cannot be read). */
function pngAspect(png: Uint8Array): number {
  if (png.length < 24) return 1;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 ? height / width : 1;
}

async function placementFor(input: string, p: SignaturePlacement | undefined, png: Uint8Array): Promise<Placement> {
  const { pages, signatures } = await info(input);
  const page = Math.min(Math.max(p?.page ?? pages.count, 1), pages.count);
  const size = pages.sizes[page - 1]!;
  const widthMm = p?.widthMm ?? SIGNATURE_WIDTH_MM;
  const slot = defaultSignatureCentre(size, signatures.length, widthMm * PT_PER_MM * pngAspect(png));
  return {
    kind: 'seal',
    pages: [page],
    x: p?.x ?? slot.x,
    y: p?.y ?? slot.y,
    image: { png, widthMm },
  };
}

export async function signFileAsPerson(deps: Pick<Deps, 'db' | 'blobs' | 'audit'>, keys: PersonSigningKeys, tsaUrl: string | undefined, input: SignFileInput): Promise<number> {
  const signer = personSigner(keys, input.person);
  // persons on the same file follow one another here; the rounds are for what happens elsewhere
  return oneAtATime(input.fileId, async () => {
    for (let round = 1; ; round++) {
      const file = await findFile(deps.db, input.ownerEnterpriseId, input.fileId);
      if (!file || file.deletedAt) fail('NOT_FOUND', '要签名的文件已被删除');
      const base = await findVersion(deps.db, file.id, file.currentVersion);
      if (!base) fail('NOT_FOUND');
      if (base.kind !== 'pdf') fail('PDF_UNREADABLE', '只有 PDF 文件可以签名');
      const blob = await withScratchDir(async (scratch) => {
        const source = await blobPath(deps.blobs, base.blobSha256, scratch);
        const output = join(scratch, 'signed.pdf');
        const placement = await asHallErrors(() => placementFor(source, input.placement, input.png));
        await asHallErrors(() => sign(source, signer, { placements: [placement], reason: '签名', name: input.person.name, tsaUrl }, output));
        return deps.blobs.put(createReadStream(output));
      });
      try {
        return await deps.db.transaction(async (tx) => {
          const version = await appendVersionOnto(tx, input.ownerEnterpriseId, file.id, base.version, {
            blobSha256: blob.sha256,
            size: blob.size,
            name: base.name,
            mimeType: 'application/pdf',
            kind: 'pdf',
            note: `签名（${input.person.name}）`,
            createdBy: input.userId,
          });
          await input.onVersion?.(tx, version);
          await deps.audit(
            {
              action: 'person-sign',
              enterpriseId: input.ownerEnterpriseId,
              userId: input.userId,
              targetType: 'file',
              targetId: file.id,
              details: { fromVersion: base.version, newVersion: version, sha256: blob.sha256, person: input.person.name, personId: input.person.id, timestamped: Boolean(tsaUrl) },
            },
            tx,
          );
          return version;
        });
      } catch (err) {
        if (err instanceof HallError && err.code === 'PDF_CHANGED' && round < MAX_ROUNDS) continue;
        throw err;
      }
    }
  });
}
