// One application: its details, the material checklist (序号, 材料名称 with * for required,
// 操作: 附件上传 / 第三方材料上传发起) with the files listed under each row and who uploaded
// them, the window's requests (补全/补正, and after 容缺通过 the owed 容缺材料) and history; 暂存, 申报,
// 提交补全/补正材料, 提交补齐, 撤件,
// 打印预览 (the materials list as an A4 sheet, print-page.tsx, in a new tab), and on rows with
// links 第三方材料上传链接 (see, copy or revoke them again).
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { DEFERRAL_STATUS_COLORS, statusColor } from '@hall/shared/schemas/applications';
import { answer, driveFileUrl, getApplication, listLinks, removeAttachment, submit, submitDeferral, withdraw, type Application, type LinkSummary } from '../api/applications.ts';
import { AttachModal } from './attach-modal.tsx';
import { ThirdPartyModal } from './third-party-modal.tsx';
import { ThirdPartyLinksModal } from './third-party-links-modal.tsx';
import { isApiError } from '../../../lib/api.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { formatDate } from '../../../lib/format.ts';

type Material = Application['materials'][number];

/**
 * An open 补全/补正/容缺补齐 under its row: the reason and the 补正期限 (承诺补齐日期); past it
 * 逾期未补正 / 逾期未补齐, and answering is still open.
 */
function RequestNote({ request: r }: { request: Material['requests'][number] }) {
  const deferral = r.kind === 'deferral';
  const late = deferral ? '，已逾期，仍可提交补齐' : '，已逾期，仍可提交补正材料';
  const until = r.deadline ? `（${deferral ? '承诺补齐日期' : '补正期限'} ${formatDate(r.deadline)}${r.overdue ? late : ''}）` : '';
  const name = { supplement: '材料补全', correction: '材料补正', deferral: '容缺补齐' }[r.kind];
  const label = r.overdue ? `${deferral ? '逾期未补齐' : '逾期未补正'} · ${name}` : name;
  return <Alert style={{ marginTop: 4 }} type={r.overdue ? 'error' : 'warning'} message={`${label}：${r.reason}${until}`} />;
}

const deferralAlert = { owed: 'warning', overdue: 'error', submitted: 'info', confirmed: 'success' } as const;

/** 容缺通过: what is owed and by when, and how far 容缺补齐 has come. */
function DeferralNote({ deferral: d }: { deferral: NonNullable<Application['deferral']> }) {
  const message = {
    owed: `容缺通过：请于 ${d.promisedBy} 前补齐以下容缺材料（在对应材料行“附件上传”后点击“提交补齐”）`,
    overdue: `容缺逾期未补齐：承诺补齐日期 ${d.promisedBy} 已过，请尽快上传以下容缺材料并提交补齐`,
    submitted: '容缺材料已补齐（待确认）：已提交，等待窗口确认',
    confirmed: `容缺材料已确认补齐${d.confirmedAt ? `（${formatDate(d.confirmedAt)}）` : ''}，本申报已办结`,
  }[d.status];
  return (
    <Alert
      type={deferralAlert[d.status]}
      showIcon
      data-testid="deferral"
      message={message}
      description={
        <ul style={{ margin: 0 }}>
          {d.materials.map((m) => (
            <li key={m.id}>{`${m.index}. ${m.name}`} <Tag color={DEFERRAL_STATUS_COLORS[d.status]}>{d.statusLabel}</Tag></li>
          ))}
        </ul>
      }
    />
  );
}

