import { errorCatalogue } from '@hall/shared/errors';

export type PdfSealErrorCode =
  | 'PDF_UNREADABLE'
  | 'PDF_ENCRYPTED'
  | 'PDF_CHANGED'
  | 'SEAL_NOT_ALLOWED'
  | 'SIGNING_FAILED';

/**
 * The one error this library throws on purpose. The code is a key of the shared error
 * catalogue so the server can pass it through unchanged; the message is for people.
 */
export class PdfSealError extends Error {
  readonly code: PdfSealErrorCode;
  readonly detail?: string;

  constructor(code: PdfSealErrorCode, detail?: string, options?: { cause?: unknown }) {
    const base = errorCatalogue[code].message;
    super(detail ? `${base}（${detail}）` : base, options);
    this.name = 'PdfSealError';
    this.code = code;
    this.detail = detail;
  }
}

export function unreadable(detail: string, cause?: unknown): PdfSealError {
  return new PdfSealError('PDF_UNREADABLE', detail, { cause });
}
