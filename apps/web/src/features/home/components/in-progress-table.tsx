import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { statusColor, type InProgressItem } from '../api/get-home.ts';

const columns: ColumnsType<InProgressItem> = [
  { title: '申报流水号', dataIndex: 'serialNo', width: 150 },
  {
    title: '项目代码 | 项目名称',
    key: 'project',
    render: (_, r) => (
      <div>
        <div className="hall-muted">{r.projectCode}</div>
        <div>{r.projectName}</div>
      </div>
    ),
  },
  {
    title: '阶段 / 事项',
    key: 'matter',
    render: (_, r) => (
      <div>
        <div className="hall-muted">{r.stage}</div>
        <div>{r.matter}</div>
      </div>
    ),
  },
  // every status the hall can show has its colour in the one shared map
  { title: '状态', dataIndex: 'status', width: 150, render: (s: string) => <Tag color={statusColor(s)}>{s}</Tag> },
  {
    title: '操作',
    key: 'actions',
    width: 90,
    render: (_, r) => <Link to={`/space/applications/${encodeURIComponent(r.applicationId)}`}>查看</Link>,
  },
];

interface Props {
  items: InProgressItem[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

export function InProgressTable({ items, total, page, pageSize, loading, onPage }: Props) {
  return (
    <div className="hall-panel">
      <h3 className="hall-panel-title">申报中列表</h3>
      <Table<InProgressItem>
        rowKey="applicationId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: onPage,
        }}
      />
    </div>
  );
}
