// 系统在线签名: the sealing page's 签名 — a QR code for the phone; the page hears at once when the
// phone has signed (server-sent events), shows the signature, and places it on the file like a seal.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Form, InputNumber, Result, Space, Spin, Steps, Typography } from 'antd';
import QRCode from 'qrcode';
import { errorText } from '../../../lib/notify.ts';
import { applySignature, createQrSession, signatureImageUrl, watchSession, type QrSession, type QrSessionStatus } from '../api/person-signing.ts';

export function PhoneSignaturePage() {
  const { fileId = '' } = useParams();
  const [session, setSession] = useState<QrSession>();
  const [qr, setQr] = useState<string>();
  const [status, setStatus] = useState<QrSessionStatus>();
  const [problem, setProblem] = useState<string>();
  const [placed, setPlaced] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let close = () => {};
    let live = true;
    createQrSession().then(
      async (s) => {
        if (!live) return;
        setSession(s);
        setQr(await QRCode.toDataURL(s.url, { width: 240, margin: 1 }));
        close = watchSession(s.id, setStatus);
      },
      (err: unknown) => setProblem(errorText(err)),
    );
    return () => {
      live = false;
      close();
    };
  }, [attempt]);

  const step = !status || status.state === 'pending' ? 0 : status.state === 'verified' ? 1 : 2;
  const place = async (values: { page?: number; x?: number; y?: number }) => {
    setBusy(true);
    setProblem(undefined);
    try {
      setPlaced((await applySignature(session!.id, { fileId, ...values })).version);
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (placed) return <Result status="success" title="签名成功" subTitle={`已保存为第 ${placed} 版`} extra={<Link to={`/seal/${fileId}`}>返回盖章页面</Link>} />;
  return (
    <Card title="签名（手机扫码）" style={{ maxWidth: 760, margin: '24px auto' }} extra={<Link to={`/seal/${fileId}`}>返回盖章</Link>}>
      <Steps current={step} items={[{ title: '手机扫码' }, { title: '身份验证' }, { title: '手写签名' }]} style={{ marginBottom: 24 }} />
      {status?.state === 'expired' && (
        <Alert type="warning" showIcon message="二维码已过期" action={<Button size="small" onClick={() => { setStatus(undefined); setQr(undefined); setAttempt((n) => n + 1); }}>刷新二维码</Button>} />
      )}
      {step < 2 ? (
        <Space direction="vertical" align="center" style={{ width: '100%' }}>
          {qr ? <img src={qr} alt="签名二维码" width={240} height={240} data-testid="signature-qr" /> : <Spin />}
          <Typography.Text type="secondary">请使用手机扫描二维码，验证身份后手写签名（二维码仅可使用一次）</Typography.Text>
          {session && <Typography.Text copyable={{ text: session.url }} style={{ fontSize: 12 }} type="secondary" data-testid="signature-url">{session.url}</Typography.Text>}
          {status?.person && <Alert type="info" message={`${status.person.name} 已验证身份，正在签名…`} />}
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon message={`${status?.person?.name ?? ''} 已签名`} />
          <img src={signatureImageUrl(session!.id)} alt="手写签名" style={{ maxWidth: 320, border: '1px dashed #ccc', background: '#fff' }} data-testid="signature-image" />
          <Form layout="inline" onFinish={place}>
            <Form.Item name="page" label="页码" tooltip="默认最后一页">
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="x" label="横向位置（点）">
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="y" label="纵向位置（点）">
              <InputNumber min={0} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              确定签名
            </Button>
          </Form>
        </Space>
      )}
      {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} />}
    </Card>
  );
}
