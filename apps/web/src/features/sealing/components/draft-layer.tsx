// The drafts shown on one page, each draggable with the mouse. A seal on many pages moves on
// all of them at once (same place on every page); a cross-page seal moves only up and down.
import { useRef } from 'react';
import { CloseOutlined } from '@ant-design/icons';
import { boxOf, onPage, type Draft } from '../lib/drafts.ts';
import { clampCentre, crossPageStrip, pointsToPx, pxToPoints, type PageSize } from '../lib/geometry.ts';

interface DraftLayerProps {
  page: number;
  size: PageSize;
  zoom: number;
  drafts: Draft[];
  selected?: string;
  onSelect: (id: string) => void;
  onMove: (id: string, x: number, y: number) => void;
  onRemove: (id: string) => void;
}

interface DragStart {
  id: string;
  pointerX: number;
  pointerY: number;
  x: number;
  y: number;
}

export function DraftLayer({ page, size, zoom, drafts, selected, onSelect, onMove, onRemove }: DraftLayerProps) {
  const drag = useRef<DragStart | null>(null);
  const px = (pt: number) => pointsToPx(pt, zoom);

  const start = (e: React.PointerEvent, d: Draft) => {
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    onSelect(d.id);
    drag.current = { id: d.id, pointerX: e.clientX, pointerY: e.clientY, x: d.kind === 'cross-page' ? 0 : d.x, y: d.y };
  };
  const move = (e: React.PointerEvent, d: Draft) => {
    const s = drag.current;
    if (!s || s.id !== d.id) return;
    let x = s.x + pxToPoints(e.clientX - s.pointerX, zoom);
    let y = s.y + pxToPoints(e.clientY - s.pointerY, zoom);
    if (d.kind !== 'text') ({ x, y } = clampCentre(x, y, boxOf(d.seal), size));
    else ({ x, y } = { x: Math.min(Math.max(x, 0), size.width - 10), y: Math.min(Math.max(y, 0), size.height - 10) });
    onMove(d.id, d.kind === 'cross-page' ? 0 : x, y);
  };
  const end = () => {
    drag.current = null;
  };

  const handlers = (d: Draft) => ({
    onPointerDown: (e: React.PointerEvent) => start(e, d),
    onPointerMove: (e: React.PointerEvent) => move(e, d),
    onPointerUp: end,
    onPointerCancel: end,
  });
  const removeButton = (d: Draft) =>
    selected === d.id ? (
      <button type="button" className="hall-draft-remove" title="删除" aria-label="删除" onPointerDown={(e) => e.stopPropagation()} onClick={() => onRemove(d.id)}>
        <CloseOutlined />
      </button>
    ) : null;

  return (
    <div className="hall-draft-layer">
      {drafts.filter((d) => onPage(d, page)).map((d) => {
        const cls = `hall-draft hall-draft-${d.kind}${selected === d.id ? ' is-selected' : ''}`;
        if (d.kind === 'text') {
          return (
            <div key={d.id} className={cls} data-draft={d.id} style={{ left: px(d.x), top: px(d.y), fontSize: px(d.fontSize) }} {...handlers(d)}>
              {d.text}
              {removeButton(d)}
            </div>
          );
        }
        const box = boxOf(d.seal);
        if (d.kind === 'cross-page') {
          const strip = crossPageStrip(box, d.pages.length, d.pages.indexOf(page), size, d.y);
          return (
            <div
              key={d.id}
              className={cls}
              data-draft={d.id}
              style={{
                left: px(strip.left),
                top: px(strip.top),
                width: px(strip.width),
                height: px(strip.height),
                backgroundImage: `url("${d.seal.src}")`,
                backgroundSize: `${px(box.width)}px ${px(box.height)}px`,
                backgroundPosition: `${px(strip.imageOffset)}px 0`,
              }}
              {...handlers(d)}
            >
              {removeButton(d)}
            </div>
          );
        }
        return (
          <div
            key={d.id}
            className={cls}
            data-draft={d.id}
            style={{ left: px(d.x - box.width / 2), top: px(d.y - box.height / 2), width: px(box.width), height: px(box.height) }}
            {...handlers(d)}
          >
            <img src={d.seal.src} alt={d.seal.name} draggable={false} />
            {removeButton(d)}
          </div>
        );
      })}
    </div>
  );
}
