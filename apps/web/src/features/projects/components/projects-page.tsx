// 我的项目, with 快速登记 (a project with its 投资项目代码) and 自动赋码 (a project without one
// gets a code ZDFM-区划-日期-序号) as one form in a dialog.
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { createProject, listProjects, type Project } from '../api/projects.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';

const REGIONS = [
  { value: '360200', label: '景德镇市' },
  { value: '360202', label: '昌江区' },
  { value: '360203', label: '珠山区' },
  { value: '360222', label: '浮梁县' },
  { value: '360281', label: '乐平市' },
];

interface Props {
  /** open the 快速登记 dialog at once; 'auto' starts it on 自动赋码 */
  start?: 'register' | 'auto';
}

export function ProjectsPage({ start }: Props) {
  const [projects, setProjects] = useState<Project[]>([]);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState(Boolean(start));
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const hasCode = Form.useWatch('hasCode', form);

  const load = useCallback(() => {
    setLoading(true);
    listProjects()
      .then(setProjects)
      .catch(showError)
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);

  async function save() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const p = await createProject({
        code: v.hasCode === 'yes' ? v.code : undefined,
        name: v.name,
        constructionUnit: v.constructionUnit,
        regionCode: v.regionCode,
        investment: v.investment || undefined,
        scale: v.scale || undefined,
        address: v.address || undefined,
      });
      showSuccess(p.codeKind === 'self' ? `登记成功，自动赋码：${p.code}` : '登记成功');
      setOpen(false);
      form.resetFields();
      load();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      title="我的项目"
      extra={
        <Space>
          <Button type="primary" onClick={() => { form.setFieldValue('hasCode', 'yes'); setOpen(true); }}>快速登记</Button>
          <Button onClick={() => { form.setFieldValue('hasCode', 'no'); setOpen(true); }}>自动赋码</Button>
        </Space>
      }
    >
      <Table<Project>
        rowKey="id"
        loading={loading}
        dataSource={projects}
        pagination={{ pageSize: 10 }}
        locale={{ emptyText: '暂无项目，请点击“快速登记”' }}
        columns={[
          { title: '项目代码', dataIndex: 'code', render: (c: string, p) => <Space>{c}{p.codeKind === 'self' && <Tag>自动赋码</Tag>}</Space> },
          { title: '项目名称', dataIndex: 'name' },
          { title: '建设单位', dataIndex: 'constructionUnit' },
          { title: '所属区划', dataIndex: 'regionCode', render: (r: string) => REGIONS.find((x) => x.value === r)?.label ?? r },
          { title: '总投资（万元）', dataIndex: 'investment' },
          { title: '操作', key: 'a', render: (_, p) => <Link to={`/space/apply?projectId=${p.id}`}>项目申报</Link> },
        ]}
      />
      <Modal title="快速登记" open={open} onCancel={() => setOpen(false)} onOk={() => void save()} confirmLoading={saving} okText="保存" cancelText="取消" destroyOnHidden={false} width={640}>
        <Form form={form} layout="vertical" initialValues={{ hasCode: start === 'auto' ? 'no' : 'yes', regionCode: '360200' }}>
          <Form.Item name="hasCode" label="是否有投资项目代码">
            <Radio.Group options={[{ value: 'yes', label: '有（填写投资项目代码）' }, { value: 'no', label: '没有（自动赋码）' }]} />
          </Form.Item>
          {hasCode !== 'no' && (
            <Form.Item name="code" label="投资项目代码" rules={[{ required: true, message: '请填写投资项目代码' }, { pattern: /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/, message: '格式如 2022-360203-47-01-012345' }]}>
              <Input placeholder="如 2022-360203-47-01-012345" />
            </Form.Item>
          )}
          <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="constructionUnit" label="建设单位" rules={[{ required: true, message: '请填写建设单位' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="regionCode" label="所属区划" rules={[{ required: true }]}>
            <Select options={REGIONS} />
          </Form.Item>
          <Form.Item name="investment" label="总投资（万元）" rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: '请填写数字' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label="建设地点">
            <Input />
          </Form.Item>
          <Form.Item name="scale" label="建设规模及内容">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function QuickRegisterPage() {
  return <ProjectsPage start="register" />;
}

export function AutoCodePage() {
  return <ProjectsPage start="auto" />;
}
