// 智能引导: the questionnaire and what it answers. Browser-safe: TypeBox only.
import { Type, type Static } from '@sinclair/typebox';

export const GUIDE_PROJECT_TYPES = {
  housing: '房屋建筑工程',
  'commercial-housing': '商品住宅工程',
  municipal: '市政基础设施工程',
  industrial: '工业项目',
  temporary: '临时性建筑',
} as const;
export type GuideProjectType = keyof typeof GUIDE_PROJECT_TYPES;

/** 特殊情形 the questionnaire asks about; guide rules name them in flagsAny. */
export const GUIDE_FLAGS = {
  'allocated-land': '以划拨方式取得国有土地使用权',
  agent: '委托他人（代办人员）办理',
  'special-construction': '属于特殊建设工程（如大型人员密集场所），需办理消防设计审查',
  'special-fire-design': '采用特殊消防设计或国际标准、境外消防技术标准',
  'crowded-temporary': '依法需要主管部门批准的临时性建筑，属于人员密集场所',
  'dangerous-works': '含危险性较大的分部分项工程',
  supervised: '需要监理的项目',
  'construction-waste': '施工中产生建筑垃圾、需要外运处置',
  'civil-air-defense': '建有人民防空工程',
} as const;
export type GuideFlag = keyof typeof GUIDE_FLAGS;

export const GuideAnswers = Type.Object(
  {
    projectType: Type.Union(Object.keys(GUIDE_PROJECT_TYPES).map((k) => Type.Literal(k as GuideProjectType))),
    /** 总投资（万元） */
    investmentWan: Type.Number({ minimum: 0, maximum: 1e9 }),
    /** 建筑面积（平方米） */
    areaM2: Type.Number({ minimum: 0, maximum: 1e9 }),
    /** the stage the project is about to go through: catalogue stage id */
    stageId: Type.String({ minLength: 1 }),
    flags: Type.Array(Type.Union(Object.keys(GUIDE_FLAGS).map((k) => Type.Literal(k as GuideFlag))), { maxItems: 20, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type GuideAnswers = Static<typeof GuideAnswers>;

export const GuideQuestions = Type.Object({
  projectTypes: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  stages: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  flags: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
});
export type GuideQuestions = Static<typeof GuideQuestions>;

/** required: * 必交; needed: your answers make it needed; maybe: 视情况提供 (read its notes); not-needed */
export const GuideMaterialNeed = Type.Union([Type.Literal('required'), Type.Literal('needed'), Type.Literal('maybe'), Type.Literal('not-needed')]);
export type GuideMaterialNeed = Static<typeof GuideMaterialNeed>;

export const GuideResult = Type.Object({
  matters: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      stageId: Type.String(),
      stageName: Type.String(),
      department: Type.String(),
      timeLimitDays: Type.Integer(),
      applies: Type.Boolean(),
      reason: Type.String(),
      materials: Type.Array(
        Type.Object({ id: Type.String(), index: Type.Integer(), name: Type.String(), notes: Type.String(), need: GuideMaterialNeed, reason: Type.String() }),
      ),
    }),
  ),
});
export type GuideResult = Static<typeof GuideResult>;
