// A PDF shown page by page with pdf.js. Pages render when they scroll into view, so a
// 300-page application bundle opens as fast as a one-page form. The sealing page reuses this.
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

interface PdfViewerProps {
  url: string;
  /** CSS width the pages are fitted to */
  width: number;
  onLoaded?: (pageCount: number) => void;
}

function PdfPage({ doc, pageNumber, width, ratio }: { doc: PDFDocumentProxy; pageNumber: number; width: number; ratio: number }) {
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  const [pageRatio, setPageRatio] = useState(ratio);

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
    let task: ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['render']> | undefined;
    void (async () => {
      const page = await doc.getPage(pageNumber);
      if (cancelled || !canvas.current) return;
      const base = page.getViewport({ scale: 1 });
      setPageRatio(base.height / base.width);
      const scale = width / base.width;
      const dpr = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * dpr });
      const c = canvas.current;
      c.width = Math.floor(viewport.width);
      c.height = Math.floor(viewport.height);
      c.style.width = `${width}px`;
      c.style.height = `${Math.floor(viewport.height / dpr)}px`;
      task = page.render({ canvas: c, viewport });
      await task.promise.catch(() => undefined);
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [visible, doc, pageNumber, width]);

  return (
    <div ref={holder} className="hall-pdf-page" style={{ width, minHeight: Math.round(width * pageRatio) }} data-page={pageNumber}>
      <canvas ref={canvas} />
    </div>
  );
}

export function PdfViewer({ url, width, onLoaded }: PdfViewerProps) {
  const [doc, setDoc] = useState<PDFDocumentProxy>();
  const [ratio, setRatio] = useState(1.414);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setDoc(undefined);
    setError(undefined);
    const task = openPdfDocument(url);
    // A destroyed task rejects; that is this effect's clean-up, not a broken file.
    let cancelled = false;
    void (async () => {
      try {
        const d = await task.promise;
        const first = await d.getPage(1);
        if (cancelled) return;
        const v = first.getViewport({ scale: 1 });
        setRatio(v.height / v.width);
        setDoc(d);
        onLoaded?.(d.numPages);
      } catch (err) {
        if (cancelled) return;
        console.error('pdf.js could not open', url, err);
        const name = err instanceof Error ? err.name : '';
        setError(name === 'PasswordException' ? 'PDF 文件已加密，无法预览' : '文件不是有效的 PDF，无法预览');
      }
    })();
    return () => {
      cancelled = true;
      void task.destroy();
    };
    // onLoaded is a notification only; a new callback must not reload the document.
  }, [url]);

  if (error) return <Alert type="error" showIcon title={error} />;
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
        <PdfPage key={i + 1} doc={doc} pageNumber={i + 1} width={width} ratio={ratio} />
      ))}
    </div>
  );
}
