import { Type, type Static } from '@sinclair/typebox';
import { Enterprise } from './session.ts';

export const HomeQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
});
export type HomeQuery = Static<typeof HomeQuery>;

export const InProgressItem = Type.Object({
  serialNo: Type.String({ description: '申报流水号' }),
  projectCode: Type.String({ description: '项目代码' }),
  projectName: Type.String({ description: '项目名称' }),
  stage: Type.String({ description: '阶段' }),
  matter: Type.String({ description: '事项' }),
  status: Type.String({ description: '状态' }),
  applicationId: Type.String(),
});
export type InProgressItem = Static<typeof InProgressItem>;

export const Home = Type.Object({
  profile: Enterprise,
  stats: Type.Object({
    submitted: Type.Integer({ description: '已申报' }),
    finished: Type.Integer({ description: '已办结' }),
    materialsComplete: Type.Integer({ description: '材料齐全' }),
    materialsCorrection: Type.Integer({ description: '材料补正' }),
  }),
  inProgress: Type.Object({ items: Type.Array(InProgressItem), total: Type.Integer() }),
});
export type Home = Static<typeof Home>;
