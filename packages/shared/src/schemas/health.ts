import { Type, type Static } from '@sinclair/typebox';

export const HealthCheck = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });
export type HealthCheck = Static<typeof HealthCheck>;

/**
 * 'degraded' only when the database or the blob store fails; a missing converter or an
 * unreachable key agent shows in its check but leaves the server 'ok' (the key agent runs on
 * the user's PC, not beside the server).
 */
export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  checks: Type.Object({
    database: HealthCheck,
    blobStore: HealthCheck,
    converter: HealthCheck,
    keyAgent: HealthCheck,
  }),
});
export type Health = Static<typeof Health>;
