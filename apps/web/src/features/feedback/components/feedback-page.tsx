import { useState } from 'react';
import { Button, Descriptions, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useRequest } from '../../../hooks/use-request.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { isApiError } from '../../../lib/api.ts';
import { useSession } from '../../../lib/session.tsx';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { CONTACT_PHONE_PATTERN, FEEDBACK_TYPES, listFeedback, submitFeedback, type Feedback, type FeedbackBody } from '../api/feedback.ts';

function FeedbackForm({ onSent }: { onSent: () => void }) {
  const [form] = Form.useForm<FeedbackBody>();
  const { me } = useSession();
  const [sending, setSending] = useState(false);
  const send = async (values: FeedbackBody) => {
    setSending(true);
    try {
      await submitFeedback(values);
      showSuccess('提交成功，请等待答复');
      form.resetFields(['title', 'content']);
      onSent();
    } catch (err) {
      if (isApiError(err) && Array.isArray(err.details.fields)) form.setFields((err.details.fields as { field: string; message: string }[]).map((f) => ({ name: f.field as keyof FeedbackBody, errors: [f.message] })));
      showError(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <Form form={form} layout="horizontal" labelCol={{ span: 3 }} wrapperCol={{ span: 16 }} initialValues={{ type: 'consult', contactPhone: me?.enterprise.phone ?? '' }} onFinish={(v) => void send(v)}>
      <Form.Item name="type" label="问题类型" rules={[{ required: true }]}>
        <Select options={Object.entries(FEEDBACK_TYPES).map(([value, label]) => ({ value, label }))} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, min: 2, message: '请填写标题（至少 2 个字）' }]}>
        <Input maxLength={60} showCount />
      </Form.Item>
      <Form.Item name="content" label="问题描述" rules={[{ required: true, whitespace: true, min: 5, message: '请填写问题描述（至少 5 个字）' }]}>
        <Input.TextArea maxLength={2000} rows={4} showCount placeholder="请描述遇到的问题或建议，如办理的事项、申报流水号、出现的提示等" />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, { pattern: new RegExp(CONTACT_PHONE_PATTERN), message: '请填写正确的手机号码或固定电话（如 0798-8221234）' }]}>
        <Input maxLength={20} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item wrapperCol={{ offset: 3 }}>
        <Button type="primary" htmlType="submit" loading={sending}>
          提交
        </Button>
      </Form.Item>
    </Form>
  );
}

/** 问题反馈: ask the window, and read its answers. */
export function FeedbackPage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const list = useRequest((s) => listFeedback(paging.page, paging.pageSize, s), [paging.page, paging.pageSize]);
  return (
    <>
      <div className="hall-panel" data-testid="feedback-form">
        <div className="hall-panel-title">问题反馈</div>
        <FeedbackForm onSent={() => (paging.page === 1 ? list.reload() : setPaging({ ...paging, page: 1 }))} />
      </div>
      <div className="hall-panel" data-testid="feedback-list">
        <div className="hall-panel-title">我的反馈</div>
        <Table<Feedback>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无反馈' }}
          pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }), showTotal: (n) => `共 ${n} 条` }}
          expandable={{
            expandedRowRender: (f) => (
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="问题描述">
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{f.content}</Typography.Paragraph>
                </Descriptions.Item>
                <Descriptions.Item label="答复">{f.answer ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{f.answer}</Typography.Paragraph> : <span className="hall-muted">待答复</span>}</Descriptions.Item>
                {f.answeredAt && <Descriptions.Item label="答复时间">{`${formatDateTime(f.answeredAt)}${f.answeredBy ? `（${f.answeredBy}）` : ''}`}</Descriptions.Item>}
              </Descriptions>
            ),
          }}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '类型', dataIndex: 'typeLabel', width: 110 },
            { title: '联系电话', dataIndex: 'contactPhone', width: 150 },
            { title: '提交时间', dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
            { title: '状态', dataIndex: 'statusLabel', width: 100, render: (label: string, f) => <Tag color={f.status === 'answered' ? 'green' : 'orange'}>{label}</Tag> },
          ]}
        />
      </div>
    </>
  );
}
