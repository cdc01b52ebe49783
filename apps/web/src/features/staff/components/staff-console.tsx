// 窗口人员工作台 (/staff): login with password + 动态口令, the queue of submitted applications,
// one application's form and materials (with each PDF's signature report), and the actions
// 受理, 不予受理, 材料补全, 材料补正, 办结.
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Layout, Modal, Radio, Select, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { isApiError } from '../../../lib/api.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { act, attachmentUrl, queue, signatureReport, staffApplication, staffLogin, staffLogout, staffMe, uploadDecision, type Application, type ApplicationList, type StaffMe } from '../api/staff.ts';

const STATES = [
  { value: '', label: '全部' },
  { value: 'submitted', label: '已申报' },
  { value: 'supplemented', label: '已补全' },
  { value: 'supplement_required', label: '待补全' },
  { value: 'accepted', label: '已受理' },
  { value: 'finished', label: '已办结' },
  { value: 'rejected', label: '不予受理' },
];

type Dialog = 'reject' | 'request_supplement' | 'request_correction' | 'finish' | null;

function Detail({ id, onBack }: { id: string; onBack: () => void }) {
  const [app, setApp] = useState<Application>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reports, setReports] = useState<Record<string, string>>({});
  const [decision, setDecision] = useState<File>();
  const [form] = Form.useForm();
  const load = useCallback(() => staffApplication(id).then(setApp).catch(showError), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!app) return <Card loading />;

  async function run(body: Parameters<typeof act>[1], ok: string) {
    try {
      setApp(await act(id, body));
      showSuccess(ok);
      setDialog(null);
      form.resetFields();
    } catch (err) {
      showError(err);
    }
  }

  async function confirm() {
    const v = await form.validateFields();
    if (dialog === 'reject') return run({ action: 'reject', reason: v.reason }, '已不予受理');
    if (dialog === 'request_supplement') return run({ action: 'request_supplement', reason: v.reason, materialIds: v.materialIds }, '已通知材料补全');
    if (dialog === 'request_correction')
      return run({ action: 'request_correction', reason: v.reason, materialIds: v.materialIds, deadline: v.deadline ? v.deadline.toDate().toISOString() : undefined }, '已通知材料补正');
    if (dialog === 'finish') {
      let decisionFileId: string | undefined;
      if (decision) decisionFileId = (await uploadDecision(id, decision).catch((err: unknown) => { showError(err); throw err; })).fileId;
      return run({ action: 'finish', outcome: v.outcome, reason: v.reason, decisionFileId }, '已办结');
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

  const materialOptions = app.materials.map((m) => ({ value: m.id, label: `${m.index}. ${m.name}` }));
  const s = app.state;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={<Space><Button onClick={onBack}>返回</Button>申报流水号 {app.serialNo}</Space>}
        extra={
          <Space>
            <Tag color="blue" data-testid="staff-status">{app.status}</Tag>
            {['submitted', 'supplemented'].includes(s) && <Button type="primary" onClick={() => void run({ action: 'accept' }, '已受理')}>受理</Button>}
            {['submitted', 'supplemented'].includes(s) && <Button onClick={() => setDialog('request_supplement')}>材料补全</Button>}
            {['submitted', 'supplemented'].includes(s) && <Button danger onClick={() => setDialog('reject')}>不予受理</Button>}
            {s === 'accepted' && <Button onClick={() => setDialog('request_correction')}>材料补正</Button>}
            {s === 'accepted' && <Button type="primary" onClick={() => setDialog('finish')}>办结</Button>}
          </Space>
        }
      >
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="项目">{app.project.code} {app.project.name}</Descriptions.Item>
          <Descriptions.Item label="建设单位">{app.project.constructionUnit}</Descriptions.Item>
          <Descriptions.Item label="阶段 / 事项">{app.stage.name} / {app.matter.name}</Descriptions.Item>
          <Descriptions.Item label="联系人">{app.form.contactName} {app.form.contactPhone}</Descriptions.Item>
          <Descriptions.Item label="申报说明">{app.form.description}</Descriptions.Item>
        </Descriptions>
      </Card>
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
                  {m.requests.filter((r) => !r.closedAt).map((r) => <Tag key={r.id} color="orange">{r.kind === 'supplement' ? '补全中' : '补正中'}：{r.reason}</Tag>)}
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
      <Card title="办理过程"><Timeline items={app.events.map((e) => ({ children: `${new Date(e.at).toLocaleString('zh-CN')} ${e.message}` }))} /></Card>
      <Modal
        open={dialog !== null}
        title={{ reject: '不予受理', request_supplement: '材料补全', request_correction: '材料补正', finish: '办结' }[dialog ?? 'reject']}
        onCancel={() => setDialog(null)}
        onOk={() => void confirm()}
        okText="确定"
        cancelText="取消"
      >
        <Form form={form} layout="vertical" initialValues={{ outcome: 'pass' }}>
          {(dialog === 'request_supplement' || dialog === 'request_correction') && (
            <Form.Item name="materialIds" label="需要补交的材料" rules={[{ required: true, message: '请选择材料' }]}>
              <Checkbox.Group options={materialOptions} style={{ display: 'flex', flexDirection: 'column' }} />
            </Form.Item>
          )}
          {dialog === 'request_correction' && <Form.Item name="deadline" label="补正期限"><DatePicker /></Form.Item>}
          {dialog === 'finish' && (
            <>
              <Form.Item name="outcome" label="办结结果"><Radio.Group options={[{ value: 'pass', label: '通过' }, { value: 'fail', label: '不通过' }]} /></Form.Item>
              <Form.Item label="办结文书">
                <Upload maxCount={1} beforeUpload={(f) => { setDecision(f); return false; }} onRemove={() => setDecision(undefined)}>
                  <Button icon={<UploadOutlined />}>选择文件</Button>
                </Upload>
              </Form.Item>
            </>
          )}
          <Form.Item name="reason" label={dialog === 'finish' ? '办结意见' : '原因'} rules={dialog === 'finish' ? [] : [{ required: true, message: '请填写原因' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function Queue({ onOpen }: { onOpen: (id: string) => void }) {
  const [state, setState] = useState('submitted');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ApplicationList>({ items: [], total: 0 });
  useEffect(() => {
    queue(state || undefined, page).then(setData).catch(showError);
  }, [state, page]);
  return (
    <Card title="申报队列" extra={<Select value={state} onChange={(v) => { setState(v); setPage(1); }} options={STATES} style={{ width: 140 }} aria-label="状态" />}>
      <Table
        rowKey="applicationId"
        dataSource={data.items}
        pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '申报流水号', dataIndex: 'serialNo' },
          { title: '申报单位', dataIndex: 'unitName' },
          { title: '项目', key: 'p', render: (_, r) => <div><div className="hall-muted">{r.projectCode}</div>{r.projectName}</div> },
          { title: '事项', dataIndex: 'matter' },
          { title: '状态', dataIndex: 'status', render: (x: string) => <Tag>{x}</Tag> },
          { title: '申报时间', dataIndex: 'submittedAt', render: (x: string | null) => (x ? new Date(x).toLocaleString('zh-CN') : '') },
          { title: '操作', key: 'a', render: (_, r) => <Button type="link" onClick={() => onOpen(r.applicationId)}>办理</Button> },
        ]}
      />
    </Card>
  );
}

function Login({ onDone }: { onDone: (me: StaffMe) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Card title="窗口人员登录" style={{ maxWidth: 400, margin: '80px auto' }}>
      <Form
        layout="vertical"
        onFinish={(v: { username: string; password: string; code: string }) => {
          setBusy(true);
          staffLogin(v).then(onDone).catch(showError).finally(() => setBusy(false));
        }}
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true }]}><Input autoComplete="username" /></Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true }]}><Input.Password autoComplete="current-password" /></Form.Item>
        <Form.Item name="code" label="动态口令" rules={[{ required: true, pattern: /^\d{6}$/, message: '6 位数字' }]}><Input inputMode="numeric" autoComplete="one-time-code" /></Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
      </Form>
    </Card>
  );
}

export function StaffConsole() {
  const [me, setMe] = useState<StaffMe | null>();
  const [openId, setOpenId] = useState<string>();
  useEffect(() => {
    staffMe().then(setMe).catch(() => setMe(null));
  }, []);
  if (me === undefined) return null;
  if (me === null) return <Login onDone={setMe} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ color: '#fff', display: 'flex', justifyContent: 'space-between' }}>
        <span>景德镇市工程建设项目审批管理系统 · 窗口人员工作台</span>
        <Space>
          {me.name}
          <Button size="small" onClick={() => void staffLogout().then(() => setMe(null))}>退出</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{openId ? <Detail id={openId} onBack={() => setOpenId(undefined)} /> : <Queue onOpen={setOpenId} />}</Layout.Content>
    </Layout>
  );
}
