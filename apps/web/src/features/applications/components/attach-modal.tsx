// 附件上传 as the manual shows it: 本地上传 and 我的云盘, plus 我的材料. In 我的云盘 the folders are
// listed with their files; ticked files appear on the right, and 关闭 links them to the
// material row. In 我的材料 a kept material (营业执照, 资质证书…) is put under the row at once.
// The same dialog serves 暂存, 补全/补正 answers and 容缺补齐: the server says which rows are open.
import { useEffect, useState } from 'react';
import { Button, Checkbox, Col, List, Modal, Row, Tabs, Tag, Upload, Typography } from 'antd';
import { CloseOutlined, FolderOutlined, UploadOutlined } from '@ant-design/icons';
import {
  attachDriveFiles,
  attachUnitMaterial,
  listFolderFiles,
  listFolders,
  listUnitMaterials,
  uploadToMaterial,
  type Application,
  type DriveFile,
  type Folder,
  type UnitMaterial,
} from '../api/applications.ts';
import { showError } from '../../../lib/notify.ts';

interface Props {
  applicationId: string;
  material: { id: string; name: string } | null;
  onClose: (updated?: Application) => void;
}

export function AttachModal({ applicationId, material, onClose }: Props) {
  const [folders, setFolders] = useState<Folder[]>([]);
  const [folderId, setFolderId] = useState<string>();
  const [files, setFiles] = useState<DriveFile[]>([]);
  const [picked, setPicked] = useState<DriveFile[]>([]);
  const [kept, setKept] = useState<UnitMaterial[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!material) return;
    setPicked([]);
    listUnitMaterials()
      .then((l) => setKept(l.items))
      .catch(showError);
    listFolders()
      .then((f) => {
        setFolders(f);
        setFolderId(f[0]?.id);
      })
      .catch(showError);
  }, [material]);
  useEffect(() => {
    if (folderId) listFolderFiles(folderId).then(setFiles).catch(showError);
  }, [folderId]);

  const toggle = (f: DriveFile, on: boolean) => setPicked((p) => (on ? [...p.filter((x) => x.id !== f.id), f] : p.filter((x) => x.id !== f.id)));

  async function close() {
    if (!material || picked.length === 0) return onClose();
    setBusy(true);
    try {
      onClose(await attachDriveFiles(applicationId, material.id, picked.map((f) => ({ fileId: f.id, version: f.version }))));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  /** One attach call; the dialog closes with the updated application, or stays open on a refusal. */
  async function attachWith(call: (materialId: string) => Promise<Application>) {
    if (!material) return;
    setBusy(true);
    try {
      onClose(await call(material.id));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }
  const upload = (file: File) => attachWith((m) => uploadToMaterial(applicationId, m, [file]));

  return (
    <Modal title={`附件上传 — ${material?.name ?? ''}`} open={Boolean(material)} onCancel={() => onClose()} width={900} footer={<Button type="primary" loading={busy} onClick={() => void close()}>关闭</Button>}>
      <Tabs
        defaultActiveKey="drive"
        items={[
          {
            key: 'local',
            label: '本地上传',
            children: (
              <Upload.Dragger multiple={false} showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
                <p><UploadOutlined /> 点击或拖拽文件到此处上传（文件同时保存到我的云盘“申报材料”文件夹）</p>
              </Upload.Dragger>
            ),
          },
          {
            key: 'drive',
            label: '我的云盘',
            children: (
              <Row gutter={16}>
                <Col span={7}>
                  <List
                    size="small"
                    bordered
                    dataSource={folders}
                    renderItem={(f) => (
                      <List.Item onClick={() => setFolderId(f.id)} style={{ cursor: 'pointer', background: f.id === folderId ? '#e6f4ff' : undefined }}>
                        <FolderOutlined /> {f.name}（{f.fileCount}）
                      </List.Item>
                    )}
                  />
                </Col>
                <Col span={9}>
                  <List
                    size="small"
                    bordered
                    locale={{ emptyText: '该文件夹没有文件' }}
                    dataSource={files}
                    renderItem={(f) => (
                      <List.Item>
                        <Checkbox checked={picked.some((p) => p.id === f.id)} onChange={(e) => toggle(f, e.target.checked)}>
                          {f.name}
                        </Checkbox>
                      </List.Item>
                    )}
                  />
                </Col>
                <Col span={8}>
                  <Typography.Text strong>已选择（{picked.length}）</Typography.Text>
                  <List
                    size="small"
                    bordered
                    dataSource={picked}
                    data-testid="picked-files"
                    renderItem={(f) => (
                      <List.Item actions={[<Button key="x" size="small" type="text" icon={<CloseOutlined />} aria-label="移除" onClick={() => toggle(f, false)} />]}>{f.name}</List.Item>
                    )}
                  />
                </Col>
              </Row>
            ),
          },
          {
            key: 'kept',
            label: '我的材料',
            children: (
              <List
                size="small"
                bordered
                data-testid="unit-materials"
                locale={{ emptyText: '我的材料中还没有材料' }}
                dataSource={kept}
                renderItem={(u) => (
                  <List.Item
                    actions={[
                      <Button key="use" type="link" disabled={busy || u.expiry === 'expired' || u.files.every((f) => f.deleted)} onClick={() => void attachWith((m) => attachUnitMaterial(u.id, applicationId, m))}>
                        使用
                      </Button>,
                    ]}
                  >
                    <span>
                      {u.name} <span className="hall-muted">（{u.kindLabel}，{u.files.filter((f) => !f.deleted).length} 个文件）</span>{' '}
                      {(u.expiry === 'expired' || u.expiry === 'expiring') && <Tag color={u.expiry === 'expired' ? 'red' : 'orange'}>{u.expiryLabel}</Tag>}
                    </span>
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
