// A PDF shown page by page with pdf.js. Pages render when they scroll into view, so a
// 300-page application bundle opens as fast as a one-page form. The sealing page draws its
// pages with the same hooks.
import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

// Served from the pdfjs-dist package by the hall-pdfjs-assets plugin in vite.config.ts.
const ASSETS = '/pdfjs/';

/** Opens a PDF of the hall (cookies sent) with pdf.js's CMaps, fonts and decoders; the sealing page uses it too. */
export function openPdfDocument(url: string) {
  return getDocument({
    url,
    withCredentials: true,
    cMapUrl: `${ASSETS}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${ASSETS}standard_fonts/`,
    iccUrl: `${ASSETS}iccs/`,
    wasmUrl: `${ASSETS}wasm/`,
  });
}

/** Why a PDF could not be opened. */
export type PdfOpenError = 'encrypted' | 'unreadable';

/**
 * Opens the PDF at `url` and runs `load` over the document (page sizes and the like); a new
 * url or unmounting cancels both. `load` should be a stable (module-level) function.
 */
export function useLoadedPdf<T>(url: string | undefined, load: (doc: PDFDocumentProxy) => Promise<T>): { loaded?: T; error?: PdfOpenError } {
  const [loaded, setLoaded] = useState<T>();
  const [error, setError] = useState<PdfOpenError>();
  useEffect(() => {
    if (!url) return;
    setLoaded(undefined);
    setError(undefined);
    const task = openPdfDocument(url);
    // A destroyed task rejects; that is this effect's clean-up, not a broken file.
    let cancelled = false;
    void (async () => {
      try {
        const value = await load(await task.promise);
        if (!cancelled) setLoaded(() => value);
      } catch (err) {
        if (cancelled) return;
        console.error('pdf.js could not open', url, err);
        setError(err instanceof Error && err.name === 'PasswordException' ? 'encrypted' : 'unreadable');
      }
    })();
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [url, load]);
  return { loaded, error };
}

type RenderTask = ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['render']>;

/**
 * Draws one page into the returned canvas once its holder comes within 600 px of the view,
 * at `fit.scale` CSS pixels per point or fitted to `fit.width` CSS pixels (sharp on HiDPI
 * screens). `ratio` is the page's height / width once known.
 */
export function usePageCanvas(doc: PDFDocumentProxy, pageNumber: number, fit: { scale: number } | { width: number }) {
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  const [ratio, setRatio] = useState<number>();
  const fitScale = 'scale' in fit ? fit.scale : undefined;
  const fitWidth = 'width' in fit ? fit.width : undefined;

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        io.disconnect();
      }
    }, { rootMargin: '600px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);

  useEffect(() => {
    if (!visible || !canvas.current) return;
    let cancelled = false;
    let task: RenderTask | undefined;
    void (async () => {
      const page = await doc.getPage(pageNumber);
      if (cancelled || !canvas.current) return;
      const base = page.getViewport({ scale: 1 });
      setRatio(base.height / base.width);
      const scale = fitScale ?? fitWidth! / base.width;
      const dpr = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * dpr });
      const c = canvas.current;
      c.width = Math.floor(viewport.width);
      c.height = Math.floor(viewport.height);
      // a page drawn at a given scale has its CSS size from its owner, one fitted to a width here
      if (fitWidth !== undefined) {
        c.style.width = `${fitWidth}px`;
        c.style.height = `${Math.floor(viewport.height / dpr)}px`;
      }
      task = page.render({ canvas: c, viewport });
      await task.promise.catch(() => undefined);
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [visible, doc, pageNumber, fitScale, fitWidth]);

  return { holder, canvas, ratio };
}

interface PdfViewerProps {
  url: string;
  /** CSS width the pages are fitted to */
  width: number;
  onLoaded?: (pageCount: number) => void;
}

function PdfPage({ doc, pageNumber, width, ratio }: { doc: PDFDocumentProxy; pageNumber: number; width: number; ratio: number }) {
  const page = usePageCanvas(doc, pageNumber, { width });
  return (
    <div ref={page.holder} className="hall-pdf-page" style={{ width, minHeight: Math.round(width * (page.ratio ?? ratio)) }} data-page={pageNumber}>
      <canvas ref={page.canvas} />
    </div>
  );
}

/** The document with its first page's height / width (the size pages take before they render). */
async function withFirstPageRatio(doc: PDFDocumentProxy): Promise<{ doc: PDFDocumentProxy; ratio: number }> {
  const v = (await doc.getPage(1)).getViewport({ scale: 1 });
  return { doc, ratio: v.height / v.width };
}

export function PdfViewer({ url, width, onLoaded }: PdfViewerProps) {
  const { loaded, error } = useLoadedPdf(url, withFirstPageRatio);
  const doc = loaded?.doc;

  useEffect(() => {
    if (doc) onLoaded?.(doc.numPages);
    // onLoaded is a notification only; a new callback must not notify again.
  }, [doc]);

  if (error) return <Alert type="error" showIcon title={error === 'encrypted' ? 'PDF 文件已加密，无法预览' : '文件不是有效的 PDF，无法预览'} />;
  if (!doc) {
    return (
      <div className="hall-loading">
        <Spin description="正在加载文件…">
          <div style={{ width: 200, height: 60 }} />
        </Spin>
      </div>
    );
  }
  return (
    <div className="hall-pdf" data-testid="pdf-viewer" data-pages={doc.numPages}>
      {Array.from({ length: doc.numPages }, (_, i) => (
        <PdfPage key={i + 1} doc={doc} pageNumber={i + 1} width={width} ratio={loaded.ratio} />
      ))}
    </div>
  );
}
