// The document and each page's displayed size in points (rotation and CropBox applied, as
// pdf.js shows it and as the server places seals).
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useLoadedPdf } from '../../../components/pdf-viewer.tsx';
import type { PageSize } from '../lib/geometry.ts';

export interface LoadedPdf {
  doc: PDFDocumentProxy;
  sizes: PageSize[];
}

async function withPageSizes(doc: PDFDocumentProxy): Promise<LoadedPdf> {
  const sizes: PageSize[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const v = (await doc.getPage(i)).getViewport({ scale: 1 });
    sizes.push({ width: v.width, height: v.height });
  }
  return { doc, sizes };
}

export function usePdf(url: string | undefined): { pdf?: LoadedPdf; error?: string } {
  const { loaded, error } = useLoadedPdf(url, withPageSizes);
  if (!error) return { pdf: loaded };
  return { error: error === 'encrypted' ? 'PDF 文件已加密，无法盖章，请上传未加密的文件' : '文件不是有效的 PDF，无法盖章' };
}
