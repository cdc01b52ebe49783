// One application at the window: its form and materials (with each PDF's signature report, the
// open 补全/补正 with their 补正期限), 特别程序, 办结文书 and history, and the actions 受理,
// 不予受理, 材料补全, 材料补正, 特别程序（开始/结束）, 办结（通过/容缺通过/不通过）, and once the
// enterprise has submitted the owed 容缺材料, 确认补齐 / 退回补齐.
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { isApiError } from '../../../lib/api.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { act, attachmentUrl, DEFERRAL_STATUS_COLORS, signatureReport, staffApplication, statusColor, type Application } from '../api/staff.ts';
import { ActionDialog, type DialogKind } from './action-dialog.tsx';

/** An open request's tag: [on time, overdue]. */
const REQUEST_TAGS = { supplement: ['补全中', '补全中'], correction: ['补正中', '逾期未补正'], deferral: ['待补齐', '逾期未补齐'] } as const;

export function ApplicationDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const [app, setApp] = useState<Application>();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [reports, setReports] = useState<Record<string, string>>({});
  const load = useCallback(() => staffApplication(id).then(setApp).catch(showError), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!app) return <Card loading />;

  async function run(body: Parameters<typeof act>[1], ok: string): Promise<boolean> {
    try {
      setApp(await act(id, body));
      showSuccess(ok);
      setDialog(null);
      return true;
    } catch (err) {
      showError(err);
      return false;
    }
  }

  async function verify(attachmentId: string) {
    try {
      const r = await signatureReport(id, attachmentId);
      setReports((x) => ({ ...x, [attachmentId]: r.signatures.length ? r.signatures.map((s) => s.summary).join('；') : '未签章' }));
    } catch (err) {
      setReports((x) => ({ ...x, [attachmentId]: isApiError(err) ? err.message : '验证失败' }));
    }
  }

  const s = app.state;
  const special = app.specialProcedures.find((p) => !p.endedAt);
  const intake = s === 'submitted' || s === 'supplemented';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={<Space><Button onClick={onBack}>返回</Button>申报流水号 {app.serialNo}</Space>}
        extra={
          <Space wrap>
            <Tag color={statusColor(app.status)} data-testid="staff-status">{app.status}</Tag>
            {intake && <Button type="primary" onClick={() => void run({ action: 'accept' }, '已受理')}>受理</Button>}
            {intake && <Button onClick={() => setDialog('request_supplement')}>材料补全</Button>}
            {intake && <Button danger onClick={() => setDialog('reject')}>不予受理</Button>}
            {s === 'accepted' && <Button onClick={() => setDialog('request_correction')}>材料补正</Button>}
            {s === 'accepted' && !special && <Button onClick={() => setDialog('start_special')}>特别程序</Button>}
            {s === 'accepted' && special && <Button onClick={() => setDialog('end_special')}>结束特别程序</Button>}
            {s === 'accepted' && <Button type="primary" onClick={() => setDialog('finish')}>办结</Button>}
            {app.deferral?.status === 'submitted' && <Button type="primary" onClick={() => setDialog('confirm_deferral')}>确认补齐</Button>}
            {app.deferral?.status === 'submitted' && <Button danger onClick={() => setDialog('return_deferral')}>退回补齐</Button>}
          </Space>
        }
      >
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="项目">{app.project.code} {app.project.name}</Descriptions.Item>
          <Descriptions.Item label="建设单位">{app.project.constructionUnit}</Descriptions.Item>
          <Descriptions.Item label="阶段 / 事项">{app.stage.name} / {app.matter.name}</Descriptions.Item>
          <Descriptions.Item label="联系人">{app.form.contactName} {app.form.contactPhone}</Descriptions.Item>
          <Descriptions.Item label="申报说明">{app.form.description}</Descriptions.Item>
          {app.deferral && (
            <Descriptions.Item label="容缺材料">
              <span data-testid="staff-deferral">
                {app.deferral.materials.map((m) => `${m.index}. ${m.name}`).join('；')}（承诺 {app.deferral.promisedBy} 前补齐）
              </span>{' '}
              <Tag color={DEFERRAL_STATUS_COLORS[app.deferral.status]}>{app.deferral.statusLabel}</Tag>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {app.specialProcedures.length > 0 && (
        <Card title="特别程序">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={app.specialProcedures}
            columns={[
              { title: '程序', dataIndex: 'kindLabel', width: 100 },
              { title: '事由', dataIndex: 'reason' },
              { title: '开始时间', dataIndex: 'startedAt', width: 170, render: (v: string) => formatDateTime(v) },
              { title: '预计结束', key: 'e', width: 150, render: (_, p) => `${formatDate(p.expectedEndAt)}（${p.expectedDays} 天）` },
              { title: '结束', key: 'r', render: (_, p) => (p.endedAt ? `${formatDateTime(p.endedAt)}：${p.result ?? ''}` : <Tag color="purple">进行中</Tag>) },
            ]}
          />
        </Card>
      )}
      <Card title="申报材料">
        <Table
          rowKey="id"
          pagination={false}
          dataSource={app.materials}
          columns={[
            { title: '序号', dataIndex: 'index', width: 60 },
            {
              title: '材料名称',
              key: 'n',
              render: (_, m) => (
                <div>
                  <div>{m.required && <span style={{ color: '#ff4d4f' }}>* </span>}{m.name}</div>
                  {m.notes && <div className="hall-muted">{m.notes}</div>}
                  {m.requests.filter((r) => !r.closedAt).map((r) => (
                    <Tag key={r.id} color={r.overdue ? 'red' : r.kind === 'deferral' ? 'lime' : 'orange'}>
                      {REQUEST_TAGS[r.kind][r.overdue ? 1 : 0]}：{r.reason}
                      {r.deadline && `（${r.kind === 'deferral' ? '承诺补齐日期' : '补正期限'} ${formatDate(r.deadline)}）`}
                    </Tag>
                  ))}
                  {app.deferral?.materials.some((d) => d.id === m.id) && <Tag color={DEFERRAL_STATUS_COLORS[app.deferral.status]}>容缺材料 · {app.deferral.statusLabel}</Tag>}
                  {m.attachments.map((a) => (
                    <div key={a.id}>
                      <Typography.Link href={attachmentUrl(app.id, a.id)} target="_blank">{a.name}</Typography.Link>
                      {a.uploader && <span className="hall-muted">（{a.uploader.unitName} {a.uploader.userName}）</span>}
                      {a.kind === 'pdf' && <Button size="small" type="link" onClick={() => void verify(a.id)}>签章验证</Button>}
                      {reports[a.id] && <div className="hall-muted">{reports[a.id]}</div>}
                    </div>
                  ))}
                </div>
              ),
            },
          ]}
        />
      </Card>
      {app.decision.length > 0 && (
        <Card title="办结文书">
          {app.decision.map((a) => <div key={a.id}><Typography.Link href={attachmentUrl(app.id, a.id)} target="_blank">{a.name}</Typography.Link></div>)}
        </Card>
      )}
      <Card title="办理过程"><Timeline items={app.events.map((e) => ({ children: `${formatDateTime(e.at)} ${e.message}` }))} /></Card>
      <ActionDialog kind={dialog} app={app} onCancel={() => setDialog(null)} onRun={run} />
    </Space>
  );
}
