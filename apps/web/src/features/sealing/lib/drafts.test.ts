import { describe, expect, it } from 'vitest';
import { describeDraft, signaturePlacement, splitDrafts, toPlacement, type Draft, type SealChoice } from './drafts.ts';

const image = { src: 'x', widthMm: 40, aspect: 1 };
const keySeal: SealChoice = { key: 'key:1', name: '公章', ...image, origin: 'key', source: { png: 'AAAA', widthMm: 40 } };
const phone: SealChoice = { key: 'phone:s1', name: '张建国', ...image, widthMm: 36, origin: 'phone', sessionId: 's1' };

const drafts: Draft[] = [
  { id: 'a', kind: 'seal', seal: keySeal, pages: [1, 2], x: 100.123, y: 200 },
  { id: 'b', kind: 'seal', seal: phone, pages: [2], x: 150.555, y: 300.004 },
  { id: 'c', kind: 'text', page: 1, x: 10, y: 20, text: '二〇二六年十二月四日', fontSize: 14 },
];

describe('drafts with a phone signature', () => {
  it('keeps persons’ signatures out of the unit’s one signature and applies them on their own', () => {
    const { seals, signatures } = splitDrafts(drafts);
    expect(seals.map((d) => d.id)).toEqual(['a', 'c']);
    expect(signatures.map((d) => d.id)).toEqual(['b']);
    expect(seals.map(toPlacement)).toEqual([
      { kind: 'seal', pages: [1, 2], x: 100.12, y: 200, seal: { png: 'AAAA', widthMm: 40 } },
      { kind: 'text', page: 1, x: 10, y: 20, text: '二〇二六年十二月四日', fontSize: 14 },
    ]);
    expect(signaturePlacement(signatures[0]!)).toEqual({ page: 2, x: 150.56, y: 300, widthMm: 36 });
  });

  it('refuses to turn a phone signature into a seal placement', () => {
    expect(() => toPlacement(drafts[1]!)).toThrow();
  });

  it('names each in the list the way the page shows it', () => {
    expect(drafts.map(describeDraft)).toEqual(['多页盖章「公章」 第 1–2 页（2 页）', '签名「张建国」 第 2 页', '文字「二〇二六年十二月四日」 第 1 页']);
  });
});
