// 第三方材料上传链接 (the manual: 可查看链接，复制链接发给第三方单位): every link made for one
// material row, each with its URL and 访问码 to copy, 有效期至, state and 撤销. The URL is asked
// for link by link; a revoked, expired or older link shows the server's reason instead.
import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Empty, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { revealLink, revokeLink, type LinkSummary, type RevealedLink } from '../api/applications.ts';
import { errorText, showError, showSuccess } from '../../../lib/notify.ts';
import { formatDateTime } from '../../../lib/format.ts';

interface Props {
  material: { id: string; name: string } | null;
  /** the row's links, newest first */
  links: LinkSummary[];
  onClose: () => void;
  /** after 撤销: the page reloads the links */
  onChanged: () => void;
}

function StateTags({ link }: { link: LinkSummary }) {
  return (
    <Space size={4} data-testid="third-party-link-state">
      {link.revoked ? <Tag>已撤销</Tag> : link.expired ? <Tag color="red">已过期</Tag> : <Tag color="green">有效</Tag>}
      {link.uploadCount > 0 && <Tag color="blue">已使用</Tag>}
    </Space>
  );
}

function LinkCard({ link, onChanged }: { link: LinkSummary; onChanged: () => void }) {
  const [shown, setShown] = useState<{ link?: RevealedLink; reason?: string }>({});

  useEffect(() => {
    let live = true;
    revealLink(link.id)
      .then((l) => live && setShown({ link: l }))
      .catch((err: unknown) => live && setShown({ reason: errorText(err) }));
    return () => {
      live = false;
    };
  }, [link.id, link.revoked, link.expired]);

  async function revoke() {
    try {
      await revokeLink(link.id);
      showSuccess('已撤销');
      onChanged();
    } catch (err) {
      showError(err);
    }
  }

  return (
    <Card
      size="small"
      data-testid="third-party-link"
      title={link.thirdPartyName || '（未填写第三方单位）'}
      extra={
        <Space>
          <StateTags link={link} />
          {!link.revoked && !link.expired && (
            <Popconfirm title="撤销后该链接不能再上传，确定吗？" onConfirm={() => void revoke()}>
              <Button size="small" danger>撤销</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label="链接">
          {shown.link ? (
            <Typography.Text copyable={{ text: shown.link.url }} data-testid="third-party-link-url" style={{ wordBreak: 'break-all' }}>
              {shown.link.url}
            </Typography.Text>
          ) : shown.reason ? (
            <Typography.Text type="warning" data-testid="third-party-link-reason">{shown.reason}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">读取中…</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="访问码">
          {!link.hasAccessCode ? '未设置' : shown.link?.accessCode ? <Typography.Text copyable data-testid="third-party-link-code">{shown.link.accessCode}</Typography.Text> : '已设置'}
        </Descriptions.Item>
        <Descriptions.Item label="有效期至">{formatDateTime(link.expiresAt)}</Descriptions.Item>
        <Descriptions.Item label="上传情况">{link.uploadCount > 0 ? `已上传 ${link.uploadCount} 次，最近 ${formatDateTime(link.lastUsedAt)}` : '尚未上传'}</Descriptions.Item>
        <Descriptions.Item label="发起时间">{formatDateTime(link.createdAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function ThirdPartyLinksModal({ material, links, onClose, onChanged }: Props) {
  return (
    <Modal title="第三方材料上传链接" open={Boolean(material)} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={640}>
      <p>材料：{material?.name}</p>
      <p className="hall-muted">复制链接（及访问码）发给第三方单位，对方用电脑打开、CA 锁登录后即可上传。</p>
      {links.length === 0 ? (
        <Empty description="该材料还没有发起第三方材料上传" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {links.map((l) => (
            <LinkCard key={l.id} link={l} onChanged={onChanged} />
          ))}
        </Space>
      )}
    </Modal>
  );
}
