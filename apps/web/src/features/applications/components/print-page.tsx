// 打印预览: one application's materials list on an A4 page, outside the hall's frame (opened in a
// new tab from the application page). Each attached file is its own table row, so that its
// 来源 stays on the same line as its name however long the name wraps; the material's 序号,
// 名称 and 份数 span its files. PDFs carry their signature count and verdict (签章验证).
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { getApplicationForPrint, type Application } from '../api/applications.ts';
import { errorText } from '../../../lib/notify.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import './print-page.css';

type Material = Application['materials'][number];
type Attachment = Material['attachments'][number];

function sourceOf(a: Attachment): string {
  if (a.source === 'third-party') return a.uploader ? `第三方上传（${a.uploader.unitName}${a.uploader.userName ? ` ${a.uploader.userName}` : ''}）` : '第三方上传';
  if (a.source === 'upload') return '本地上传';
  if (a.source === 'window') return '窗口上传';
  return a.myMaterial ? `我的材料（${a.myMaterial}）` : '云盘';
}

/** The PDF's signatures in words, and whether that is a problem worth marking. */
function signaturesOf(a: Attachment): { text: string; problem: boolean } | null {
  if (a.kind !== 'pdf' || a.signatures === undefined) return null;
  if (a.signatures === null) return { text: '签章无法验证', problem: true };
  if (a.signatures.count === 0) return { text: '未签章', problem: false };
  return { text: `签章 ${a.signatures.count} 个，${a.signatures.valid ? '验证有效' : '验证未通过'}`, problem: !a.signatures.valid };
}

function MaterialRows({ m }: { m: Material }) {
  const files: (Attachment | null)[] = m.attachments.length ? m.attachments : [null];
  const span = files.length;
  return files.map((a, i) => {
    const signatures = a && signaturesOf(a);
    return (
      <tr key={a?.id ?? m.id} className={i === 0 ? 'hall-print-first' : undefined}>
        {i === 0 && (
          <>
            <td rowSpan={span} className="hall-print-center">{m.index}</td>
            <td rowSpan={span}>
              {m.required && <span className="hall-print-required">* </span>}
              {m.name}
            </td>
          </>
        )}
        <td>
          {a ? (
            <>
              <div>{a.name}</div>
              <div className="hall-print-muted">
                第 {a.version} 版{signatures && <span className={signatures.problem ? 'hall-print-warn' : undefined}>；{signatures.text}</span>}
              </div>
            </>
          ) : (
            <span className="hall-print-muted">{m.required ? '未上传（必须提交）' : '未上传'}</span>
          )}
        </td>
        <td>{a ? sourceOf(a) : ''}</td>
        {i === 0 && <td rowSpan={span} className="hall-print-center">{m.attachments.length}</td>}
      </tr>
    );
  });
}

export function ApplicationPrintPage() {
  const { id = '' } = useParams();
  const [app, setApp] = useState<Application>();
  const [error, setError] = useState<string>();

  // The hall's grey page background would print as a grey band under a short last page.
  useEffect(() => {
    document.body.classList.add('hall-print-body');
    return () => document.body.classList.remove('hall-print-body');
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    getApplicationForPrint(id, abort.signal)
      .then((a) => {
        setApp(a);
        document.title = `${a.matter.name} 申报材料清单`;
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted) setError(errorText(err));
      });
    return () => abort.abort();
  }, [id]);

  if (error) return <div className="hall-print-message" role="alert">{error}</div>;
  if (!app) return <div className="hall-print-message">正在生成打印预览（验证材料签章）…</div>;

  const filled = app.materials.filter((m) => m.attachments.length > 0).length;
  return (
    <div className="hall-print">
      <div className="hall-print-actions">
        <button type="button" onClick={() => window.print()}>打印</button>
        <span>A4 纵向；打印时本栏不输出</span>
      </div>
      <h1>{app.matter.name} 申报材料清单</h1>
      <table className="hall-print-info">
        <colgroup>
          <col style={{ width: '15%' }} />
          <col style={{ width: '35%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '35%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>申报流水号</th>
            <td data-testid="print-serial-no">{app.serialNo ?? '暂存'}</td>
            <th>办理状态</th>
            <td>{app.status}</td>
          </tr>
          <tr>
            <th>项目名称</th>
            <td colSpan={3}>{app.project.name}</td>
          </tr>
          <tr>
            <th>{app.project.codeKind === 'investment' ? '投资项目代码' : '项目代码（自动赋码）'}</th>
            <td>{app.project.code}</td>
            <th>阶段</th>
            <td>{app.stage.name}</td>
          </tr>
          <tr>
            <th>申报单位</th>
            <td>{app.applicant.unitName}</td>
            <th>统一社会信用代码</th>
            <td>{app.applicant.creditCode}</td>
          </tr>
          <tr>
            <th>申报时间</th>
            <td>{app.submittedAt ? formatDateTime(app.submittedAt) : '尚未申报'}</td>
            <th>办理部门</th>
            <td>{app.matter.department}</td>
          </tr>
        </tbody>
      </table>
      <table className="hall-print-materials">
        <thead>
          <tr>
            <th style={{ width: '7%' }}>序号</th>
            <th style={{ width: '37%' }}>材料名称</th>
            <th style={{ width: '30%' }}>文件</th>
            <th style={{ width: '18%' }}>来源</th>
            <th style={{ width: '8%' }}>份数</th>
          </tr>
        </thead>
        <tbody>
          {app.materials.map((m) => (
            <MaterialRows key={m.id} m={m} />
          ))}
        </tbody>
      </table>
      <p className="hall-print-muted">
        注：带 * 的为必须提交的材料。共 {app.materials.length} 项材料，已上传 {filled} 项；签章情况为打印时的验证结果。
      </p>
      <div className="hall-print-footer">
        <div>打印日期：{formatDate(new Date())}</div>
        <div className="hall-print-seal">
          <div>申报单位（盖章）：</div>
          <div className="hall-print-date">{'年\u3000\u3000月\u3000\u3000日'}</div>
        </div>
      </div>
    </div>
  );
}
