import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { formatDate, formatSize } from '../../../lib/format.ts';
import { fileContentUrl } from '../api/files.ts';
import type { DriveFile } from '../api/types.ts';
import { FileIcon } from './file-icon.tsx';

interface FileTableProps {
  files: DriveFile[];
  loading: boolean;
  selectedIds: string[];
  onSelectionChange: (ids: string[]) => void;
  onPreview: (file: DriveFile) => void;
  onVersions: (file: DriveFile) => void;
  onDelete: (file: DriveFile) => void;
  onConvert: (file: DriveFile) => void;
}

export function FileTable({ files, loading, selectedIds, onSelectionChange, onPreview, onVersions, onDelete, onConvert }: FileTableProps) {
  const columns: ColumnsType<DriveFile> = [
    {
      title: '文件名称',
      dataIndex: 'name',
      render: (_, f) => (
        <span className="hall-file-name">
          <FileIcon kind={f.kind} />
          <a onClick={() => onPreview(f)} title={f.name}>
            {f.name}
          </a>
          {f.converting && <Tag color="processing">转换中</Tag>}
        </span>
      ),
    },
    { title: '日期', dataIndex: 'updatedAt', width: 104, render: (v: string) => formatDate(v) },
    { title: '大小', dataIndex: 'size', width: 88, render: (v: number) => formatSize(v) },
    {
      title: '版本',
      dataIndex: 'version',
      width: 60,
      render: (v: number, f) => (
        <a onClick={() => onVersions(f)} title="查看历史版本">
          V{v}
        </a>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 290,
      render: (_, f) => (
        <Space size={0} className="hall-file-actions">
          <Button type="link" size="small" href={fileContentUrl(f.id)}>
            下载
          </Button>
          <Button type="link" size="small" onClick={() => onPreview(f)}>
            预览
          </Button>
          <Button type="link" size="small" onClick={() => onVersions(f)}>
            版本
          </Button>
          {f.kind === 'pdf' && (
            <Link to={`/seal/${encodeURIComponent(f.id)}`}>
              <Button type="link" size="small">
                盖章
              </Button>
            </Link>
          )}
          {f.kind === 'pdf' && (
            <Link to={`/space/sign-requests?fileId=${encodeURIComponent(f.id)}&new=1`}>
              <Button type="link" size="small">
                发起盖章
              </Button>
            </Link>
          )}
          {f.kind === 'word' && (
            <Button type="link" size="small" disabled={f.converting} onClick={() => onConvert(f)}>
              转换PDF
            </Button>
          )}
          <Popconfirm title="确定删除该文件吗?" description="删除后可在回收站中恢复" onConfirm={() => onDelete(f)}>
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Table<DriveFile>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={files}
      loading={loading}
      pagination={false}
      rowSelection={{ selectedRowKeys: selectedIds, onChange: (keys) => onSelectionChange(keys.map(String)) }}
    />
  );
}
