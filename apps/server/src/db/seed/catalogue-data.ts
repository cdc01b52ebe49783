// The matter catalogue of Jingdezhen's approval system as data: four stages plus 并行推进, the
// matters an enterprise applies for here, and each matter's material checklist (* = required).
// The construction permit's 15 rows are the manual's table word for word; the others follow the
// published 办事指南 of the same matters. Ids are stable codes: applications refer to them.
// This is the first filling only: rows already in the database are the administrator's (事项目录)
// and are not rewritten from here (see catalogue/seed-catalogue.ts).

export interface SeedMaterial {
  name: string;
  required: boolean;
  notes?: string;
}

export interface SeedMatter {
  id: string;
  stageId: string;
  name: string;
  department: string;
  timeLimitDays: number;
  materials: SeedMaterial[];
}

export const seedStages = [
  { id: 'lxydgh', name: '立项用地规划许可', sortOrder: 1 },
  { id: 'gcjsxk', name: '工程建设许可', sortOrder: 2 },
  { id: 'sgxk', name: '施工许可', sortOrder: 3 },
  { id: 'jgys', name: '竣工验收', sortOrder: 4 },
  { id: 'bxtj', name: '并行推进', sortOrder: 5 },
];

export const seedMatters: SeedMatter[] = [
  {
    id: 'jsydghxk',
    stageId: 'lxydgh',
    name: '建设用地规划许可证核发',
    department: '景德镇市自然资源和规划局',
    timeLimitDays: 5,
    materials: [
      { name: '建设用地规划许可申请表', required: true },
      { name: '建设项目批准、核准、备案文件', required: true },
      { name: '国有建设用地使用权出让合同或划拨决定书', required: true },
      { name: '建设项目用地预审与选址意见书', required: false, notes: '以划拨方式取得国有土地使用权的提供' },
      { name: '授权委托书及受托人身份证明', required: false, notes: '委托他人办理的提供' },
    ],
  },
  {
    id: 'jsgcghxk',
    stageId: 'gcjsxk',
    name: '建设工程规划许可证核发',
    department: '景德镇市自然资源和规划局',
    timeLimitDays: 10,
    materials: [
      { name: '建设工程规划许可申请表', required: true },
      { name: '使用土地的有关证明文件', required: true, notes: '不动产权证书、国有建设用地使用权出让合同或划拨决定书等' },
      { name: '建设工程设计方案总平面图', required: true, notes: '含电子文件' },
      { name: '建设工程设计方案审查意见', required: true },
      { name: '建筑施工图（平面图、立面图、剖面图）', required: true },
      { name: '建设项目用地预审与选址意见书', required: false, notes: '以划拨方式取得国有土地使用权的提供' },
      { name: '授权委托书及受托人身份证明', required: false, notes: '委托他人办理的提供' },
    ],
  },
  {
    id: 'jzgcsgxk',
    stageId: 'sgxk',
    name: '建筑工程施工许可证核发',
    department: '景德镇市住房和城乡建设局',
    timeLimitDays: 3,
    materials: [
      {
        name: '提供特殊消防设计文件,或者设计采用的国际标准、境外消防技术标准的中文文本,以及其他有关消防设计的应用实例、产品说明等技术资料',
        required: false,
        notes: '适用范围: (一) 国家工程建设消防技术标准没有规定的; (二) 消防设计文件拟采用的新技术、新工艺、新材料可能影响消防安全,不符合国家标准规定的; (三) 拟采用国际标准或者境外消防技术标准的',
      },
      { name: '建设工程消防设计审查申请表', required: true },
      { name: '开联审批的建筑工程施工许可申请表', required: false },
      { name: '建设资金已经落实承诺书', required: false },
      { name: '消防设计文件', required: true },
      { name: '建设、勘察、设计、施工、监理单位法定代表人签署的项目负责人授权委托书及项目负责人签署的质量终身责任承诺书', required: false },
      { name: '建设工程规划许可证明文件 (依法需要办理建设工程规划许可的, 应当提供) (可用初审意见替代)', required: true },
      { name: '建设、施工、监理单位法定代表人及项目负责人安全生产承诺书', required: false },
      { name: '主管部门批准的证明文件 (依法需要主管部门批准的临时性建筑, 属于人员密集场所的, 应当提供)', required: false },
      {
        name: '建筑工程用地批准手续 (国有土地使用证、国有土地使用权出让批准书、建设用地批准书或建设用地规划许可证等) (可用初审意见替代)',
        required: true,
      },
      {
        name: '建设工程规划许可证 (土方开挖与基坑支护阶段可用自然资源与规划主管部门出具的规划条件批文代替, 地下室阶段可用自然资源与规划主管部门出具的修建性详细规划、总平面图、建设工程设计方案审查意见代替)',
        required: true,
      },
      { name: '中标通知书或直接发包告知书、施工合同、监理合同', required: true },
      { name: '危险性较大分部分项工程清单', required: false },
      { name: '施工组织设计 (需监理的项目, 由总监理工程师签署审查意见)', required: false },
      { name: '建设单位、施工单位、监理单位现场联合验收意见', required: false },
    ],
  },
  {
    id: 'xfsjsc',
    stageId: 'sgxk',
    name: '建设工程消防设计审查',
    department: '景德镇市住房和城乡建设局',
    timeLimitDays: 15,
    materials: [
      { name: '建设工程消防设计审查申请表', required: true },
      { name: '消防设计文件', required: true },
      { name: '建设工程规划许可证明文件', required: true, notes: '依法需要办理建设工程规划许可的，应当提供' },
      { name: '临时性建筑的批准文件', required: false, notes: '依法需要批准的临时性建筑，应当提供' },
      {
        name: '特殊消防设计文件，或者设计采用的国际标准、境外消防技术标准的中文文本，以及其他有关消防设计的应用实例、产品说明等技术资料',
        required: false,
        notes: '特殊建设工程具有《建设工程消防设计审查验收管理暂行规定》第十七条情形之一的提供',
      },
      { name: '特殊消防设计专家评审意见', required: false, notes: '提交特殊消防设计文件的提供' },
    ],
  },
  {
    id: 'jgysba',
    stageId: 'jgys',
    name: '竣工验收备案',
    department: '景德镇市住房和城乡建设局',
    timeLimitDays: 5,
    materials: [
      { name: '房屋建筑和市政基础设施工程竣工验收备案表', required: true },
      { name: '工程竣工验收报告', required: true, notes: '含工程报建日期，施工许可证号，施工图设计文件审查意见，勘察、设计、施工、监理单位分别签署的质量合格文件及验收人员签署的竣工验收原始文件' },
      { name: '施工单位签署的工程质量保修书', required: true },
      { name: '法律、行政法规规定应当由规划、环保等部门出具的认可文件或者准许使用文件', required: true },
      { name: '建设工程消防验收意见书或消防验收备案凭证', required: true },
      { name: '住宅质量保证书和住宅使用说明书', required: false, notes: '商品住宅工程提供' },
      { name: '城镇排水与污水处理设施竣工验收材料', required: false },
      { name: '人民防空工程竣工验收备案材料', required: false, notes: '建有人防工程的提供' },
    ],
  },
  {
    id: 'czljcz',
    stageId: 'bxtj',
    name: '城市建筑垃圾处置核准',
    department: '景德镇市城市管理局',
    timeLimitDays: 5,
    materials: [
      { name: '城市建筑垃圾处置核准申请表', required: true },
      { name: '建筑垃圾处置方案', required: true, notes: '含建筑垃圾的种类、数量、运输路线及消纳场所' },
      { name: '与运输单位签订的建筑垃圾运输合同', required: true },
      { name: '消纳场所证明材料', required: false },
    ],
  },
];

/** A material's stable id: matter code + 序号. */
export function materialId(matterId: string, index: number): string {
  return `${matterId}-${String(index + 1).padStart(2, '0')}`;
}
