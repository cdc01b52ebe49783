// 问题反馈 in the window's console: every unit's questions, newest first, 待答复 / 已答复; open one,
// write the 答复 and save (once: the enterprise reads it on its own 问题反馈 page).
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Form, Input, Segmented, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { answerFeedback, staffFeedback, type Feedback, type FeedbackList } from '../api/staff.ts';

type Filter = 'pending' | 'answered' | 'all';

function FeedbackDrawer({ item, onClose, onAnswered }: { item: Feedback | null; onClose: () => void; onAnswered: (f: Feedback) => void }) {
  const [form] = Form.useForm<{ answer: string }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => form.resetFields(), [item, form]);
  const save = async ({ answer }: { answer: string }) => {
    if (!item) return;
    setSaving(true);
    try {
      onAnswered(await answerFeedback(item.id, answer));
      showSuccess('答复已保存');
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };
  const text = (s: string) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s}</Typography.Paragraph>;
  return (
    <Drawer open={item !== null} onClose={onClose} title={item ? `问题反馈：${item.title}` : ''} size="large" destroyOnHidden>
      {item && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="反馈单位">{item.unitName}</Descriptions.Item>
            <Descriptions.Item label="问题类型">{item.typeLabel}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{item.contactPhone}</Descriptions.Item>
            <Descriptions.Item label="提交时间">{formatDateTime(item.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="问题描述">{text(item.content)}</Descriptions.Item>
            {item.answer !== null && <Descriptions.Item label="答复">{text(item.answer)}</Descriptions.Item>}
            {item.answeredAt && <Descriptions.Item label="答复时间">{`${formatDateTime(item.answeredAt)}${item.answeredBy ? `（${item.answeredBy}）` : ''}`}</Descriptions.Item>}
          </Descriptions>
          {item.status === 'pending' && (
            <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(v) => void save(v)}>
              <Form.Item name="answer" label="答复" rules={[{ required: true, whitespace: true, min: 2, message: '请填写答复内容（至少 2 个字）' }]}>
                <Input.TextArea rows={6} maxLength={2000} showCount />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>保存答复</Button>
            </Form>
          )}
        </>
      )}
    </Drawer>
  );
}

export function FeedbackDesk() {
  const [filter, setFilter] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<FeedbackList>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<Feedback | null>(null);
  const load = useCallback(() => {
    setLoading(true);
    staffFeedback(filter === 'all' ? undefined : filter, page)
      .then(setData)
      .catch(showError)
      .finally(() => setLoading(false));
  }, [filter, page]);
  useEffect(load, [load]);
  return (
    <Card
      title="问题反馈"
      extra={
        <Segmented<Filter>
          value={filter}
          onChange={(v) => { setFilter(v); setPage(1); }}
          options={[{ value: 'pending', label: '待答复' }, { value: 'answered', label: '已答复' }, { value: 'all', label: '全部' }]}
        />
      }
    >
      <Table<Feedback>
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        locale={{ emptyText: filter === 'pending' ? '没有待答复的问题' : '暂无反馈' }}
        pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '反馈单位', dataIndex: 'unitName' },
          { title: '类型', dataIndex: 'typeLabel', width: 100 },
          { title: '联系电话', dataIndex: 'contactPhone', width: 140 },
          { title: '提交时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
          { title: '状态', dataIndex: 'statusLabel', width: 90, render: (label: string, f) => <Tag color={f.status === 'answered' ? 'green' : 'orange'}>{label}</Tag> },
          { title: '操作', key: 'a', width: 80, render: (_, f) => <Button type="link" onClick={() => setOpen(f)}>{f.status === 'pending' ? '答复' : '查看'}</Button> },
        ]}
      />
      <FeedbackDrawer
        item={open}
        onClose={() => setOpen(null)}
        onAnswered={(f) => {
          setOpen(f);
          load();
        }}
      />
    </Card>
  );
}
