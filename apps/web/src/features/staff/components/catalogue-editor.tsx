// 事项目录 (/staff/catalogue, administrators only): the stages and their matters as a tree; the
// chosen matter's 实施部门 and 办结时限, and its 材料清单 — 编辑, 停用/启用 and 新增材料. A 停用
// material leaves new applications' checklists and 智能引导; applications that already hold
// files under it keep showing it. Nothing is deleted.
import { useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Radio, Row, Space, Spin, Table, Tag, Tree, Typography } from 'antd';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { addMaterial, adminCatalogue, editMaterial, editMatter, setMaterialActive, type AdminCatalogue, type AdminMaterial, type AdminMatter } from '../api/catalogue.ts';

type MaterialForm = { name: string; required: boolean; notes: string; index: number };
type MatterForm = { name: string; department: string; timeLimitDays: number };

/** One change at a time: busy while it runs, the matter it answers handed on, the server's words on failure. */
function useChange(onSaved: (m: AdminMatter) => void) {
  const [busy, setBusy] = useState<string>();
  const run = async (key: string, call: () => Promise<AdminMatter>, done: string): Promise<boolean> => {
    setBusy(key);
    try {
      onSaved(await call());
      showSuccess(done);
      return true;
    } catch (err) {
      showError(err);
      return false;
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, run };
}

/** 新增材料 (material undefined) or 编辑 one; 序号 moves it, the others shift. */
function MaterialDialog({ matter, material, open, onClose, onSaved }: { matter: AdminMatter; material?: AdminMaterial; open: boolean; onClose: () => void; onSaved: (m: AdminMatter) => void }) {
  const [form] = Form.useForm<MaterialForm>();
  const { busy, run } = useChange(onSaved);
  useEffect(() => {
    if (open) form.setFieldsValue(material ? { name: material.name, required: material.required, notes: material.notes, index: material.index } : { name: '', required: true, notes: '', index: matter.materials.length + 1 });
  }, [open, material, matter, form]);
  const save = async (v: MaterialForm) => {
    if (await run('save', () => (material ? editMaterial(material.id, v) : addMaterial(matter.id, v)), material ? '材料已保存' : '材料已新增')) onClose();
  };
  return (
    <Modal open={open} title={material ? '编辑材料' : '新增材料'} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={busy !== undefined} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="name" label="材料名称" rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="required" label="必要" extra="必要材料在清单中标 *，未上传不能申报">
          <Radio.Group options={[{ value: true, label: '必要' }, { value: false, label: '非必要（视情形提供）' }]} />
        </Form.Item>
        <Form.Item name="notes" label="情形说明" extra="何种情形下需要提供，显示在材料名称下方">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="index" label="序号" rules={[{ required: true, message: '请填写序号' }]} extra="放到第几项，其后的材料依次后移">
          <InputNumber min={1} max={matter.materials.length + (material ? 0 : 1)} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MatterDialog({ matter, open, onClose, onSaved }: { matter: AdminMatter; open: boolean; onClose: () => void; onSaved: (m: AdminMatter) => void }) {
  const [form] = Form.useForm<MatterForm>();
  const { busy, run } = useChange(onSaved);
  useEffect(() => {
    if (open) form.setFieldsValue({ name: matter.name, department: matter.department, timeLimitDays: matter.timeLimitDays });
  }, [open, matter, form]);
  const save = async (v: MatterForm) => {
    if (await run('save', () => editMatter(matter.id, v), '事项已保存')) onClose();
  };
  return (
    <Modal open={open} title="编辑事项" onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={busy !== undefined} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="name" label="事项名称" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="department" label="实施部门" rules={[{ required: true, whitespace: true, message: '请填写实施部门' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="timeLimitDays" label="办结时限（工作日）" rules={[{ required: true, message: '请填写办结时限' }]}><InputNumber min={1} max={365} precision={0} /></Form.Item>
      </Form>
    </Modal>
  );
}

function Checklist({ matter, onChange }: { matter: AdminMatter; onChange: (m: AdminMatter) => void }) {
  const [dialog, setDialog] = useState<{ material?: AdminMaterial } | null>(null);
  const [editingMatter, setEditingMatter] = useState(false);
  const { busy, run } = useChange(onChange);
  const toggle = (m: AdminMaterial) => run(m.id, () => setMaterialActive(m.id, !m.active), m.active ? '材料已停用' : '材料已启用');
  return (
    <Card
      title={matter.name}
      extra={<Button onClick={() => setEditingMatter(true)}>编辑事项</Button>}
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="实施部门">{matter.department}</Descriptions.Item>
        <Descriptions.Item label="办结时限">{`${matter.timeLimitDays} 个工作日`}</Descriptions.Item>
        <Descriptions.Item label="材料">{`${matter.materials.filter((m) => m.active).length} 项启用，${matter.materials.filter((m) => !m.active).length} 项停用`}</Descriptions.Item>
      </Descriptions>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>材料清单</Typography.Text>
        <Button type="primary" onClick={() => setDialog({})}>新增材料</Button>
      </Space>
      <Table<AdminMaterial>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={matter.materials}
        locale={{ emptyText: '该事项还没有材料' }}
        onRow={(m) => ({ style: m.active ? undefined : { color: 'rgba(0, 0, 0, 0.45)' } })}
        columns={[
          { title: '序号', dataIndex: 'index', width: 64, align: 'center' },
          { title: '材料名称', dataIndex: 'name', render: (name: string, m) => (m.active ? name : <Typography.Text type="secondary">{name}</Typography.Text>) },
          { title: '必要', dataIndex: 'required', width: 64, align: 'center', render: (required: boolean) => (required ? <Typography.Text type="danger" strong style={{ fontSize: 16 }}>*</Typography.Text> : null) },
          { title: '情形说明', dataIndex: 'notes', width: '30%', render: (notes: string) => <Typography.Text type="secondary" style={{ fontSize: 13 }}>{notes}</Typography.Text> },
          { title: '状态', dataIndex: 'active', width: 80, render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? '启用' : '停用'}</Tag> },
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_, m) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDialog({ material: m })}>编辑</Button>
                {m.active ? (
                  <Popconfirm title="停用该材料？" description="新申报的材料清单和智能引导不再列出；已上传该材料的申报照常显示。" okText="停用" cancelText="取消" onConfirm={() => toggle(m)}>
                    <Button type="link" size="small" danger loading={busy === m.id}>停用</Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" loading={busy === m.id} onClick={() => void toggle(m)}>启用</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <MaterialDialog matter={matter} material={dialog?.material} open={dialog !== null} onClose={() => setDialog(null)} onSaved={onChange} />
      <MatterDialog matter={matter} open={editingMatter} onClose={() => setEditingMatter(false)} onSaved={onChange} />
    </Card>
  );
}

export function CatalogueEditor() {
  const [stages, setStages] = useState<AdminCatalogue>();
  const [selected, setSelected] = useState<string>();
  useEffect(() => {
    adminCatalogue()
      .then((data) => {
        setStages(data);
        setSelected(data.flatMap((s) => s.matters)[0]?.id);
      })
      .catch(showError);
  }, []);
  if (!stages) return <Spin />;
  const matter = stages.flatMap((s) => s.matters).find((m) => m.id === selected);
  // from the latest state: two saves finishing close together must both stay
  const replace = (next: AdminMatter) => setStages((prev) => prev?.map((s) => ({ ...s, matters: s.matters.map((m) => (m.id === next.id ? next : m)) })));
  return (
    <Row gutter={16} wrap={false}>
      <Col flex="280px">
        <Card title="事项目录" styles={{ body: { padding: 12 } }}>
          <Tree
            blockNode
            defaultExpandAll
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys, { node }) => {
              if (node.isLeaf && keys[0]) setSelected(String(keys[0]));
            }}
            treeData={stages.map((s) => ({
              key: `stage:${s.id}`,
              title: s.name,
              selectable: false,
              children: s.matters.map((m) => ({ key: m.id, title: m.name, isLeaf: true })),
            }))}
          />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>{matter ? <Checklist key={matter.id} matter={matter} onChange={replace} /> : <Card><Empty description="请在左侧选择事项" /></Card>}</Col>
    </Row>
  );
}
