import { describe, expect, it } from 'vitest';
import { chineseDate, clampCentre, crossPageStrip, mmToPoints, parsePages, pointsToPx, pxToPoints, sealBox } from './geometry.ts';

describe('sealing geometry', () => {
  it('a 42 mm seal is 119.06 pt, and 158.74 CSS px at 100 %', () => {
    expect(mmToPoints(42)).toBeCloseTo(119.055, 2);
    expect(pointsToPx(mmToPoints(42), 1)).toBeCloseTo(158.74, 1);
    expect(pointsToPx(mmToPoints(42), 0.5)).toBeCloseTo(79.37, 1);
  });

  it('screen pixels and points convert back exactly at any zoom', () => {
    for (const zoom of [0.5, 0.75, 1, 1.5, 2]) expect(pxToPoints(pointsToPx(123.4, zoom), zoom)).toBeCloseTo(123.4, 9);
  });

  it('keeps a seal on the page and cuts cross-page strips from the right edge', () => {
    const box = sealBox(42, 1);
    expect(clampCentre(0, 900, box, { width: 595, height: 842 })).toEqual({ x: box.width / 2, y: 842 - box.height / 2 });
    const strip = crossPageStrip(box, 4, 1, { width: 595, height: 842 }, 400);
    expect(strip.width).toBeCloseTo(box.width / 4, 9);
    expect(strip.left).toBeCloseTo(595 - box.width / 4, 9);
    expect(strip.imageOffset).toBeCloseTo(-box.width / 4, 9);
  });

  it('reads page lists as people type them', () => {
    expect(parsePages('1-3, 5', 6)).toEqual([1, 2, 3, 5]);
    expect(parsePages('2，4、6', 6)).toEqual([2, 4, 6]);
    expect(parsePages('1-9', 6)).toBeNull();
    expect(parsePages('abc', 6)).toBeNull();
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate(new Date(2026, 11, 4))).toBe('2026年12月04日');
  });
});
