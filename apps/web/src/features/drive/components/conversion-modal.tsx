import { Button, List, Modal, Progress } from 'antd';
import type { ConversionEntry } from '../hooks/use-conversion.ts';

interface ConversionModalProps {
  entries: ConversionEntry[];
  running: boolean;
  onClose: () => void;
}

/** "转换中": one progress bar per file until every conversion is done. */
export function ConversionModal({ entries, running, onClose }: ConversionModalProps) {
  const failed = entries.filter((e) => e.state === 'failed').length;
  const title = running ? '转换中' : failed ? `转换完成，${failed}个文件转换失败` : '转换成功';
  return (
    <Modal
      open={entries.length > 0}
      title={title}
      closable={!running}
      mask={{ closable: false }}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} disabled={running}>
          {running ? '转换中…' : '确定'}
        </Button>
      }
    >
      <List
        dataSource={entries}
        renderItem={(e) => (
          <List.Item>
            <div className="hall-conversion-item">
              <div className="hall-conversion-name">{e.fileName}</div>
              <Progress
                percent={e.state === 'done' ? 100 : e.progress}
                status={e.state === 'failed' ? 'exception' : e.state === 'done' ? 'success' : 'active'}
                size="small"
              />
              {e.error && <div className="hall-conversion-error">{e.error}</div>}
            </div>
          </List.Item>
        )}
      />
    </Modal>
  );
}
