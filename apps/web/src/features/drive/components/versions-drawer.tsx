import { useState } from 'react';
import { Button, Drawer, Popconfirm, Space, Table, Tag } from 'antd';
import { useRequest } from '../../../hooks/use-request.ts';
import { formatDateTime, formatSize } from '../../../lib/format.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { fileContentUrl, listVersions, restoreVersion } from '../api/files.ts';
import type { DriveFile, FileVersion } from '../api/types.ts';

interface VersionsDrawerProps {
  file: DriveFile | undefined;
  onClose: () => void;
  /** the file as it is after the restore (its current version moved on) */
  onRestored: (file: DriveFile) => void;
}

/** Every version a file has had (uploads, the Word original before 转换PDF, each sealing). */
export function VersionsDrawer({ file, onClose, onRestored }: VersionsDrawerProps) {
  const { data, loading } = useRequest((signal) => listVersions(file!.id, signal), [file?.id, file?.version], {
    enabled: !!file,
  });
  const [restoring, setRestoring] = useState<number>();

  const restore = async (v: FileVersion) => {
    if (!file) return;
    setRestoring(v.version);
    try {
      const updated = await restoreVersion(file.id, v.version);
      showSuccess(`已恢复为版本 V${v.version}`);
      onRestored(updated);
    } catch (err) {
      showError(err);
    } finally {
      setRestoring(undefined);
    }
  };

  return (
    <Drawer open={!!file} title={file ? `历史版本 — ${file.name}` : '历史版本'} size={1080} onClose={onClose} destroyOnHidden>
      <Table<FileVersion>
        rowKey="version"
        size="small"
        loading={loading}
        dataSource={[...(data ?? [])].sort((a, b) => b.version - a.version)}
        pagination={false}
        columns={[
          {
            title: '版本',
            dataIndex: 'version',
            width: 90,
            render: (v: number) => (
              <Space size={4}>
                {`V${v}`}
                {v === file?.version && <Tag color="blue">当前</Tag>}
              </Space>
            ),
          },
          { title: '文件名称', dataIndex: 'name', width: 220, ellipsis: true },
          { title: '大小', dataIndex: 'size', width: 90, render: (v: number) => formatSize(v) },
          { title: '时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
          { title: '操作人', dataIndex: 'createdBy', width: 80, render: (v: string | null) => v ?? '-' },
          { title: '说明', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '-' },
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_, v) => (
              <Space size={0}>
                <Button type="link" size="small" href={file ? fileContentUrl(file.id, v.version) : undefined}>
                  下载
                </Button>
                {v.version !== file?.version && (
                  <Popconfirm title={`确定恢复为版本 V${v.version} 吗?`} description="恢复后将生成一个新版本，原有版本仍会保留" onConfirm={() => restore(v)}>
                    <Button type="link" size="small" loading={restoring === v.version}>
                      恢复
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
