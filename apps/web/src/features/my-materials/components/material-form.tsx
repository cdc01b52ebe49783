import { useEffect, useState } from 'react';
import { Button, DatePicker, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, FilePdfOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useRequest } from '../../../hooks/use-request.ts';
import { formatSize } from '../../../lib/format.ts';
import { isApiError } from '../../../lib/api.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import {
  createMaterial,
  listFolderFiles,
  listFolders,
  UNIT_MATERIAL_KINDS,
  updateMaterial,
  type UnitMaterial,
  type UnitMaterialBody,
} from '../api/my-materials.ts';

interface Picked {
  fileId: string;
  version: number;
  name: string;
}

interface Values {
  kind: UnitMaterialBody['kind'];
  name: string;
  number?: string;
  issuer?: string;
  validity?: [Dayjs | null, Dayjs | null];
  notes?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 新增 / 修改材料: the fields, and files picked from 我的云盘. */
export function MaterialForm({ open, editing, onClose, onSaved }: { open: boolean; editing: UnitMaterial | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<Picked[]>([]);
  const [folderId, setFolderId] = useState<string>();
  const [saving, setSaving] = useState(false);
  const folders = useRequest((s) => listFolders(s), [], { enabled: open });
  const files = useRequest((s) => listFolderFiles(folderId!, s), [folderId], { enabled: open && Boolean(folderId) });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        kind: editing.kind as Values['kind'],
        name: editing.name,
        number: editing.number,
        issuer: editing.issuer,
        notes: editing.notes,
        validity: [editing.validFrom ? dayjs(editing.validFrom) : null, editing.validTo ? dayjs(editing.validTo) : null],
      });
      setPicked(editing.files.filter((f) => !f.deleted).map((f) => ({ fileId: f.fileId, version: f.version, name: f.name })));
    } else setPicked([]);
  }, [open, editing, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body: UnitMaterialBody = {
      kind: v.kind,
      name: v.name,
      number: v.number ?? '',
      issuer: v.issuer ?? '',
      validFrom: day(v.validity?.[0]),
      validTo: day(v.validity?.[1]),
      notes: v.notes ?? '',
      files: picked.map((p) => ({ fileId: p.fileId, version: p.version })),
    };
    setSaving(true);
    try {
      if (editing) await updateMaterial(editing.id, body);
      else await createMaterial(body);
      showSuccess('已保存');
      onSaved();
    } catch (err) {
      if (isApiError(err) && Array.isArray(err.details.fields)) {
        form.setFields((err.details.fields as { field: string; message: string }[]).map((f) => ({ name: (f.field === 'validTo' || f.field === 'validFrom' ? 'validity' : f.field) as keyof Values, errors: [f.message] })));
      }
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={editing ? '修改材料' : '新增材料'} width={720} onCancel={onClose} onOk={() => void save()} okText="确定" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="horizontal" labelCol={{ span: 5 }} initialValues={{ kind: 'business-license' }}>
        <Form.Item name="kind" label="材料类型" rules={[{ required: true, message: '请选择材料类型' }]}>
          <Select options={Object.entries(UNIT_MATERIAL_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="name" label="材料名称" rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}>
          <Input maxLength={100} placeholder="如：营业执照、建筑业企业资质证书" />
        </Form.Item>
        <Form.Item name="number" label="证书编号">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="issuer" label="发证机关">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="validity" label="有效期" extra="有效期止不填表示长期有效">
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['有效期起', '有效期止']} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="notes" label="备注">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Form.Item label="材料文件" extra="从我的云盘选择文件（文件须先上传到云盘）">
          <Space.Compact style={{ width: '100%' }}>
            <Select
              style={{ width: '45%' }}
              placeholder="选择云盘文件夹"
              loading={folders.loading}
              value={folderId}
              onChange={setFolderId}
              options={(folders.data ?? []).map((f) => ({ value: f.id, label: `${f.name}（${f.fileCount}）` }))}
            />
            <Select
              style={{ width: '55%' }}
              placeholder="选择文件"
              disabled={!folderId}
              loading={files.loading}
              value={null}
              onChange={(fileId: string) => {
                const f = files.data?.find((x) => x.id === fileId);
                if (f && !picked.some((p) => p.fileId === f.id)) setPicked([...picked, { fileId: f.id, version: f.version, name: f.name }]);
              }}
              options={(files.data ?? []).map((f) => ({ value: f.id, label: `${f.name}（${formatSize(f.size)}）` }))}
            />
          </Space.Compact>
          <List
            size="small"
            locale={{ emptyText: '未选择文件' }}
            dataSource={picked}
            renderItem={(p) => (
              <List.Item actions={[<Button key="rm" type="link" danger size="small" icon={<DeleteOutlined />} onClick={() => setPicked(picked.filter((x) => x.fileId !== p.fileId))} aria-label={`移除 ${p.name}`} />]}>
                <Typography.Text>
                  <FilePdfOutlined /> {p.name} <span className="hall-muted">第 {p.version} 版</span>
                </Typography.Text>
              </List.Item>
            )}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
