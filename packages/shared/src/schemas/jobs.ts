import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.ts';

export const JobState = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]);
export type JobState = Static<typeof JobState>;

export const Job = Type.Object({
  id: Uuid,
  type: Type.String(),
  state: JobState,
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  result: Type.Optional(Type.Unknown()),
});
export type Job = Static<typeof Job>;
