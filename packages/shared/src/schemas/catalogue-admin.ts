// 事项目录 as the administrator edits it in the staff console: stages → matters → each matter's
// material checklist, 停用 rows included. Browser-safe: TypeBox only.
import { Type, type Static } from '@sinclair/typebox';

export const MATERIAL_STATUS = { active: '启用', inactive: '停用' } as const;

export const AdminMaterial = Type.Object({
  id: Type.String(),
  matterId: Type.String(),
  /** 序号 */
  index: Type.Integer(),
  name: Type.String(),
  /** 必要 (* in the checklist) */
  required: Type.Boolean(),
  /** 情形说明 */
  notes: Type.String(),
  /** false: 停用 (not in new checklists nor 智能引导) */
  active: Type.Boolean(),
});
export type AdminMaterial = Static<typeof AdminMaterial>;

export const AdminMatter = Type.Object({
  id: Type.String(),
  stageId: Type.String(),
  name: Type.String(),
  department: Type.String(),
  timeLimitDays: Type.Integer(),
  materials: Type.Array(AdminMaterial),
});
export type AdminMatter = Static<typeof AdminMatter>;

export const AdminCatalogue = Type.Array(Type.Object({ id: Type.String(), name: Type.String(), matters: Type.Array(AdminMatter) }));
export type AdminCatalogue = Static<typeof AdminCatalogue>;

export const MatterParams = Type.Object({ matterId: Type.String({ minLength: 1, maxLength: 64 }) });
export const MaterialParams = Type.Object({ materialId: Type.String({ minLength: 1, maxLength: 64 }) });

const matterFields = {
  name: Type.String({ minLength: 1, maxLength: 100, description: '事项名称' }),
  department: Type.String({ minLength: 1, maxLength: 100, description: '实施部门' }),
  timeLimitDays: Type.Integer({ minimum: 1, maximum: 365, description: '办结时限（工作日）' }),
};

/** 编辑事项: any of name, department, time limit. */
export const EditMatterBody = Type.Partial(Type.Object(matterFields), { additionalProperties: false, minProperties: 1 });
export type EditMatterBody = Static<typeof EditMatterBody>;

const materialFields = {
  name: Type.String({ minLength: 1, maxLength: 500, description: '材料名称' }),
  required: Type.Boolean({ description: '必要（清单中标 *）' }),
  notes: Type.String({ maxLength: 2000, description: '情形说明：何种情形下需要提供' }),
  index: Type.Integer({ minimum: 1, maximum: 999, description: '序号：放到第几项（其后的材料依次后移）' }),
};

/** 新增材料: at the end unless a 序号 is given. */
export const AddMaterialBody = Type.Object(
  { name: materialFields.name, required: materialFields.required, notes: Type.Optional(materialFields.notes), index: Type.Optional(materialFields.index) },
  { additionalProperties: false },
);
export type AddMaterialBody = Static<typeof AddMaterialBody>;

/** 编辑材料: any of name, required, notes, 序号. */
export const EditMaterialBody = Type.Partial(Type.Object(materialFields), { additionalProperties: false, minProperties: 1 });
export type EditMaterialBody = Static<typeof EditMaterialBody>;
