// 系统在线签名 on the sealing page: 签名 shows a QR code for a one-time link; the phone verifies the
// person and takes the handwritten signature; this dialog hears it at once (server-sent events)
// and hands the signature to the page, where it is dragged into place like a seal.
import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Space, Spin, Steps, Typography } from 'antd';
import QRCode from 'qrcode';
import { errorText } from '../../../lib/notify.ts';
import { createQrSession, signatureImageUrl, watchSession, type QrSession, type QrSessionStatus } from '../api/person-signing.ts';

export interface PhoneSignature {
  sessionId: string;
  personName: string;
  src: string;
}

interface Props {
  open: boolean;
  onCancel: () => void;
  onPlace: (signature: PhoneSignature) => void;
}

export function PhoneSignatureModal({ open, onCancel, onPlace }: Props) {
  const [session, setSession] = useState<QrSession>();
  const [qr, setQr] = useState<string>();
  const [status, setStatus] = useState<QrSessionStatus>();
  const [problem, setProblem] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  // a fresh one-time link each time the dialog opens (and on 刷新二维码)
  useEffect(() => {
    if (!open) return;
    let close = () => {};
    let live = true;
    setSession(undefined);
    setQr(undefined);
    setStatus(undefined);
    setProblem(undefined);
    // one catch for the session and the QR image: either failing says so instead of spinning
    createQrSession()
      .then(async (s) => {
        const image = await QRCode.toDataURL(s.url, { width: 240, margin: 1 });
        if (!live) return;
        setSession(s);
        setQr(image);
        close = watchSession(s.id, setStatus);
      })
      .catch((err: unknown) => {
        if (live) setProblem(errorText(err));
      });
    return () => {
      live = false;
      close();
    };
  }, [open, attempt]);

  const signed = status?.state === 'signed';
  const step = !status || status.state === 'pending' || status.state === 'expired' ? 0 : status.state === 'verified' ? 1 : 2;
  const place = () => {
    if (session && signed) onPlace({ sessionId: session.id, personName: status.person?.name ?? '签名人', src: signatureImageUrl(session.id) });
  };

  return (
    <Modal open={open} title="签名（手机扫码）" width={560} onCancel={onCancel} destroyOnHidden okText="放置签名" cancelText="取消" okButtonProps={{ disabled: !signed }} onOk={place}>
      <Steps size="small" current={signed ? 3 : step} items={[{ title: '手机扫码' }, { title: '身份验证' }, { title: '手写签名' }]} style={{ marginBottom: 20 }} />
      {status?.state === 'expired' && (
        <Alert
          type="warning"
          showIcon
          message="二维码已过期"
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
              刷新二维码
            </Button>
          }
        />
      )}
      {signed && session ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon message={`${status.person?.name ?? ''} 已签名。点击「放置签名」，拖动到对应位置，再点击确定`} />
          <img src={signatureImageUrl(session.id)} alt="手写签名" className="hall-signature-received" data-testid="signature-image" />
        </Space>
      ) : (
        <Space direction="vertical" align="center" style={{ width: '100%' }}>
          {qr ? <img src={qr} alt="签名二维码" width={240} height={240} data-testid="signature-qr" /> : !problem && <Spin />}
          <Typography.Text type="secondary">请使用手机扫描二维码，验证身份后手写签名（二维码几分钟内有效，仅可使用一次）</Typography.Text>
          {session && (
            <Typography.Text copyable={{ text: session.url }} style={{ fontSize: 12 }} type="secondary" data-testid="signature-url">
              {session.url}
            </Typography.Text>
          )}
          {status?.state === 'verified' && <Alert type="info" message={`${status.person?.name ?? ''} 已验证身份，正在签名…`} />}
        </Space>
      )}
      {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} />}
    </Modal>
  );
}
