import { useEffect, useMemo, useState } from 'react';
import { App, Button, Space } from 'antd';
import { AuditOutlined, DeleteOutlined, FilePdfOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useRequest } from '../../../hooks/use-request.ts';
import { showError, showSuccess, showWarning } from '../../../lib/notify.ts';
import { deleteFolder, listFolders } from '../api/folders.ts';
import { deleteFile, listFiles } from '../api/files.ts';
import type { DriveFile, DriveFolder } from '../api/types.ts';
import { useConversion } from '../hooks/use-conversion.ts';
import { ConversionModal } from './conversion-modal.tsx';
import { FileTable } from './file-table.tsx';
import { FolderModal } from './folder-modal.tsx';
import { FolderTree } from './folder-tree.tsx';
import { PreviewModal } from './preview-modal.tsx';
import { RecycleBinDrawer } from './recycle-bin-drawer.tsx';
import { UploadModal } from './upload-modal.tsx';
import { VersionsDrawer } from './versions-drawer.tsx';

// While the server still marks a file as converting (e.g. after a page reload), look again.
const CONVERTING_REFRESH_MS = 2000;

/** 法人空间 › 我的云盘 */
export function DrivePage() {
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const folders = useRequest((signal) => listFolders(signal), []);
  const [folderId, setFolderId] = useState<string>();
  const folder = folders.data?.find((f) => f.id === folderId);
  const files = useRequest((signal) => listFiles(folderId!, signal), [folderId], { enabled: !!folder });
  const fileList = useMemo(() => (folder ? (files.data ?? []) : []), [folder, files.data]);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);

  const [folderModal, setFolderModal] = useState<{ open: boolean; editing?: DriveFolder }>({ open: false });
  const [uploadOpen, setUploadOpen] = useState(false);
  const [versionsOf, setVersionsOf] = useState<DriveFile>();
  const [previewOf, setPreviewOf] = useState<DriveFile>();
  const [recycleOpen, setRecycleOpen] = useState(false);

  const refresh = () => {
    files.reload();
    folders.reload();
  };
  const conversion = useConversion((entries) => {
    const done = entries.filter((e) => e.state === 'done').length;
    if (done > 0) showSuccess(`${done}个文件已转换为PDF`);
    refresh();
  });

  useEffect(() => setSelectedIds([]), [folderId]);
  useEffect(() => {
    setSelectedIds((ids) => ids.filter((id) => fileList.some((f) => f.id === id)));
  }, [fileList]);

  const anyConverting = fileList.some((f) => f.converting);
  const reloadFiles = files.reload;
  useEffect(() => {
    if (!anyConverting || conversion.running) return;
    const t = window.setTimeout(reloadFiles, CONVERTING_REFRESH_MS);
    return () => window.clearTimeout(t);
  }, [anyConverting, conversion.running, fileList, reloadFiles]);

  const convert = (targets: DriveFile[]) => {
    const words = targets.filter((f) => f.kind === 'word' && !f.converting);
    if (words.length === 0) {
      showWarning('请勾选需要转换的 Word 文件');
      return;
    }
    modal.confirm({
      title: '提示',
      content: '转换后将替换原文件，确定要转换为pdf吗?',
      okText: '确定',
      cancelText: '取消',
      onOk: () => {
        void conversion.start(words.map((f) => ({ id: f.id, name: f.name })));
      },
    });
  };

  const removeFile = async (f: DriveFile) => {
    try {
      await deleteFile(f.id);
      showSuccess('已移入回收站');
      refresh();
    } catch (err) {
      showError(err);
    }
  };

  const removeFolder = async (f: DriveFolder) => {
    try {
      await deleteFolder(f.id);
      showSuccess(`已删除文件夹「${f.name}」`);
      if (folderId === f.id) setFolderId(undefined);
      folders.reload();
    } catch (err) {
      showError(err);
    }
  };

  const count = folder ? fileList.length : 0;
  const selectedFiles = fileList.filter((f) => selectedIds.includes(f.id));
  // 批量盖章 seals the checked PDFs; other checked files have nothing to seal and stay out
  const selectedPdfs = selectedFiles.filter((f) => f.kind === 'pdf' && !f.converting);

  return (
    <div className="hall-panel hall-drive">
      <h3 className="hall-panel-title">我的云盘</h3>
      <div className="hall-drive-body">
        <FolderTree
          folders={folders.data ?? []}
          loading={folders.loading}
          selectedId={folderId}
          onSelect={setFolderId}
          onCreate={() => setFolderModal({ open: true })}
          onEdit={(f) => setFolderModal({ open: true, editing: f })}
          onDelete={(f) => void removeFolder(f)}
        />
        <section className="hall-drive-files">
          <div className="hall-drive-header">
            <div className="hall-drive-heading" data-testid="drive-heading">
              <span className="hall-drive-folder-name">{folder ? folder.name : '您还没选中文件夹'}</span>
              <span className="hall-drive-sep">|</span>
              <span>共有文件{count}个</span>
            </div>
            <Space wrap>
              <Button type="primary" icon={<UploadOutlined />} disabled={!folder} onClick={() => setUploadOpen(true)}>
                上传文件
              </Button>
              <Button icon={<FilePdfOutlined />} disabled={!folder || conversion.running} onClick={() => convert(selectedFiles)}>
                转换PDF
              </Button>
              <Button
                icon={<AuditOutlined />}
                disabled={selectedPdfs.length === 0}
                title={selectedPdfs.length ? `对勾选的 ${selectedPdfs.length} 个 PDF 文件盖章` : '请勾选需要盖章的 PDF 文件'}
                onClick={() => void navigate(`/seal/batch?files=${selectedPdfs.map((f) => encodeURIComponent(f.id)).join(',')}`)}
              >
                批量盖章
              </Button>
              <Button icon={<ReloadOutlined />} disabled={!folder} onClick={refresh}>
                刷新
              </Button>
              <Button icon={<DeleteOutlined />} onClick={() => setRecycleOpen(true)}>
                回收站
              </Button>
            </Space>
          </div>
          <div className="hall-drive-selected" data-testid="drive-selected">
            已选中{selectedIds.length}个文件
          </div>
          <FileTable
            files={fileList}
            loading={!!folder && files.loading}
            selectedIds={selectedIds}
            onSelectionChange={setSelectedIds}
            onPreview={setPreviewOf}
            onVersions={setVersionsOf}
            onDelete={(f) => void removeFile(f)}
            onConvert={(f) => convert([f])}
          />
        </section>
      </div>
      <FolderModal
        open={folderModal.open}
        editing={folderModal.editing}
        folders={folders.data ?? []}
        defaultParentId={folderModal.editing ? undefined : null}
        onClose={() => setFolderModal({ open: false })}
        onSaved={(saved) => {
          setFolderModal({ open: false });
          showSuccess(folderModal.editing ? '文件夹已保存' : '文件夹已创建');
          folders.reload();
          setFolderId(saved.id);
        }}
      />
      <UploadModal
        open={uploadOpen}
        folder={folder}
        onUploaded={() => files.reload()}
        onClose={(any) => {
          setUploadOpen(false);
          if (any) refresh();
        }}
      />
      <ConversionModal entries={conversion.entries} running={conversion.running} onClose={conversion.clear} />
      <VersionsDrawer
        file={versionsOf}
        onClose={() => setVersionsOf(undefined)}
        onRestored={(updated) => {
          setVersionsOf(updated);
          refresh();
        }}
      />
      <RecycleBinDrawer open={recycleOpen} onClose={() => setRecycleOpen(false)} onRestored={refresh} />
      <PreviewModal file={previewOf} onClose={() => setPreviewOf(undefined)} />
    </div>
  );
}
