// The document as the sealing page shows it: page thumbnails on the left, the pages at the
// chosen zoom in the middle with the drafts over them.
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import type { Draft } from '../lib/drafts.ts';
import { pointsToPx, viewportScale } from '../lib/geometry.ts';
import type { LoadedPdf } from '../hooks/use-pdf.ts';
import { PageCanvas } from './page-canvas.tsx';
import { DraftLayer } from './draft-layer.tsx';

const THUMB_WIDTH = 96;

export interface DocumentViewHandle {
  scrollToPage: (page: number) => void;
  /** CSS pixels available for a page's width */
  availableWidth: () => number;
}

interface DocumentViewProps {
  pdf: LoadedPdf;
  zoom: number;
  drafts: Draft[];
  selected?: string;
  currentPage: number;
  onCurrentPage: (page: number) => void;
  onSelect: (id: string) => void;
  onMove: (id: string, x: number, y: number) => void;
  onRemove: (id: string) => void;
}

export const DocumentView = forwardRef<DocumentViewHandle, DocumentViewProps>(function DocumentView(
  { pdf, zoom, drafts, selected, currentPage, onCurrentPage, onSelect, onMove, onRemove },
  ref,
) {
  const scroller = useRef<HTMLDivElement>(null);
  const scale = viewportScale(zoom);

  const scrollToPage = useCallback((page: number) => {
    const el = scroller.current?.querySelector<HTMLElement>(`[data-page="${page}"]`);
    if (el && scroller.current) scroller.current.scrollTo({ top: el.offsetTop - 12 });
  }, []);
  useImperativeHandle(ref, () => ({ scrollToPage, availableWidth: () => (scroller.current?.clientWidth ?? 0) - 32 }), [scrollToPage]);

  // the page whose top half is in view counts as the current one
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      const pages = el.querySelectorAll<HTMLElement>('[data-page]');
      const mid = el.scrollTop + el.clientHeight / 3;
      let current = 1;
      for (const p of pages) if (p.offsetTop <= mid) current = Number(p.dataset.page);
      onCurrentPage(current);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [onCurrentPage, pdf]);

  return (
    <div className="hall-seal-document">
      <div className="hall-seal-thumbs" data-testid="seal-thumbnails">
        {pdf.sizes.map((size, i) => {
          const s = THUMB_WIDTH / size.width;
          return (
            <button type="button" key={i} className={`hall-seal-thumb${currentPage === i + 1 ? ' is-current' : ''}`} onClick={() => scrollToPage(i + 1)} title={`第 ${i + 1} 页`}>
              <PageCanvas doc={pdf.doc} pageNumber={i + 1} scale={s} width={THUMB_WIDTH} height={Math.round(size.height * s)} />
              <span>{i + 1}</span>
            </button>
          );
        })}
      </div>
      <div className="hall-seal-pages" ref={scroller} data-testid="seal-pages" data-zoom={zoom}>
        {pdf.sizes.map((size, i) => (
          <div
            key={i}
            className="hall-seal-page"
            data-page={i + 1}
            data-width-pt={size.width}
            data-height-pt={size.height}
            style={{ width: pointsToPx(size.width, zoom), height: pointsToPx(size.height, zoom) }}
            onPointerDown={() => onSelect('')}
          >
            <PageCanvas doc={pdf.doc} pageNumber={i + 1} scale={scale} width={pointsToPx(size.width, zoom)} height={pointsToPx(size.height, zoom)} />
            <DraftLayer page={i + 1} size={size} zoom={zoom} drafts={drafts} selected={selected} onSelect={onSelect} onMove={onMove} onRemove={onRemove} />
          </div>
        ))}
      </div>
    </div>
  );
});
