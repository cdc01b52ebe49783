import { useState } from 'react';
import { Button, Drawer, Table } from 'antd';
import { useRequest } from '../../../hooks/use-request.ts';
import { formatDateTime, formatSize } from '../../../lib/format.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { listRecycleBin, restoreFile } from '../api/files.ts';
import type { RecycledFile } from '../api/types.ts';
import { FileIcon } from './file-icon.tsx';

interface RecycleBinDrawerProps {
  open: boolean;
  onClose: () => void;
  onRestored: () => void;
}

export function RecycleBinDrawer({ open, onClose, onRestored }: RecycleBinDrawerProps) {
  const { data, loading, reload } = useRequest((signal) => listRecycleBin(signal), [open], { enabled: open });
  const [restoring, setRestoring] = useState<string>();

  const restore = async (f: RecycledFile) => {
    setRestoring(f.id);
    try {
      await restoreFile(f.id);
      showSuccess(`已恢复「${f.name}」`);
      reload();
      onRestored();
    } catch (err) {
      showError(err);
    } finally {
      setRestoring(undefined);
    }
  };

  return (
    <Drawer open={open} title="回收站" size={900} onClose={onClose} destroyOnHidden>
      <Table<RecycledFile>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '文件名称',
            dataIndex: 'name',
            ellipsis: true,
            render: (_, f) => (
              <span>
                <FileIcon kind={f.kind} /> {f.name}
              </span>
            ),
          },
          { title: '原文件夹', dataIndex: 'folderName', width: 140, ellipsis: true, render: (v?: string) => v ?? '-' },
          { title: '大小', dataIndex: 'size', width: 90, render: (v: number) => formatSize(v) },
          { title: '删除时间', dataIndex: 'deletedAt', width: 160, render: (v?: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_, f) => (
              <Button type="link" size="small" loading={restoring === f.id} onClick={() => void restore(f)}>
                恢复
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
