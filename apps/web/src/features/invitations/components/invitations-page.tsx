// The initiator's view of a file's requests: 发起盖章/签名, each party's state (待处理, 已盖章/已签名,
// 已拒绝, 已过期), resend an SMS, revoke a request. The finished file is the drive's newest version.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useRequest } from '../../../hooks/use-request.ts';
import { errorText } from '../../../lib/notify.ts';
import { listInvitations, resendSms, revokeInvitation, type Party } from '../api/invitations.ts';
import { InviteDialog } from './invite-dialog.tsx';

const statusColor: Record<Party['status'], string> = { pending: 'processing', done: 'success', rejected: 'error', expired: 'default', revoked: 'default' };

export function InvitationsPage() {
  const [params, setParams] = useSearchParams();
  const fileId = params.get('fileId') ?? undefined;
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(params.get('new') === '1' && Boolean(fileId));
  const { data, loading, reload } = useRequest((signal) => listInvitations(fileId, signal), [fileId]);
  const fileName = data?.[0]?.fileName;

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  return (
    <Card
      title="发起盖章、签名"
      extra={
        fileId && (
          <Space>
            <Link to={`/seal/${fileId}`}>返回盖章</Link>
            <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)}>
              发起盖章/签名
            </Button>
          </Space>
        )
      }
    >
      {!fileId && <Alert style={{ marginBottom: 12 }} type="info" showIcon message="在我的云盘或盖章页面选中一个 PDF 文件后，点击发起盖章/签名。" />}
      {!loading && !data?.length && <Empty description="暂无发起记录" />}
      {data?.map((inv) => (
        <Card
          key={inv.id}
          type="inner"
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space>
              <span>{inv.projectName}</span>
              <Typography.Text type="secondary">{inv.fileName}</Typography.Text>
              {inv.revoked && <Tag>已撤销</Tag>}
            </Space>
          }
          extra={
            !inv.revoked && (
              <Popconfirm title="撤销后各方的链接都将失效，确定撤销吗？" onConfirm={() => act(() => revokeInvitation(inv.id), '已撤销')}>
                <Button size="small" danger>
                  撤销
                </Button>
              </Popconfirm>
            )
          }
        >
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={inv.parties}
            columns={[
              { title: '类型', dataIndex: 'kind', width: 60, render: (k: string) => (k === 'enterprise' ? '企业' : '个人') },
              { title: '单位名称/姓名', dataIndex: 'name' },
              { title: '统一社会信用代码/身份证号', render: (_, p: Party) => p.creditCode ?? p.idNumberMasked },
              { title: '联系人', dataIndex: 'contactName', width: 80 },
              { title: '手机号码', dataIndex: 'phone', width: 120 },
              { title: '状态', width: 90, render: (_, p: Party) => <Tag color={statusColor[p.status]} data-testid={`party-status-${p.name}`}>{p.statusLabel}</Tag> },
              { title: '完成', width: 160, render: (_, p: Party) => (p.doneAt ? `${new Date(p.doneAt).toLocaleString('zh-CN')}${p.resultVersion ? `（第 ${p.resultVersion} 版）` : ''}` : '') },
              {
                title: '操作',
                width: 110,
                render: (_, p: Party) =>
                  (p.status === 'pending' || p.status === 'expired') && !inv.revoked ? (
                    <Button size="small" onClick={() => act(async () => {
                      const fresh = await resendSms(p.id);
                      if (fresh.link) await navigator.clipboard?.writeText(fresh.link).catch(() => {});
                    }, '已重发短信（新链接已复制，旧链接失效）')}>
                      重发短信
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      ))}
      {fileId && <InviteDialog fileId={fileId} fileName={fileName} open={open} onClose={(sent) => {
            setOpen(false);
            // a reload should not reopen the dialog
            if (params.has('new')) setParams((p) => { p.delete('new'); return p; }, { replace: true });
            if (sent) reload();
          }} />}
      {fileId && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          各方完成后，盖章、签名后的文件自动保存为云盘中该文件的新版本。
        </Typography.Paragraph>
      )}
    </Card>
  );
}
