// 短信发件箱 (development): what the outbox provider kept instead of sending — the links and
// verification codes a tester would read on the phone. Answers only when the server allows it.
import { useState } from 'react';
import { Alert, Card, Input, Table } from 'antd';
import type { OutboxMessage } from '@hall/shared/schemas/invitations';
import { useRequest } from '../../../hooks/use-request.ts';
import { apiFetch } from '../../../lib/api.ts';

export function SmsOutboxPage() {
  const [phone, setPhone] = useState<string>();
  const { data, error, loading } = useRequest((signal) => apiFetch<OutboxMessage[]>('/api/dev/sms', { query: { phone }, signal }), [phone], { quiet: () => true });
  return (
    <Card title="短信发件箱（开发环境）" style={{ margin: 16 }} extra={<Input.Search placeholder="手机号码" allowClear onSearch={(v) => setPhone(v || undefined)} style={{ width: 220 }} />}>
      {error && <Alert type="warning" showIcon message="发件箱未开启（需 SMS_OUTBOX_API=true 或 --demo，且短信服务为发件箱模式）" />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          { title: '手机号码', dataIndex: 'phone', width: 120 },
          { title: '内容', dataIndex: 'text' },
          { title: '状态', dataIndex: 'status', width: 80 },
        ]}
      />
    </Card>
  );
}
