// Each signature of a PDF in plain Chinese: who sealed (unit, credit code), when (and the
// timestamp authority), whether the document was changed after it and whether that change was
// allowed, and whether the certificate is trusted.
import { Alert, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { formatDateTime } from '../../../lib/format.ts';
import type { SignatureCheck, VerifyResult } from '../api/verify.ts';

const CHANGES: Record<string, { text: string; color: string }> = {
  none: { text: '签章后文件未被修改', color: 'green' },
  allowed: { text: '签章后有修改，属于允许的修改（如追加盖章、签名）', color: 'green' },
  disallowed: { text: '签章后文件被修改，且修改不被允许', color: 'red' },
  unknown: { text: '签章后文件被修改，无法判断修改是否允许', color: 'orange' },
};

function trustText(trusted: boolean | null): { text: string; color: string } {
  if (trusted === true) return { text: '证书可信（由受信任的 CA 机构签发）', color: 'green' };
  if (trusted === false) return { text: '证书不可信（不是由受信任的 CA 机构签发）', color: 'red' };
  return { text: '未检查证书是否可信', color: 'default' };
}

function SignatureCard({ s, index }: { s: SignatureCheck; index: number }) {
  const changed = CHANGES[s.modificationsAfter] ?? CHANGES.unknown!;
  const trust = trustText(s.trusted);
  const icon = !s.valid ? <CloseCircleFilled style={{ color: '#ff4d4f' }} /> : s.trusted === false ? <ExclamationCircleFilled style={{ color: '#faad14' }} /> : <CheckCircleFilled style={{ color: '#52c41a' }} />;
  return (
    <Card
      size="small"
      data-testid="signature-card"
      data-valid={s.valid}
      title={
        <Space>
          {icon}
          <span>
            签章 {index + 1}：{s.signer?.unitName ?? s.signer?.commonName ?? '未知签署人'}
          </span>
        </Space>
      }
    >
      <Typography.Paragraph strong>{s.summary}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="签署单位">{s.signer?.unitName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{s.signer?.creditCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="证书主题">{s.signer?.subject ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="签章时间">{s.signedAt ? formatDateTime(s.signedAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label="时间戳">
          {s.timestamp ? `${formatDateTime(s.timestamp.time)}（${s.timestamp.tsa ?? '时间戳服务机构'}${s.timestamp.intact ? '，时间戳有效' : '，时间戳无效'}）` : '无（签章时间取自签章人的电脑）'}
        </Descriptions.Item>
        <Descriptions.Item label="文件完整性">
          <Tag color={s.intact ? 'green' : 'red'}>{s.intact ? '签名有效，签章时的内容未被篡改' : '签名无效或签章时的内容已被篡改'}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="签章后修改">
          <Tag color={changed.color}>{changed.text}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="证书">
          <Tag color={trust.color}>{trust.text}</Tag>
        </Descriptions.Item>
      </Descriptions>
      {s.problems.length > 0 && <Alert type="warning" showIcon className="hall-verify-problems" message="发现的问题" description={<ul>{s.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>} />}
    </Card>
  );
}

export function SignaturePanel({ result }: { result: VerifyResult }) {
  if (!result.signatures.length) return <Empty description="该文件中没有签章" data-testid="signature-none" />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="signature-panel">
      <Alert
        type={result.ok ? 'success' : 'error'}
        showIcon
        data-testid="signature-verdict"
        message={result.ok ? `文件中的 ${result.signatures.length} 个签章均有效` : '文件中有无效或存疑的签章，请查看下面的详情'}
      />
      {result.signatures.map((s, i) => (
        <SignatureCard key={`${s.field}-${i}`} s={s} index={i} />
      ))}
    </Space>
  );
}
