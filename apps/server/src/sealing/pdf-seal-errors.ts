// pdf-seal's error codes are keys of the shared catalogue; its message (with the detail) is
// already the Chinese sentence a user should read.
import { PdfSealError } from '@hall/pdf-seal';
import { HallError } from '@hall/shared/errors';

export async function asHallErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PdfSealError) throw new HallError(err.code, err.message);
    throw err;
  }
}
