// Sizes and positions on the sealing page. A seal is shown at its true size: millimetres →
// PDF points (1/72 inch) → CSS pixels at the current zoom. At 100 % one CSS pixel is 1/96 inch,
// as a printed page would measure on a nominal screen. Positions sent to the server are points
// from the top-left corner of the page as displayed, which is what pdf.js's viewport shows.

export const POINTS_PER_MM = 72 / 25.4;
/** CSS pixels per point at 100 % */
export const PX_PER_POINT = 96 / 72;

export const mmToPoints = (mm: number) => mm * POINTS_PER_MM;

/** pdf.js viewport scale for a zoom (1 = 100 %). */
export const viewportScale = (zoom: number) => zoom * PX_PER_POINT;

export const pointsToPx = (pt: number, zoom: number) => pt * viewportScale(zoom);
export const pxToPoints = (px: number, zoom: number) => px / viewportScale(zoom);

export interface PageSize {
  /** points, as displayed (rotation applied) */
  width: number;
  height: number;
}

export interface SealBox {
  /** points */
  width: number;
  height: number;
}

/** A seal of `widthMm` keeps its image's aspect ratio (height / width). */
export function sealBox(widthMm: number, aspect: number): SealBox {
  const width = mmToPoints(widthMm);
  return { width, height: width * aspect };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** Keeps a seal's centre where the whole seal stays on the page. */
export function clampCentre(x: number, y: number, box: SealBox, page: PageSize): { x: number; y: number } {
  return { x: clamp(x, box.width / 2, page.width - box.width / 2), y: clamp(y, box.height / 2, page.height - box.height / 2) };
}

/** Cross-page seal: strip i of n sits at the right edge, centred at height y. */
export function crossPageStrip(box: SealBox, count: number, index: number, page: PageSize, y: number) {
  const stripWidth = box.width / count;
  return { left: page.width - stripWidth, top: y - box.height / 2, width: stripWidth, height: box.height, imageOffset: -index * stripWidth };
}

/** "1-3, 5" → [1, 2, 3, 5] within 1..pageCount; null when the text is not a page list. */
export function parsePages(text: string, pageCount: number): number[] | null {
  const pages = new Set<number>();
  for (const part of text.split(/[,，、\s]+/).filter(Boolean)) {
    const m = /^(\d+)(?:\s*[-–~至]\s*(\d+))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b < a || b > pageCount) return null;
    for (let p = a; p <= b; p++) pages.add(p);
  }
  return pages.size ? [...pages].sort((x, y) => x - y) : null;
}

/** 2026年12月04日 */
export function chineseDate(d: Date): string {
  return `${d.getFullYear()}年${String(d.getMonth() + 1).padStart(2, '0')}月${String(d.getDate()).padStart(2, '0')}日`;
}
