// One PDF page drawn by pdf.js at a given CSS scale, once it scrolls near the view.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { usePageCanvas } from '../../../components/pdf-viewer.tsx';

interface PageCanvasProps {
  doc: PDFDocumentProxy;
  pageNumber: number;
  /** CSS pixels per point */
  scale: number;
  width: number;
  height: number;
}

export function PageCanvas({ doc, pageNumber, scale, width, height }: PageCanvasProps) {
  const { holder, canvas } = usePageCanvas(doc, pageNumber, { scale });
  return (
    <div ref={holder} className="hall-seal-canvas" style={{ width, height }}>
      <canvas ref={canvas} style={{ width, height }} />
    </div>
  );
}
