// 手机签名 (also used on a PC by an invited person): verify who you are — 姓名, 身份证号 and an
// SMS code — then draw the signature and submit. Mobile-sized; no portal frame.
import { useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { useRequest } from '../../../hooks/use-request.ts';
import { errorText } from '../../../lib/notify.ts';
import { openLink, requestCode, submitSignature, verifyCode, type MobileView } from '../api/mobile-sign.ts';
import { SignatureCanvas, type SignatureCanvasHandle } from './signature-canvas.tsx';

const ID_PATTERN = /^\d{17}[\dXx]$/;
const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export function MobileSignPage() {
  const { token = '' } = useParams();
  const { message } = AntApp.useApp();
  const { data, error, loading } = useRequest((signal) => openLink(token, signal), [token], { quiet: () => true });
  const [view, setView] = useState<MobileView>();
  const [codeSentTo, setCodeSentTo] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'signed' | 'done'>();
  const [problem, setProblem] = useState<string>();
  const canvas = useRef<SignatureCanvasHandle>(null);
  const current = view ?? data;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (err) {
      setProblem(err instanceof Error && err.name === 'Error' ? err.message : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  let body: React.ReactNode;
  if (loading && !current) body = <Spin style={{ display: 'block', margin: '48px auto' }} />;
  else if (error || !current) body = <Result status="warning" title="链接无效或已失效" subTitle="签名链接只能使用一次，且几分钟内有效：请重新扫描二维码，或联系发起单位" />;
  else if (done || current.state === 'signed')
    body = <Result status="success" title={done === 'done' ? '签名成功' : '签名已提交'} subTitle={done === 'done' ? '签名已加入文件，可以关闭本页面' : '请在电脑页面上放置签名'} />;
  else if (current.state === 'pending')
    body = (
      <Form
        layout="vertical"
        initialValues={{ name: current.invited?.name }}
        onFinish={(values: { name: string; idNumber: string; phone: string; code?: string }) =>
          run(async () => {
            if (!codeSentTo) {
              const sent = await requestCode(token, { name: values.name, idNumber: values.idNumber, phone: values.phone });
              setCodeSentTo(sent.phoneMasked);
              void message.success(`验证码已发送至 ${sent.phoneMasked}`);
            } else {
              setView(await verifyCode(token, values.code ?? ''));
            }
          })
        }
      >
        <Typography.Paragraph type="secondary">请填写本人真实信息，验证身份后签名。</Typography.Paragraph>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input autoComplete="name" disabled={Boolean(codeSentTo)} />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, pattern: ID_PATTERN, message: '请输入 18 位身份证号码' }]}>
          <Input maxLength={18} disabled={Boolean(codeSentTo)} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号码"
          extra={current.invited ? `请使用受邀手机号码 ${current.invited.phoneMasked}` : undefined}
          rules={[{ required: true, pattern: MOBILE_PATTERN, message: '请输入正确的手机号码' }]}
        >
          <Input inputMode="tel" maxLength={11} disabled={Boolean(codeSentTo)} />
        </Form.Item>
        {codeSentTo && (
          <Form.Item name="code" label="短信验证码" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位验证码' }]}>
            <Input inputMode="numeric" maxLength={6} autoFocus />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {codeSentTo ? '验证' : '获取验证码'}
        </Button>
      </Form>
    );
  else
    body = (
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text>
          签名人：<b>{current.person?.name}</b>（身份已验证）
        </Typography.Text>
        <Typography.Text type="secondary">请在下方框内手写签名</Typography.Text>
        <SignatureCanvas ref={canvas} />
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Button onClick={() => canvas.current?.clear()}>重写</Button>
          {current.hasSavedSignature && (
            <Button onClick={() => run(async () => setDone((await submitSignature(token, { useSaved: true })).state))} loading={busy}>
              使用已保存的签名
            </Button>
          )}
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              run(async () => {
                if (canvas.current?.isEmpty()) throw new Error('请先手写签名');
                setDone((await submitSignature(token, { png: canvas.current!.png() })).state);
              })
            }
          >
            提交签名
          </Button>
        </Space>
      </Space>
    );

  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16, minHeight: '100vh', background: '#f5f7fa' }}>
      <Typography.Title level={4} style={{ textAlign: 'center', color: '#1f5fa8' }}>
        在线签名
      </Typography.Title>
      {current?.projectName && (
        <Alert style={{ marginBottom: 12 }} type="info" message={`${current.initiator ?? ''} 请您签名：${current.projectName}`} description={current.fileName} />
      )}
      <Card>{body}</Card>
      {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} />}
    </div>
  );
}
