// 申报队列: every submitted application, by state or by what it waits on (补正中, 逾期未补正,
// 特别程序中, 容缺待补齐 (逾期 included), 容缺待确认), newest first or by the earliest 补正期限.
import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { showError } from '../../../lib/notify.ts';
import { queue, statusColor, type ApplicationList, type QueueQuery } from '../api/staff.ts';

const STATES = [
  { value: '', label: '全部状态' },
  { value: 'submitted', label: '已申报' },
  { value: 'supplemented', label: '已补全' },
  { value: 'supplement_required', label: '待补全' },
  { value: 'accepted', label: '已受理' },
  { value: 'finished', label: '已办结' },
  { value: 'rejected', label: '不予受理' },
];

const FLAGS = [
  { value: '', label: '全部情形' },
  { value: 'correcting', label: '补正中' },
  { value: 'overdue', label: '逾期未补正' },
  { value: 'special', label: '特别程序中' },
  { value: 'deferral_owed', label: '容缺待补齐' },
  { value: 'deferral_submitted', label: '容缺待确认' },
];

const SORTS = [
  { value: 'submitted', label: '按申报时间' },
  { value: 'deadline', label: '按补正期限' },
];

export function ApplicationQueue({ onOpen }: { onOpen: (id: string) => void }) {
  const [state, setState] = useState('submitted');
  const [flag, setFlag] = useState('');
  const [sort, setSort] = useState<NonNullable<QueueQuery['sort']>>('submitted');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ApplicationList>({ items: [], total: 0 });
  useEffect(() => {
    queue({ state: (state || undefined) as QueueQuery['state'], flag: (flag || undefined) as QueueQuery['flag'], sort, page })
      .then(setData)
      .catch(showError);
  }, [state, flag, sort, page]);
  const now = Date.now();
  return (
    <Card
      title="申报队列"
      extra={
        <Space>
          <Select value={state} onChange={(v) => { setState(v); setPage(1); }} options={STATES} style={{ width: 120 }} aria-label="状态" />
          <Select value={flag} onChange={(v) => { setFlag(v); setPage(1); }} options={FLAGS} style={{ width: 130 }} aria-label="办理情形" />
          <Select value={sort} onChange={(v) => { setSort(v); setPage(1); }} options={SORTS} style={{ width: 130 }} aria-label="排序" />
        </Space>
      }
    >
      <Table
        rowKey="applicationId"
        dataSource={data.items}
        pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '申报流水号', dataIndex: 'serialNo', width: 140 },
          { title: '申报单位', dataIndex: 'unitName' },
          { title: '项目', key: 'p', render: (_, r) => <div><div className="hall-muted">{r.projectCode}</div>{r.projectName}</div> },
          { title: '事项', dataIndex: 'matter' },
          { title: '状态', dataIndex: 'status', width: 150, render: (x: string) => <Tag color={statusColor(x)}>{x}</Tag> },
          {
            title: '补正期限',
            dataIndex: 'correctionDeadline',
            width: 110,
            render: (x: string | null) => (x ? <span style={Date.parse(x) < now ? { color: '#cf1322' } : undefined}>{formatDate(x)}</span> : ''),
          },
          { title: '申报时间', dataIndex: 'submittedAt', width: 170, render: (x: string | null) => (x ? formatDateTime(x) : '') },
          { title: '操作', key: 'a', width: 80, render: (_, r) => <Button type="link" onClick={() => onOpen(r.applicationId)}>办理</Button> },
        ]}
      />
    </Card>
  );
}
