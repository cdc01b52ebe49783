// What the user has placed but not yet confirmed: seals (one page or many), cross-page seals
// and texts, in page points. One 确定 turns all of them into ONE signature operation.
import type { SealingPlacement, SealSource } from '@hall/shared/schemas/sealing';
import { sealBox, type SealBox } from './geometry.ts';

interface ImageChoice {
  key: string;
  name: string;
  /** where the <img> loads it from (data: URL for a key seal, the hall's URL otherwise) */
  src: string;
  widthMm: number;
  /** image height / width */
  aspect: number;
}

/** A seal of the key or of the 印章库: part of the unit's one signature at 确定. */
export type SealChoice =
  | (ImageChoice & { origin: 'key' | 'library'; source: SealSource })
  /** a person's handwritten signature from the phone (扫码签名): its own signature, made by the hall with the person's certificate */
  | (ImageChoice & { origin: 'phone'; sessionId: string });

export type PhoneDraft = Extract<Draft, { kind: 'seal' }> & { seal: { origin: 'phone' } };

export type Draft =
  | { id: string; kind: 'seal'; seal: SealChoice; pages: number[]; x: number; y: number }
  | { id: string; kind: 'cross-page'; seal: SealChoice; pages: number[]; y: number }
  | { id: string; kind: 'text'; page: number; x: number; y: number; text: string; fontSize: number };

export const boxOf = (seal: SealChoice): SealBox => sealBox(seal.widthMm, seal.aspect);

let counter = 0;
export const newDraftId = () => `d${Date.now().toString(36)}${(counter++).toString(36)}`;

const r = (n: number) => Math.round(n * 100) / 100;

export const isPhoneDraft = (d: Draft): d is PhoneDraft => d.kind === 'seal' && d.seal.origin === 'phone';

/** The drafts signed with the unit's key at 确定, and the persons' signatures applied after them. */
export function splitDrafts(drafts: Draft[]): { seals: Draft[]; signatures: PhoneDraft[] } {
  return { seals: drafts.filter((d) => !isPhoneDraft(d)), signatures: drafts.filter(isPhoneDraft) };
}

export function toPlacement(d: Draft): SealingPlacement {
  if (d.kind === 'text') return { kind: 'text', page: d.page, x: r(d.x), y: r(d.y), text: d.text, fontSize: d.fontSize };
  if (d.seal.origin === 'phone') throw new Error('a phone signature is applied on its own, not in the unit’s signature');
  if (d.kind === 'cross-page') return { kind: 'cross-page', pages: d.pages, y: r(d.y), seal: d.seal.source };
  return { kind: 'seal', pages: d.pages, x: r(d.x), y: r(d.y), seal: d.seal.source };
}

/** Where a person's signature goes: its page and centre in points, and its width. */
export function signaturePlacement(d: PhoneDraft): { page: number; x: number; y: number; widthMm: number } {
  return { page: d.pages[0]!, x: r(d.x), y: r(d.y), widthMm: d.seal.widthMm };
}

export function describeDraft(d: Draft): string {
  const pages = (p: number[]) => (p.length === 1 ? `第 ${p[0]} 页` : `第 ${p[0]}–${p[p.length - 1]} 页（${p.length} 页）`);
  if (d.kind === 'text') return `文字「${d.text}」 第 ${d.page} 页`;
  if (d.kind === 'cross-page') return `骑缝章「${d.seal.name}」 ${pages(d.pages)}`;
  if (d.seal.origin === 'phone') return `签名「${d.seal.name}」 ${pages(d.pages)}`;
  return `${d.pages.length > 1 ? '多页盖章' : '盖章'}「${d.seal.name}」 ${pages(d.pages)}`;
}

/** Does the draft show on this page? */
export function onPage(d: Draft, page: number): boolean {
  return d.kind === 'text' ? d.page === page : d.pages.includes(page);
}
