// 验证签章: anyone uploads a PDF and reads each signature's verdict; a signed-in user coming
// from the sealing page (?fileId=) sees the report of that drive file.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Spin, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { errorText } from '../../../lib/notify.ts';
import { verifyDriveFile, verifyUpload, type VerifyResult } from '../api/verify.ts';
import { SignaturePanel } from './signature-panel.tsx';

export function VerifyPage() {
  const [params] = useSearchParams();
  const fileId = params.get('fileId');
  const [result, setResult] = useState<VerifyResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!fileId) return;
    const controller = new AbortController();
    setBusy(true);
    verifyDriveFile(fileId, undefined, controller.signal).then(
      (r) => {
        setResult(r);
        setBusy(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorText(err));
        setBusy(false);
      },
    );
    return () => controller.abort();
  }, [fileId]);

  const check = async (file: File) => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await verifyUpload(file));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="验证签章" className="hall-verify">
      <Typography.Paragraph type="secondary">
        上传盖过章的 PDF 文件，检查每个签章是谁盖的、什么时间盖的、盖章后文件是否被改动、证书是否可信。文件只用于验证，不会被保存。
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".pdf,application/pdf"
        showUploadList={false}
        multiple={false}
        beforeUpload={(file) => {
          void check(file);
          return false;
        }}
        disabled={busy}
        data-testid="verify-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或将 PDF 文件拖到此处进行验证</p>
      </Upload.Dragger>
      <div style={{ marginTop: 16 }}>
        {busy && <Spin tip="正在验证…"><div style={{ height: 60 }} /></Spin>}
        {error && <Alert type="error" showIcon message={error} data-testid="verify-error" />}
        {result && (
          <>
            {result.fileName && <Typography.Title level={5}>{result.fileName}{result.version ? `（第 ${result.version} 版）` : ''}</Typography.Title>}
            <SignaturePanel result={result} />
          </>
        )}
      </div>
    </Card>
  );
}

