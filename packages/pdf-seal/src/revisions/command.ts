// `pdfseal revisions IN.pdf [--json] [--extract N -o OUT.pdf]`
import { extractSignedRevision, listDocumentRevisions, type RevisionInfo } from './revisions.ts';

const KIND_NAMES: Record<string, string> = {
  'page-content': '页面内容',
  annotation: '注释',
  'form-field': '表单域',
  signature: '签章',
  dss: '验证数据(DSS)',
  other: '其他',
};

function describe(r: RevisionInfo): string[] {
  const lines = [`版本 ${r.number}${r.number === 1 ? '（原始文件）' : ''}：字节 ${r.start}–${r.end}`];
  for (const s of r.signatures)
    lines.push(`  签章 #${s.number} ${s.field}：${s.signer ?? '签章人未知'}${s.certification ? `（认证签章 P=${s.certification}）` : ''}`);
  lines.push(`  被签章覆盖：${r.coveredBy.length ? r.coveredBy.join('、') : '无'}`);
  if (r.number > 1) {
    const n = (a: 'added' | 'changed' | 'deleted') => r.changes.filter((c) => c.action === a).length;
    const kinds = Object.entries(r.counts)
      .map(([k, c]) => [k, c.added + c.changed + c.deleted] as const)
      .filter(([, t]) => t > 0)
      .map(([k, t]) => `${KIND_NAMES[k]} ${t}`);
    lines.push(`  修改：新增 ${n('added')}、修改 ${n('changed')}、删除 ${n('deleted')} 个对象${kinds.length ? `（${kinds.join('，')}）` : ''}`);
    for (const c of r.changes) lines.push(`    ${c.allowed ? '允许' : '不允许'}  对象 ${c.object}  ${KIND_NAMES[c.kind]}  ${{ added: '新增', changed: '修改', deleted: '删除' }[c.action]}：${c.reason}`);
  }
  return lines;
}

export interface RevisionsArgs {
  input?: string;
  json: boolean;
  extract?: string;
  output?: string;
}

/** Exit code: 0 listed or extracted, 2 bad usage or unreadable input (errors are thrown). */
export async function revisionsCommand(a: RevisionsArgs): Promise<number> {
  if (!a.input) {
    console.error('需要输入文件');
    return 2;
  }
  if (a.extract !== undefined) {
    if (!a.output) {
      console.error('--extract 需要 -o 输出文件');
      return 2;
    }
    const which = /^\d+$/.test(a.extract) ? Number(a.extract) : a.extract;
    await extractSignedRevision(a.input, which, a.output);
    console.log(`已写出签章 ${a.extract} 签署时的文件: ${a.output}`);
    return 0;
  }
  const report = await listDocumentRevisions(a.input);
  if (a.json) console.log(JSON.stringify(report, null, 2));
  else if (!report.readable) console.log('文件的交叉引用结构已损坏，无法区分各个版本');
  else for (const r of report.revisions) console.log(describe(r).join('\n'));
  return 0;
}
