import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.ts';

export const Enterprise = Type.Object({
  id: Uuid,
  unitName: Type.String({ description: '单位名称' }),
  creditCode: Type.String({ description: '统一社会信用代码' }),
  legalRepresentative: Type.String({ description: '法定代表人' }),
  phone: Type.String({ description: '联系电话' }),
  profileComplete: Type.Boolean({ description: 'false until the first-login unit-info form is confirmed' }),
});
export type Enterprise = Static<typeof Enterprise>;

export const Me = Type.Object({
  user: Type.Object({ id: Uuid, name: Type.String() }),
  enterprise: Enterprise,
});
export type Me = Static<typeof Me>;
