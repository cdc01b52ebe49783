// 智能引导 rules as data, keyed by the catalogue's matter and material ids (src/db/seed). The
// catalogue models 情形 only as text (notes), so the machine-readable side lives here. Each
// explanation is the published rule, worded so it reads right whether it applies or not.
import { materialId } from '../db/seed/catalogue-data.ts';

export interface GuideCondition {
  /** all (default): every given criterion must hold; any: one is enough */
  mode?: 'all' | 'any';
  projectTypes?: string[];
  flagsAny?: string[];
  /** 总投资 strictly above this many 万元 (“30万元以下” includes 30) */
  investmentOverWan?: number;
  /** 建筑面积 strictly above this many 平方米 */
  areaOverM2?: number;
}

export interface SeedGuideRule {
  id: string;
  matterId: string;
  materialId: string | null;
  condition: GuideCondition;
  explanation: string;
  /** material rules: words the material's name must contain (ids are positions, so a moved row is caught by a test) */
  nameIncludes?: string;
}

const matterRule = (matterId: string, condition: GuideCondition, explanation: string): SeedGuideRule => ({ id: `matter:${matterId}`, matterId, materialId: null, condition, explanation });
const materialRule = (matterId: string, index: number, nameIncludes: string, condition: GuideCondition, explanation: string): SeedGuideRule => {
  const id = materialId(matterId, index - 1);
  return { id: `material:${id}`, matterId, materialId: id, condition, explanation, nameIncludes };
};

export const seedGuideRules: SeedGuideRule[] = [
  matterRule(
    'jzgcsgxk',
    { investmentOverWan: 30, areaOverM2: 300 },
    '工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证；超过的应当申请领取施工许可证。',
  ),
  matterRule('xfsjsc', { flagsAny: ['special-construction'] }, '特殊建设工程（如大型人员密集场所等）应当申请消防设计审查；其他建设工程在施工许可时一并提交消防设计文件。'),
  matterRule('czljcz', { flagsAny: ['construction-waste'] }, '施工中产生建筑垃圾需要处置的，应当申请城市建筑垃圾处置核准。'),
  materialRule('jsydghxk', 4, '用地预审与选址意见书', { flagsAny: ['allocated-land'] }, '以划拨方式取得国有土地使用权的提供。'),
  materialRule('jsydghxk', 5, '授权委托书', { flagsAny: ['agent'] }, '委托他人办理的提供。'),
  materialRule('jsgcghxk', 6, '用地预审与选址意见书', { flagsAny: ['allocated-land'] }, '以划拨方式取得国有土地使用权的提供。'),
  materialRule('jsgcghxk', 7, '授权委托书', { flagsAny: ['agent'] }, '委托他人办理的提供。'),
  materialRule('jzgcsgxk', 1, '特殊消防设计文件', { flagsAny: ['special-fire-design'] }, '国家工程建设消防技术标准没有规定、拟采用新技术新工艺新材料可能影响消防安全，或拟采用国际标准、境外消防技术标准的提供。'),
  materialRule('jzgcsgxk', 9, '主管部门批准的证明文件', { flagsAny: ['crowded-temporary'] }, '依法需要主管部门批准的临时性建筑，属于人员密集场所的，应当提供。'),
  materialRule('jzgcsgxk', 13, '危险性较大分部分项工程清单', { flagsAny: ['dangerous-works'] }, '含危险性较大的分部分项工程的提供。'),
  materialRule('jzgcsgxk', 14, '施工组织设计', { flagsAny: ['supervised'] }, '需监理的项目提供，由总监理工程师签署审查意见。'),
  materialRule('xfsjsc', 4, '临时性建筑的批准文件', { mode: 'any', projectTypes: ['temporary'], flagsAny: ['crowded-temporary'] }, '依法需要批准的临时性建筑，应当提供。'),
  materialRule('xfsjsc', 5, '特殊消防设计文件', { flagsAny: ['special-fire-design'] }, '特殊建设工程具有《建设工程消防设计审查验收管理暂行规定》第十七条情形之一的提供。'),
  materialRule('xfsjsc', 6, '特殊消防设计专家评审意见', { flagsAny: ['special-fire-design'] }, '提交特殊消防设计文件的提供。'),
  materialRule('jgysba', 6, '住宅质量保证书', { projectTypes: ['commercial-housing'] }, '商品住宅工程提供。'),
  materialRule('jgysba', 8, '人民防空工程', { flagsAny: ['civil-air-defense'] }, '建有人防工程的提供。'),
];
