// The page a 第三方材料上传链接 opens (after the third party's CA-key login): which unit asks,
// for which project and material, an optional 访问码, and the upload for that one row.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Result, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { openLink, uploadViaLink, type LinkPage } from '../api/third-party.ts';
import { isApiError } from '../../../lib/api.ts';
import { errorText, showError } from '../../../lib/notify.ts';

export function ThirdPartyPage() {
  const { token = '' } = useParams();
  const [info, setInfo] = useState<LinkPage>();
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [files, setFiles] = useState<File[]>([]);
  const [done, setDone] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const open = (c?: string) =>
    openLink(token, c)
      .then((i) => {
        setInfo(i);
        setNeedsCode(false);
      })
      .catch((err: unknown) => {
        if (isApiError(err) && err.code === 'ACCESS_CODE_INVALID') {
          setNeedsCode(true);
          if (c) showError(err);
        } else setRefusal(errorText(err));
      });
  useEffect(() => {
    void open();
  }, [token]);

  async function send() {
    setBusy(true);
    try {
      const r = await uploadViaLink(token, files, code || undefined);
      setDone((d) => [...d, ...r.files.map((f) => f.name)]);
      setFiles([]);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  if (refusal) return <Result status="warning" title="第三方材料上传" subTitle={refusal} />;
  if (needsCode)
    return (
      <Card title="第三方材料上传" style={{ maxWidth: 480, margin: '24px auto' }}>
        <p>请输入建设单位提供的访问码</p>
        <Space.Compact style={{ width: '100%' }}>
          <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder="访问码" aria-label="访问码" />
          <Button type="primary" onClick={() => void open(code)}>确定</Button>
        </Space.Compact>
      </Card>
    );
  if (!info) return <Card loading />;
  return (
    <Card title="第三方材料上传" style={{ maxWidth: 800, margin: '24px auto' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="发起单位">{info.initiator}</Descriptions.Item>
        <Descriptions.Item label="项目">{info.projectCode} {info.projectName}</Descriptions.Item>
        <Descriptions.Item label="事项">{info.matter}</Descriptions.Item>
        <Descriptions.Item label="材料名称">{info.required && <span style={{ color: '#ff4d4f' }}>* </span>}{info.material}</Descriptions.Item>
        <Descriptions.Item label="有效期至">{new Date(info.expiresAt).toLocaleString('zh-CN')}</Descriptions.Item>
      </Descriptions>
      <div style={{ margin: '16px 0' }}>
        <Upload multiple fileList={[]} beforeUpload={(f) => { setFiles((x) => [...x, f]); return false; }}>
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
        <ul>{files.map((f) => <li key={f.name}>{f.name}</li>)}</ul>
        <Button type="primary" disabled={!files.length} loading={busy} onClick={() => void send()}>上传</Button>
      </div>
      {done.length > 0 && <Alert type="success" showIcon message="上传成功" description={<ul data-testid="uploaded">{done.map((n, i) => <li key={`${n}${i}`}>{n}</li>)}</ul>} />}
    </Card>
  );
}
