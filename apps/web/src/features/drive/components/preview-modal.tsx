import { lazy, Suspense } from 'react';
import { Button, Image, Modal, Result, Spin } from 'antd';
import { fileContentUrl } from '../api/files.ts';
import type { DriveFile } from '../api/types.ts';

// pdf.js is large; load it only when a PDF is opened.
const PdfViewer = lazy(async () => ({ default: (await import('../../../components/pdf-viewer.tsx')).PdfViewer }));

interface PreviewModalProps {
  file: DriveFile | undefined;
  onClose: () => void;
}

export function PreviewModal({ file, onClose }: PreviewModalProps) {
  if (file?.kind === 'image') {
    return (
      <Image
        style={{ display: 'none' }}
        src={fileContentUrl(file.id, file.version, 'inline')}
        alt={file.name}
        preview={{ open: true, onOpenChange: (open) => !open && onClose() }}
      />
    );
  }
  return (
    <Modal
      open={!!file}
      title={file?.name}
      onCancel={onClose}
      footer={
        file && (
          <Button type="primary" href={fileContentUrl(file.id, file.version)}>
            下载
          </Button>
        )
      }
      width={900}
      destroyOnHidden
      styles={{ body: { maxHeight: '75vh', overflow: 'auto', padding: 0 } }}
    >
      {file?.kind === 'pdf' ? (
        <Suspense fallback={<Spin />}>
          <PdfViewer url={fileContentUrl(file.id, file.version, 'inline')} width={820} />
        </Suspense>
      ) : (
        <Result
          status="info"
          title="该类型文件暂不支持在线预览"
          subTitle={file?.kind === 'word' ? 'Word 文件可先转换为 PDF 后预览，或下载后查看' : '请下载后查看'}
        />
      )}
    </Modal>
  );
}
