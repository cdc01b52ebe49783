// What a party's SMS link opens. An enterprise logs in with its own CA key (the unit must be the
// invited one) and seals; a person verifies (ID + SMS) and signs here or by phone (QR code).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { useRequest } from '../../../hooks/use-request.ts';
import { errorText } from '../../../lib/notify.ts';
import { declineInvitation, openInvitation, startPersonLink } from '../api/invitations.ts';

export function InviteLandingPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useRequest((signal) => openInvitation(token, signal), [token], { quiet: () => true });
  const [qr, setQr] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const here = `/invite/${token}`;

  if (loading && !data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (error || !data) {
    const wrongUnit = error?.code === 'INVITATION_WRONG_UNIT';
    return (
      <Result
        status={wrongUnit ? 'error' : 'warning'}
        title={wrongUnit ? '不能使用当前 CA 锁盖章' : '链接无效或已失效'}
        subTitle={error?.message}
        extra={wrongUnit && <Button onClick={() => navigate(`/login?redirect=${encodeURIComponent(here)}`)}>更换 CA 锁重新登录</Button>}
      />
    );
  }
  if (data.status !== 'pending') return <Result status={data.status === 'done' ? 'success' : 'info'} title={data.statusLabel} subTitle={`${data.projectName}：${data.fileName}`} />;

  const person = data.kind === 'person';
  const withLink = async (work: (link: { token: string; url: string }) => Promise<void>) => {
    try {
      await work(await startPersonLink(token));
    } catch (err) {
      setProblem(errorText(err));
    }
  };

  return (
    <Card title={person ? '在线签名' : '在线盖章'} style={{ maxWidth: 820, margin: '24px auto' }}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="发起单位">{data.initiator}</Descriptions.Item>
        <Descriptions.Item label="项目名称">{data.projectName}</Descriptions.Item>
        <Descriptions.Item label="文件">{data.fileName}</Descriptions.Item>
        <Descriptions.Item label={person ? '签名人' : '盖章单位'}>{data.partyName}</Descriptions.Item>
        <Descriptions.Item label="有效期至">{new Date(data.expiresAt).toLocaleString('zh-CN')}</Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 16 }}>
        {person ? (
          <Space direction="vertical">
            <Typography.Text>请先验证身份（姓名、身份证号、短信验证码），再手写签名：</Typography.Text>
            <Space wrap>
              <Button type="primary" onClick={() => void withLink(async (l) => navigate(`/m/sign/${l.token}`))}>
                在本机签名
              </Button>
              <Button onClick={() => void withLink(async (l) => setQr(await QRCode.toDataURL(l.url, { width: 220, margin: 1 })))}>手机扫码签名</Button>
            </Space>
            {qr && (
              <Space direction="vertical" align="center" style={{ marginTop: 12 }}>
                <img src={qr} alt="签名二维码" width={220} height={220} />
                <Typography.Text type="secondary">请使用手机扫码，在手机上完成签名（二维码几分钟内有效，仅可使用一次）</Typography.Text>
                <Button size="small" onClick={reload}>已在手机上签名，刷新</Button>
              </Space>
            )}
          </Space>
        ) : data.loggedInAsParty ? (
          <Space direction="vertical">
            <Alert type="success" showIcon message={`已使用 ${data.partyName} 的 CA 锁登录`} />
            <Button type="primary" onClick={() => navigate(`/seal/invite/${token}`)}>
              电子签章
            </Button>
          </Space>
        ) : (
          <Space direction="vertical">
            <Typography.Text>请插入 {data.partyName} 的 CA 锁，登录后进行在线盖章。</Typography.Text>
            <Button type="primary" onClick={() => navigate(`/login?redirect=${encodeURIComponent(here)}`)}>
              CA 锁登录
            </Button>
          </Space>
        )}
      </div>
      {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} />}
      <div style={{ marginTop: 24, textAlign: 'right' }}>
        <Button type="link" danger onClick={() => void declineInvitation(token).then(reload, (err: unknown) => setProblem(errorText(err)))}>
          拒绝{person ? '签名' : '盖章'}
        </Button>
        <Link to="/verify">验证签章</Link>
      </div>
    </Card>
  );
}
