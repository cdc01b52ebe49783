// 在线盖章 for an invited enterprise: the initiator's file, the unit's own CA key (PIN), a seal
// from the key placed on the chosen page; a version that moved meanwhile (another party sealed)
// is prepared and signed again on top of it, so no seal is lost.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, InputNumber, Result, Space, Typography } from 'antd';
import { PdfViewer } from '../../../components/pdf-viewer.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/notify.ts';
import { useRequest } from '../../../hooks/use-request.ts';
import { openInvitation } from '../api/invitations.ts';
import { agentCall, contentUrl, finishPartySealing, getConfig, preparePartySealing, type AgentCertificate, type AgentSeal } from '../api/party-sealing.ts';

const MAX_ROUNDS = 3;

export function PartySealingPage() {
  const { token = '' } = useParams();
  const { data, error } = useRequest((signal) => openInvitation(token, signal), [token], { quiet: () => true });
  const [pages, setPages] = useState(1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [version, setVersion] = useState<number>();

  if (error) return <Result status="error" title="不能盖章" subTitle={error.message} extra={<Link to={`/invite/${token}`}>返回</Link>} />;
  if (version) return <Result status="success" title="盖章成功" subTitle={`已完成 ${data?.projectName ?? ''} 的在线盖章，可以关闭本页面`} />;

  const seal = async (values: { pin: string; page?: number; x?: number; y?: number }) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const { keyAgentUrl } = await getConfig();
      const [certificate] = await agentCall<AgentCertificate[]>(keyAgentUrl, '/v1/certificates');
      if (!certificate) throw new Error('CA 锁中没有证书');
      const [stamp] = await agentCall<AgentSeal[]>(keyAgentUrl, `/v1/seals?certificateId=${encodeURIComponent(certificate.id)}`);
      if (!stamp) throw new Error('CA 锁中没有印章');
      for (let round = 1; ; round++) {
        const landing = await openInvitation(token);
        try {
          const prepared = await preparePartySealing(token, {
            version: landing.fileVersion,
            certificate: certificate.certificate,
            placements: [{ kind: 'seal', pages: [values.page ?? pages], x: values.x ?? 420, y: values.y ?? 640, seal: { png: stamp.image, widthMm: stamp.widthMm } }],
          });
          const { signature } = await agentCall<{ signature: string }>(keyAgentUrl, '/v1/sign', { certificateId: certificate.id, pin: values.pin, digest: prepared.digest, digestAlgorithm: 'SHA-256' });
          setVersion((await finishPartySealing(token, prepared.operationId, signature)).version);
          return;
        } catch (err) {
          if (!(isApiError(err) && err.code === 'PDF_CHANGED' && round < MAX_ROUNDS)) throw err;
        }
      }
    } catch (err) {
      setProblem(err instanceof Error && err.name === 'Error' ? err.message : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`在线盖章：${data?.fileName ?? ''}`} extra={<Link to={`/invite/${token}`}>返回</Link>} style={{ margin: 16 }}>
      <Space align="start" size="large" wrap>
        <div style={{ width: 620, maxHeight: 760, overflow: 'auto', border: '1px solid #eee' }}>
          {data && <PdfViewer url={contentUrl(token)} width={600} onLoaded={(n: number) => setPages(n)} />}
        </div>
        <div style={{ width: 320 }}>
          <Typography.Paragraph>
            发起单位：{data?.initiator}
            <br />
            项目名称：{data?.projectName}
          </Typography.Paragraph>
          <Form layout="vertical" onFinish={(v: { pin: string; page?: number; x?: number; y?: number }) => void seal(v)}>
            <Form.Item name="page" label={`盖章页码（共 ${pages} 页，默认最后一页）`}>
              <InputNumber min={1} max={pages} style={{ width: '100%' }} />
            </Form.Item>
            <Space>
              <Form.Item name="x" label="横向位置（点）">
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="y" label="纵向位置（点）">
                <InputNumber min={0} />
              </Form.Item>
            </Space>
            <Form.Item name="pin" label="PIN 码" rules={[{ required: true, message: '请输入 CA 锁 PIN 码' }]}>
              <Input.Password autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              电子签章
            </Button>
          </Form>
          {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} />}
        </div>
      </Space>
    </Card>
  );
}
