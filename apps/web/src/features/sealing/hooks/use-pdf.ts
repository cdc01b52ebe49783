// The document and each page's displayed size in points (rotation and CropBox applied, as
// pdf.js shows it and as the server places seals).
import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdfDocument } from '../../../components/pdf-viewer.tsx';
import type { PageSize } from '../lib/geometry.ts';

export interface LoadedPdf {
  doc: PDFDocumentProxy;
  sizes: PageSize[];
}

export function usePdf(url: string | undefined): { pdf?: LoadedPdf; error?: string } {
  const [pdf, setPdf] = useState<LoadedPdf>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!url) return;
    setPdf(undefined);
    setError(undefined);
    const task = openPdfDocument(url);
    let cancelled = false;
    task.promise.then(
      async (doc) => {
        const sizes: PageSize[] = [];
        for (let i = 1; i <= doc.numPages; i++) {
          const v = (await doc.getPage(i)).getViewport({ scale: 1 });
          sizes.push({ width: v.width, height: v.height });
        }
        if (!cancelled) setPdf({ doc, sizes });
      },
      (err: unknown) => {
        if (cancelled) return;
        const name = err instanceof Error ? err.name : '';
        setError(name === 'PasswordException' ? 'PDF 文件已加密，无法盖章，请上传未加密的文件' : '文件不是有效的 PDF，无法盖章');
      },
    );
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [url]);
  return { pdf, error };
}
