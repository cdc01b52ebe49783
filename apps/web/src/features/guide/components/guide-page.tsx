import { useState } from 'react';
import { Button, Card, Checkbox, Collapse, Empty, Form, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useRequest } from '../../../hooks/use-request.ts';
import { showError } from '../../../lib/notify.ts';
import { answerGuide, applyLink, getQuestions, type GuideAnswers, type GuideResult } from '../api/guide.ts';
import '../guide.css';

type Matter = GuideResult['matters'][number];
type Need = Matter['materials'][number]['need'];

const NEED: Record<Need, { label: string; color: string }> = {
  required: { label: '必交', color: 'red' },
  needed: { label: '需提交', color: 'orange' },
  maybe: { label: '视情况', color: 'default' },
  'not-needed': { label: '无需提交', color: 'green' },
};

function MatterCard({ matter }: { matter: Matter }) {
  return (
    <Card
      size="small"
      className="hall-guide-matter"
      data-testid={`guide-matter-${matter.id}`}
      title={
        <Space>
          <Tag color="blue">{matter.stageName}</Tag>
          <span>{matter.name}</span>
        </Space>
      }
      extra={
        <Link to={applyLink(matter.id)}>
          <Button type="primary" size="small" icon={<FormOutlined />}>
            去申报
          </Button>
        </Link>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {matter.department} · 承诺时限 {matter.timeLimitDays} 个工作日 · {matter.reason}
      </Typography.Paragraph>
      <ol className="hall-guide-materials">
        {matter.materials.map((m) => (
          <li key={m.id} className={m.need === 'not-needed' ? 'hall-guide-not-needed' : undefined}>
            <Tag color={NEED[m.need].color}>{NEED[m.need].label}</Tag>
            {m.need === 'required' && <span className="hall-guide-star">* </span>}
            {m.name}
            {m.need !== 'required' && m.reason && <div className="hall-muted hall-guide-reason">{m.reason}</div>}
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** 智能引导: a few questions → the matters to apply for and each one's materials. */
export function GuidePage() {
  const questions = useRequest((s) => getQuestions(s), []);
  const [result, setResult] = useState<GuideResult>();
  const [busy, setBusy] = useState(false);
  const q = questions.data;

  const submit = async (answers: GuideAnswers) => {
    setBusy(true);
    try {
      setResult(await answerGuide({ ...answers, flags: answers.flags ?? [] }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const applying = result?.matters.filter((m) => m.applies) ?? [];
  const skipped = result?.matters.filter((m) => !m.applies) ?? [];

  return (
    <>
      <div className="hall-panel" data-testid="guide-form">
        <div className="hall-panel-title">智能引导</div>
        <Typography.Paragraph type="secondary">回答以下几个问题，系统告诉您需要办理哪些事项、每个事项需要准备哪些材料。</Typography.Paragraph>
        {q && (
          <Form<GuideAnswers>
            layout="horizontal"
            labelCol={{ span: 4 }}
            wrapperCol={{ span: 18 }}
            initialValues={{ projectType: 'housing', stageId: q.stages[0]?.value, flags: [] }}
            onFinish={(v) => void submit(v)}
          >
            <Form.Item name="projectType" label="项目类型" rules={[{ required: true }]}>
              <Radio.Group options={q.projectTypes} />
            </Form.Item>
            <Form.Item name="investmentWan" label="总投资" rules={[{ required: true, message: '请填写总投资' }]}>
              <InputNumber min={0} precision={2} addonAfter="万元" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="areaM2" label="建筑面积" rules={[{ required: true, message: '请填写建筑面积' }]}>
              <InputNumber min={0} precision={2} addonAfter="平方米" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="stageId" label="项目所处阶段" rules={[{ required: true }]} extra="将要办理的阶段；之前阶段的事项视为已办理">
              <Select options={q.stages} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="flags" label="特殊情形">
              <Checkbox.Group className="hall-guide-flags" options={q.flags} />
            </Form.Item>
            <Form.Item wrapperCol={{ offset: 4 }}>
              <Button type="primary" htmlType="submit" loading={busy}>
                查看需办事项
              </Button>
            </Form.Item>
          </Form>
        )}
      </div>
      {result && (
        <div className="hall-panel" data-testid="guide-result">
          <div className="hall-panel-title">需要办理的事项（{applying.length} 项）</div>
          {applying.length === 0 ? <Empty description="根据您的回答，暂无需要办理的事项" /> : applying.map((m) => <MatterCard key={m.id} matter={m} />)}
          {skipped.length > 0 && (
            <Collapse
              ghost
              items={[
                {
                  key: 'skipped',
                  label: `可不办理或已办理的事项（${skipped.length} 项）`,
                  children: (
                    <ul>
                      {skipped.map((m) => (
                        <li key={m.id}>
                          {m.stageName} · {m.name}：<span className="hall-muted">{m.reason}</span>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          )}
        </div>
      )}
    </>
  );
}
