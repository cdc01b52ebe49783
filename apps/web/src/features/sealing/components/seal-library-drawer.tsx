// 印章库: the unit's seal images kept on the server, each bound to a certificate (by serial
// number). A scan on white paper (JPG or PNG) has its paper made transparent by the server.
import { useCallback, useEffect, useState } from 'react';
import { Button, Drawer, Form, Image, Input, InputNumber, List, Popconfirm, Select, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { errorText, showError, showSuccess } from '../../../lib/notify.ts';
import { deleteLibrarySeal, listLibrarySeals, uploadLibrarySeal, type LibrarySeal } from '../api/sealing.ts';

const KINDS = [
  { value: 'official', label: '公章' },
  { value: 'legal-representative', label: '法人章' },
  { value: 'other', label: '其他' },
];

interface FormValues {
  name: string;
  kind: string;
  certificateSerial: string;
  widthMm?: number;
}

export function SealLibraryDrawer({ open, certificateSerial, onClose, onChanged }: { open: boolean; certificateSerial?: string; onClose: () => void; onChanged: () => void }) {
  const [seals, setSeals] = useState<LibrarySeal[]>([]);
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<FormValues>();

  const load = useCallback(() => {
    listLibrarySeals().then(setSeals, showError);
  }, []);
  useEffect(() => {
    if (!open) return;
    load();
    form.setFieldsValue({ kind: 'official', name: '公章', certificateSerial: certificateSerial ?? '' });
  }, [open, load, form, certificateSerial]);

  const upload = async () => {
    const values = await form.validateFields();
    if (!file) {
      setError('请选择印章图片（PNG 或 JPG）');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await uploadLibrarySeal({ ...values, file });
      showSuccess('印章已上传');
      setFile(undefined);
      load();
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} title="印章库" width={480} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={() => void upload().catch(() => undefined)}>
        <Form.Item name="name" label="印章名称" rules={[{ required: true, message: '请填写印章名称' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label="印章类型">
          <Select options={KINDS} />
        </Form.Item>
        <Form.Item name="certificateSerial" label="绑定证书序列号" extra="只能与该 CA 证书一起使用" rules={[{ required: true, message: '请填写证书序列号' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="widthMm" label="印章直径（毫米）" extra="不填：公章 42 毫米，法人章 20 毫米">
          <InputNumber min={5} max={100} />
        </Form.Item>
        <Form.Item label="印章图片" validateStatus={error ? 'error' : undefined} help={error ?? 'PNG（透明背景）或白底扫描件 JPG/PNG，白色背景会自动去除'}>
          <Upload
            accept=".png,.jpg,.jpeg,image/png,image/jpeg"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(undefined)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>选择图片</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          上传到印章库
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        已有印章
      </Typography.Title>
      <List
        dataSource={seals}
        locale={{ emptyText: '印章库中还没有印章' }}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Popconfirm
                key="delete"
                title="确定删除该印章吗?"
                onConfirm={() =>
                  void deleteLibrarySeal(s.id).then(() => {
                    load();
                    onChanged();
                  }, showError)
                }
              >
                <Button type="link" danger size="small">
                  删除
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              avatar={<Image src={s.imageUrl} width={56} height={56} style={{ objectFit: 'contain' }} />}
              title={s.name}
              description={`${KINDS.find((k) => k.value === s.kind)?.label ?? s.kind} · ${s.widthMm} 毫米 · 证书 ${s.certificateSerial}`}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
