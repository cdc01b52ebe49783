import { useState } from 'react';
import { Button, Modal, Upload, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { errorText, showWarning } from '../../../lib/notify.ts';
import { uploadFile } from '../api/upload-file.ts';
import type { DriveFolder } from '../api/types.ts';

// What the server accepts (FILE_TYPE_NOT_ALLOWED names the same list).
const ACCEPT = '.pdf,.doc,.docx,.wps,.xls,.xlsx,.ofd,.jpg,.jpeg,.png';

interface UploadModalProps {
  open: boolean;
  folder: DriveFolder | undefined;
  onClose: (uploadedAny: boolean) => void;
  onUploaded: () => void;
}

export function UploadModal({ open, folder, onClose, onUploaded }: UploadModalProps) {
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [uploaded, setUploaded] = useState(0);
  const busy = fileList.some((f) => f.status === 'uploading');

  const close = () => {
    const any = uploaded > 0;
    setFileList([]);
    setUploaded(0);
    onClose(any);
  };

  return (
    <Modal
      open={open}
      title={`上传文件${folder ? `到「${folder.name}」` : ''}`}
      onCancel={close}
      mask={{ closable: !busy }}
      footer={
        <Button type="primary" onClick={close} disabled={busy}>
          {busy ? '上传中…' : '完成'}
        </Button>
      }
      destroyOnHidden
      width={600}
    >
      <p className="hall-muted">
        上传需要盖章的文件，若上传非 pdf 格式的文件需先转换为 pdf 格式才可盖章（目前系统只支持 word 在线转 pdf，若其它格式文件请先转为 PDF 格式再上传）。
      </p>
      <Upload.Dragger
        multiple
        accept={ACCEPT}
        fileList={fileList}
        onChange={({ fileList: next }) => setFileList(next)}
        showUploadList={{ showRemoveIcon: true }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          if (!folder) return;
          const handle = uploadFile(folder.id, file as File, (percent) => onProgress?.({ percent }));
          handle.promise.then(
            (saved) => {
              setUploaded((n) => n + 1);
              onSuccess?.(saved);
              onUploaded();
            },
            (err: unknown) => {
              if (err instanceof DOMException && err.name === 'AbortError') return;
              const msg = errorText(err);
              showWarning(`${(file as File).name}：${msg}`);
              setFileList((list) => list.map((f) => (f.uid === (file as UploadFile).uid ? { ...f, response: msg, error: new Error(msg) } : f)));
              onError?.(new Error(msg));
            },
          );
          return { abort: handle.abort };
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或将文件拖拽到此区域上传</p>
        <p className="ant-upload-hint">支持一次选择多个文件：pdf、doc、docx、wps、xls、xlsx、ofd、jpg、png</p>
      </Upload.Dragger>
    </Modal>
  );
}
