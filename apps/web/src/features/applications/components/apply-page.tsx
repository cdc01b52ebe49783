// 项目申报: 选择项目 → 选择阶段 → 选择事项 → 填写申报信息; 暂存 creates the draft and opens its
// material page, where files are attached and the application is submitted.
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Form, Input, Radio, Space, Steps, Table, Tag } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { createApplication, getCatalogue, getMaterials, listMyProjects, type Catalogue, type CatalogueMaterial, type Project } from '../api/applications.ts';
import { showError } from '../../../lib/notify.ts';

export function ApplyPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [projects, setProjects] = useState<Project[]>([]);
  const [catalogue, setCatalogue] = useState<Catalogue>([]);
  const [projectId, setProjectId] = useState<string | undefined>(params.get('projectId') ?? undefined);
  const [stageId, setStageId] = useState<string>();
  const [matterId, setMatterId] = useState<string>();
  const [materials, setMaterials] = useState<CatalogueMaterial[]>([]);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  useEffect(() => {
    listMyProjects().then(setProjects).catch(showError);
    getCatalogue()
      .then((c) => {
        setCatalogue(c);
        // 智能引导 and 我的材料 link here with ?matterId=: start on that matter.
        const wanted = params.get('matterId');
        const stageOf = c.find((s) => s.matters.some((m) => m.id === wanted));
        if (wanted && stageOf) {
          setStageId(stageOf.id);
          setMatterId(wanted);
        }
      })
      .catch(showError);
  }, [params]);
  useEffect(() => {
    if (matterId) getMaterials(matterId).then(setMaterials).catch(showError);
  }, [matterId]);

  const stage = catalogue.find((s) => s.id === stageId);

  async function save() {
    if (!projectId || !matterId) return;
    setSaving(true);
    try {
      const created = await createApplication(projectId, matterId, form.getFieldsValue());
      void navigate(`/space/applications/${created.id}`);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="项目申报">
      <Steps current={step} items={[{ title: '选择项目' }, { title: '选择阶段与事项' }, { title: '填写申报信息' }, { title: '材料上传' }]} style={{ marginBottom: 24 }} />
      {step === 0 && (
        <>
          {projects.length === 0 ? (
            <Empty description="暂无项目，请先在“我的项目”中快速登记" />
          ) : (
            <Radio.Group value={projectId} onChange={(e) => setProjectId(e.target.value as string)} style={{ width: '100%' }}>
              <Table<Project>
                rowKey="id"
                dataSource={projects}
                pagination={false}
                onRow={(p) => ({ onClick: () => setProjectId(p.id) })}
                columns={[
                  { title: '', key: 'r', width: 40, render: (_, p) => <Radio value={p.id} aria-label={p.name} /> },
                  { title: '项目代码', dataIndex: 'code' },
                  { title: '项目名称', dataIndex: 'name' },
                  { title: '建设单位', dataIndex: 'constructionUnit' },
                ]}
              />
            </Radio.Group>
          )}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" disabled={!projectId} onClick={() => setStep(1)}>下一步</Button>
          </Space>
        </>
      )}
      {step === 1 && (
        <>
          <Radio.Group value={stageId} onChange={(e) => { setStageId(e.target.value as string); setMatterId(undefined); }} optionType="button" buttonStyle="solid" options={catalogue.map((s) => ({ value: s.id, label: s.name }))} />
          {stage && (
            <div style={{ marginTop: 16 }}>
              <Radio.Group value={matterId} onChange={(e) => setMatterId(e.target.value as string)}>
                <Space direction="vertical">
                  {stage.matters.map((m) => (
                    <Radio key={m.id} value={m.id}>
                      {m.name} <span className="hall-muted">（{m.department}，{m.timeLimitDays} 个工作日）</span>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </div>
          )}
          {matterId && (
            <Table<CatalogueMaterial>
              style={{ marginTop: 16 }}
              size="small"
              rowKey="id"
              dataSource={materials}
              pagination={false}
              columns={[
                { title: '序号', dataIndex: 'index', width: 60 },
                { title: '材料名称', dataIndex: 'name', render: (n: string, m) => <span>{m.required && <Tag color="red">*</Tag>}{n}</span> },
              ]}
            />
          )}
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(0)}>上一步</Button>
            <Button type="primary" disabled={!matterId} onClick={() => setStep(2)}>下一步</Button>
          </Space>
        </>
      )}
      {step === 2 && (
        <>
          <Form form={form} layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item name="contactName" label="联系人"><Input /></Form.Item>
            <Form.Item name="contactPhone" label="联系电话"><Input /></Form.Item>
            <Form.Item name="description" label="申报说明"><Input.TextArea rows={3} /></Form.Item>
          </Form>
          <Space>
            <Button onClick={() => setStep(1)}>上一步</Button>
            <Button type="primary" loading={saving} onClick={() => void save()}>暂存并上传材料</Button>
          </Space>
        </>
      )}
    </Card>
  );
}

