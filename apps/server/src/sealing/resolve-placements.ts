// The page's placements → pdf-seal's: a library seal is looked up (it must be bound to the
// signing certificate), a seal read from the key arrives as its PNG.
import type { Placement, SealImage } from '@hall/pdf-seal';
import { fail } from '@hall/shared/errors';
import type { SealingPlacement, SealSource } from '@hall/shared/schemas/sealing';
import type { Actor, Deps } from '../types.ts';
import { loadSeal } from './library/seal-library.ts';
import type { OperationSummary } from './operation-repository.ts';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const DEFAULT_SEAL_MM = 42;

export interface Resolved {
  placements: Placement[];
  summary: OperationSummary['placements'];
}

export async function resolvePlacements(deps: Pick<Deps, 'db' | 'blobs'>, actor: Actor, input: SealingPlacement[], certificateSerial: string): Promise<Resolved> {
  const library = new Map<string, { image: SealImage; name: string }>();

  const imageOf = async (source: SealSource): Promise<{ image: SealImage; name: string }> => {
    if (source.sealId) {
      let found = library.get(source.sealId);
      if (!found) {
        const { row, png } = await loadSeal(deps, actor, source.sealId);
        if (row.certificateSerial !== certificateSerial) fail('FORBIDDEN', `印章「${row.name}」未绑定当前 CA 证书，不能使用`);
        found = { image: { png: new Uint8Array(png), widthMm: row.widthMm }, name: row.name };
        library.set(source.sealId, found);
      }
      return found;
    }
    if (!source.png) fail('VALIDATION_FAILED', '请选择印章', { fields: [{ field: 'seal', message: '需要 sealId 或 png' }] });
    const png = Buffer.from(source.png, 'base64');
    if (!png.subarray(0, 8).equals(PNG_MAGIC)) fail('SEAL_IMAGE_INVALID', '印章图片不是有效的 PNG 图片');
    return { image: { png: new Uint8Array(png), widthMm: source.widthMm ?? DEFAULT_SEAL_MM, heightMm: source.heightMm }, name: 'CA 锁印章' };
  };

  const placements: Placement[] = [];
  const summary: OperationSummary['placements'] = [];
  for (const p of input) {
    if (p.kind === 'text') {
      placements.push({ kind: 'text', page: p.page, x: p.x, y: p.y, text: p.text, fontSize: p.fontSize });
      summary.push({ kind: 'text', pages: [p.page] });
      continue;
    }
    const { image, name } = await imageOf(p.seal);
    if (p.kind === 'seal') placements.push({ kind: 'seal', pages: p.pages, x: p.x, y: p.y, image });
    else placements.push({ kind: 'cross-page', pages: p.pages, y: p.y, image });
    summary.push({ kind: p.kind, pages: p.pages, seal: name });
  }
  return { placements, summary };
}
