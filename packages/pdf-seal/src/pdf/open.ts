import { PdfReader } from './reader.ts';
import { openSource, type PdfInput } from './source.ts';
import { PdfSealError, unreadable } from '../errors.ts';

/** Opens a PDF for reading; maps every failure to PDF_UNREADABLE. */
export function openPdf(input: PdfInput): PdfReader {
  let source;
  try {
    source = openSource(input);
  } catch (e) {
    throw unreadable('无法打开文件', e);
  }
  try {
    const reader = new PdfReader(source);
    void reader.catalog;
    return reader;
  } catch (e) {
    source.close();
    if (e instanceof PdfSealError) throw e;
    throw unreadable('文件结构已损坏', e);
  }
}

export function refuseEncrypted(reader: PdfReader): void {
  if (reader.encrypted) {
    reader.source.close();
    throw new PdfSealError('PDF_ENCRYPTED');
  }
}
