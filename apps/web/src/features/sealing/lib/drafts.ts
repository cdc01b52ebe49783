// What the user has placed but not yet confirmed: seals (one page or many), cross-page seals
// and texts, in page points. One 确定 turns all of them into ONE signature operation.
import type { SealingPlacement, SealSource } from '@hall/shared/schemas/sealing';
import { sealBox, type SealBox } from './geometry.ts';

export interface SealChoice {
  key: string;
  name: string;
  /** where the <img> loads it from (data: URL for a key seal, the library's URL otherwise) */
  src: string;
  widthMm: number;
  /** image height / width */
  aspect: number;
  origin: 'key' | 'library';
  source: SealSource;
}

export type Draft =
  | { id: string; kind: 'seal'; seal: SealChoice; pages: number[]; x: number; y: number }
  | { id: string; kind: 'cross-page'; seal: SealChoice; pages: number[]; y: number }
  | { id: string; kind: 'text'; page: number; x: number; y: number; text: string; fontSize: number };

export const boxOf = (seal: SealChoice): SealBox => sealBox(seal.widthMm, seal.aspect);

let counter = 0;
export const newDraftId = () => `d${Date.now().toString(36)}${(counter++).toString(36)}`;

export function toPlacement(d: Draft): SealingPlacement {
  const r = (n: number) => Math.round(n * 100) / 100;
  if (d.kind === 'text') return { kind: 'text', page: d.page, x: r(d.x), y: r(d.y), text: d.text, fontSize: d.fontSize };
  if (d.kind === 'cross-page') return { kind: 'cross-page', pages: d.pages, y: r(d.y), seal: d.seal.source };
  return { kind: 'seal', pages: d.pages, x: r(d.x), y: r(d.y), seal: d.seal.source };
}

export function describeDraft(d: Draft): string {
  const pages = (p: number[]) => (p.length === 1 ? `第 ${p[0]} 页` : `第 ${p[0]}–${p[p.length - 1]} 页（${p.length} 页）`);
  if (d.kind === 'text') return `文字「${d.text}」 第 ${d.page} 页`;
  if (d.kind === 'cross-page') return `骑缝章「${d.seal.name}」 ${pages(d.pages)}`;
  return `${d.pages.length > 1 ? '多页盖章' : '盖章'}「${d.seal.name}」 ${pages(d.pages)}`;
}

/** Does the draft show on this page? */
export function onPage(d: Draft, page: number): boolean {
  return d.kind === 'text' ? d.page === page : d.pages.includes(page);
}