export function ApplicationPage() {
  const { id = '' } = useParams();
  const [app, setApp] = useState<Application>();
  const [attachFor, setAttachFor] = useState<Material | null>(null);
  const [linkFor, setLinkFor] = useState<Material | null>(null);
  const [linksFor, setLinksFor] = useState<Material | null>(null);
  const [links, setLinks] = useState<LinkSummary[]>([]);
  const [missing, setMissing] = useState<string[]>([]);

  const load = useCallback(() => {
    getApplication(id).then(setApp).catch(showError);
  }, [id]);
  const loadLinks = useCallback(() => {
    listLinks(id).then(setLinks).catch(showError);
  }, [id]);
  useEffect(load, [load]);
  useEffect(loadLinks, [loadLinks]);

  if (!app) return <Card loading />;
  const openRequest = (m: Material) => m.requests.find((r) => !r.closedAt);
  const editable = (m: Material) => app.state === 'draft' || Boolean(openRequest(m));
  const hasOpen = app.materials.some((m) => openRequest(m));

  async function run(action: () => Promise<Application>, ok: string) {
    setMissing([]);
    try {
      setApp(await action());
      showSuccess(ok);
    } catch (err) {
      if (isApiError(err) && err.code === 'MATERIALS_MISSING') {
        setMissing(((err.details.missing as { index: number; name: string }[]) ?? []).map((m) => `${m.index}. ${m.name}`));
      }
      showError(err);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="申报信息" extra={<Tag color={statusColor(app.status)} data-testid="application-status">{app.status}</Tag>}>
        <Descriptions column={2} size="small">
          <Descriptions.Item label="申报流水号"><span data-testid="serial-no">{app.serialNo ?? '（申报后生成）'}</span></Descriptions.Item>
          <Descriptions.Item label="项目代码">{app.project.code}</Descriptions.Item>
          <Descriptions.Item label="项目名称">{app.project.name}</Descriptions.Item>
          <Descriptions.Item label="阶段 / 事项">{app.stage.name} / {app.matter.name}</Descriptions.Item>
          <Descriptions.Item label="办理部门">{app.matter.department}</Descriptions.Item>
          <Descriptions.Item label="联系人">{app.form.contactName} {app.form.contactPhone}</Descriptions.Item>
          {app.reason && <Descriptions.Item label="窗口意见">{app.reason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {app.deferral && <DeferralNote deferral={app.deferral} />}
      {app.specialProcedures.map((p) => (
        <Alert
          key={p.id}
          type={p.endedAt ? 'info' : 'warning'}
          showIcon
          data-testid="special-procedure"
          message={`${p.endedAt ? '特别程序（已结束）' : '特别程序中'}：${p.kindLabel}`}
          description={`${p.reason}。开始 ${formatDate(p.startedAt)}，预计 ${p.expectedDays} 天（至 ${formatDate(p.expectedEndAt)}）${p.endedAt ? `；${formatDate(p.endedAt)} 结束：${p.result ?? ''}` : ''}`}
        />
      ))}
      {missing.length > 0 && <Alert type="error" showIcon message="以下必须提交的材料未上传" description={<ul>{missing.map((m) => <li key={m}>{m}</li>)}</ul>} />}
      <Card
        title="材料上传"
        extra={
          <Space>
            <Button href={`/print/applications/${app.id}`} target="_blank">打印预览</Button>
            {app.state === 'draft' && <Button type="primary" onClick={() => void run(() => submit(app.id), '申报成功')}>申报</Button>}
            {hasOpen && app.state === 'finished' && <Button type="primary" onClick={() => void run(() => submitDeferral(app.id), '已提交补齐，等待窗口确认')}>提交补齐</Button>}
            {hasOpen && app.state !== 'finished' && <Button type="primary" onClick={() => void run(() => answer(app.id), '已提交')}>{app.state === 'supplement_required' ? '提交补全材料' : '提交补正材料'}</Button>}
            {['draft', 'submitted', 'supplement_required'].includes(app.state) && (
              <Popconfirm title="确定撤件吗？" onConfirm={() => void run(() => withdraw(app.id), '已撤件')}>
                <Button danger>撤件</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Table<Material>
          rowKey="id"
          dataSource={app.materials}
          pagination={false}
          columns={[
            { title: '序号', dataIndex: 'index', width: 60 },
            {
              title: '材料名称',
              key: 'name',
              render: (_, m) => (
                <div>
                  <div>{m.required && <span style={{ color: '#ff4d4f' }}>* </span>}{m.name}</div>
                  {m.notes && <div className="hall-muted">{m.notes}</div>}
                  {openRequest(m) && <RequestNote request={openRequest(m)!} />}
                  {app.deferral?.materials.some((d) => d.id === m.id) && <Tag color={DEFERRAL_STATUS_COLORS[app.deferral.status]}>容缺材料 · {app.deferral.statusLabel}</Tag>}
                  {m.attachments.map((a) => (
                    <div key={a.id} className="hall-attachment">
                      <Typography.Link href={driveFileUrl(a.fileId, a.version)} target="_blank">{a.name}</Typography.Link>
                      {a.uploader && a.source === 'third-party' && <span className="hall-muted">（第三方：{a.uploader.unitName} {a.uploader.userName}）</span>}
                      {(app.state === 'draft' || (a.requestId && openRequest(m)?.id === a.requestId)) && (
                        <Button size="small" type="link" danger onClick={() => void run(() => removeAttachment(app.id, a.id), '已删除')}>删除</Button>
                      )}
                    </div>
                  ))}
                </div>
              ),
            },
            {
              title: '操作',
              key: 'ops',
              width: 200,
              render: (_, m) => (
                <Space direction="vertical" size={0}>
                  {editable(m) && <Button type="link" onClick={() => setAttachFor(m)}>附件上传</Button>}
                  {editable(m) && <Button type="link" onClick={() => setLinkFor(m)}>第三方材料上传发起</Button>}
                  {links.some((l) => l.materialId === m.id) && <Button type="link" onClick={() => setLinksFor(m)}>第三方材料上传链接</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {app.decision.length > 0 && (
        <Card title="办结文书">
          {app.decision.map((a) => <div key={a.id}><Typography.Link href={driveFileUrl(a.fileId, a.version)} target="_blank">{a.name}</Typography.Link></div>)}
        </Card>
      )}
      <Card title="办理过程">
        <Timeline items={app.events.map((e) => ({ children: `${new Date(e.at).toLocaleString('zh-CN')} ${e.message}` }))} />
      </Card>
      <AttachModal applicationId={app.id} material={attachFor} onClose={(updated) => { setAttachFor(null); if (updated) setApp(updated); }} />
      <ThirdPartyModal applicationId={app.id} material={linkFor} onClose={() => { setLinkFor(null); load(); loadLinks(); }} />
      <ThirdPartyLinksModal material={linksFor} links={links.filter((l) => l.materialId === linksFor?.id)} onClose={() => setLinksFor(null)} onChanged={loadLinks} />
    </Space>
  );
}
