// 窗口人员工作台 (/staff): login with password + 动态口令, then the pages: 申报队列 (/staff: the
// queue and one application's handling), 问题反馈 (/staff/feedback: answering the units) and, for
// administrators only, 事项目录 (/staff/catalogue: matters and their material checklists).
import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Layout, Menu, Space } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { showError } from '../../../lib/notify.ts';
import { staffLogin, staffLogout, staffMe, type StaffMe } from '../api/staff.ts';
import { ApplicationDetail } from './application-detail.tsx';
import { ApplicationQueue } from './application-queue.tsx';
import { FeedbackDesk } from './feedback-desk.tsx';
import { CatalogueEditor } from './catalogue-editor.tsx';

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
  const navigate = useNavigate();
  const path = useLocation().pathname.replace(/\/+$/, '');
  const feedbackPage = path.endsWith('/staff/feedback');
  useEffect(() => {
    staffMe().then(setMe).catch(() => setMe(null));
  }, []);
  if (me === undefined) return null;
  if (me === null) return <Login onDone={setMe} />;
  const cataloguePage = me.roles.includes('admin') && path.endsWith('/staff/catalogue');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ color: '#fff', display: 'flex', alignItems: 'center', gap: 24 }}>
        <span style={{ whiteSpace: 'nowrap' }}>景德镇市工程建设项目审批管理系统 · 窗口人员工作台</span>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[feedbackPage ? 'feedback' : cataloguePage ? 'catalogue' : 'queue']}
          style={{ flex: 1, minWidth: 0 }}
          items={[
            { key: 'queue', label: '申报队列' },
            { key: 'feedback', label: '问题反馈' },
            ...(me.roles.includes('admin') ? [{ key: 'catalogue', label: '事项目录' }] : []),
          ]}
          onClick={({ key }) => {
            setOpenId(undefined);
            void navigate(key === 'queue' ? '/staff' : `/staff/${key}`);
          }}
        />
        <Space style={{ whiteSpace: 'nowrap' }}>
          {me.name}
          <Button size="small" onClick={() => void staffLogout().then(() => setMe(null))}>退出</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {feedbackPage ? <FeedbackDesk /> : cataloguePage ? <CatalogueEditor /> : openId ? <ApplicationDetail id={openId} onBack={() => setOpenId(undefined)} /> : <ApplicationQueue onOpen={setOpenId} />}
      </Layout.Content>
    </Layout>
  );
}
