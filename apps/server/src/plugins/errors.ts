// The one place errors become HTTP answers: {code, message, ...details} with the catalogue's
// status. Unknown errors are logged with their stack and answered INTERNAL, never shown.
import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { HallError, errorCatalogue, type ErrorCode } from '@hall/shared/errors';
import { describeValidation } from '../web/validation-messages.ts';

// Fastify's and its plugins' own error codes → ours.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_PROTO_VIOLATION: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'NOT_FOUND',
};

export function toHallError(err: FastifyError | Error): HallError | null {
  if (err instanceof HallError) return err;
  const fe = err as FastifyError & { validation?: unknown };
  if (fe.validation) {
    const fields = describeValidation(fe.validation as never, (fe as { validationContext?: string }).validationContext);
    return new HallError('VALIDATION_FAILED', `${errorCatalogue.VALIDATION_FAILED.message}：${fields.map((f) => `${f.field}${f.message}`).join('；')}`, { fields });
  }
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return new HallError(mapped);
  if (err instanceof SyntaxError && fe.statusCode === 400) return new HallError('INVALID_JSON');
  if (fe.statusCode === 404) return new HallError('NOT_FOUND');
  if (fe.statusCode === 405) return new HallError('METHOD_NOT_ALLOWED');
  if (fe.statusCode === 413) return new HallError('PAYLOAD_TOO_LARGE');
  if (fe.statusCode === 415) return new HallError('UNSUPPORTED_MEDIA_TYPE');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new HallError('BAD_REQUEST');
  return null;
}

export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const known = toHallError(err);
      if (!known) {
        request.log.error({ err }, 'unhandled error');
        return reply.status(500).send({ code: 'INTERNAL', message: errorCatalogue.INTERNAL.message });
      }
      if (known.status >= 500) request.log.error({ err }, known.code);
      else request.log.info({ code: known.code }, 'request refused');
      return reply.status(known.status).send({ ...known.details, code: known.code, message: known.message });
    });
  },
  { name: 'errors' },
);
