import { useMemo, useState } from 'react';
import { Button, Empty, Popconfirm, Spin, Tooltip, Tree } from 'antd';
import { DeleteOutlined, EditOutlined, FolderAddOutlined, FolderOpenOutlined, FolderOutlined } from '@ant-design/icons';
import type { DriveFolder } from '../api/types.ts';
import { buildFolderTree } from './folder-tree-data.ts';

interface FolderTreeProps {
  folders: DriveFolder[];
  loading: boolean;
  selectedId: string | undefined;
  onSelect: (id: string | undefined) => void;
  onCreate: () => void;
  onEdit: (folder: DriveFolder) => void;
  onDelete: (folder: DriveFolder) => void;
}

export function FolderTree({ folders, loading, selectedId, onSelect, onCreate, onEdit, onDelete }: FolderTreeProps) {
  const tree = useMemo(() => buildFolderTree(folders), [folders]);
  const selected = folders.find((f) => f.id === selectedId);
  // Everything is open unless the user closed it, so a folder just created or moved under
  // another shows at once; the selected folder's parents always stay open.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const expandedKeys = useMemo(() => {
    const open = new Set(folders.map((f) => f.id).filter((id) => !collapsed.has(id)));
    const byId = new Map(folders.map((f) => [f.id, f]));
    for (let f = selected; f?.parentId; f = byId.get(f.parentId)) open.add(f.parentId);
    return [...open];
  }, [folders, collapsed, selected]);
  return (
    <aside className="hall-drive-tree" aria-label="文件夹">
      <div className="hall-drive-tree-toolbar">
        <Button type="primary" icon={<FolderAddOutlined />} onClick={onCreate}>
          新建文件夹
        </Button>
        <Tooltip title="编辑文件夹">
          <Button icon={<EditOutlined />} disabled={!selected} onClick={() => selected && onEdit(selected)} aria-label="编辑文件夹" />
        </Tooltip>
        <Popconfirm
          title="确定删除该文件夹吗?"
          description="只能删除空文件夹"
          disabled={!selected}
          onConfirm={() => selected && onDelete(selected)}
        >
          <Tooltip title="删除文件夹">
            <Button icon={<DeleteOutlined />} danger disabled={!selected} aria-label="删除文件夹" />
          </Tooltip>
        </Popconfirm>
      </div>
      <Spin spinning={loading}>
        {tree.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="首次进入云盘需要先创建文件夹" />
        ) : (
          <Tree
            blockNode
            showIcon
            expandedKeys={expandedKeys}
            onExpand={(_, { node, expanded }) =>
              setCollapsed((prev) => {
                const next = new Set(prev);
                if (expanded) next.delete(String(node.key));
                else next.add(String(node.key));
                return next;
              })
            }
            selectedKeys={selectedId ? [selectedId] : []}
            treeData={tree}
            icon={(props: { expanded?: boolean; selected?: boolean }) => (props.expanded || props.selected ? <FolderOpenOutlined /> : <FolderOutlined />)}
            titleRender={(node) => (
              <span className="hall-drive-tree-node">
                <span>{node.title}</span>
                <span className="hall-muted">（{node.folder.code}）</span>
              </span>
            )}
            onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
          />
        )}
      </Spin>
    </aside>
  );
}
