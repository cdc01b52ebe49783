// 我的办件: every application of the enterprise with its state.
import { useEffect, useState } from 'react';
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { listApplications, type ApplicationList } from '../api/applications.ts';
import { showError } from '../../../lib/notify.ts';

export function ApplicationsPage() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ApplicationList>({ items: [], total: 0 });
  useEffect(() => {
    listApplications(page).then(setData).catch(showError);
  }, [page]);
  return (
    <Card title="我的办件" extra={<Link to="/space/apply">项目申报</Link>}>
      <Table
        rowKey="applicationId"
        dataSource={data.items}
        pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '申报流水号', dataIndex: 'serialNo', render: (s: string) => s || '（暂存）' },
          { title: '项目代码 | 项目名称', key: 'p', render: (_, r) => <div><div className="hall-muted">{r.projectCode}</div>{r.projectName}</div> },
          { title: '阶段 / 事项', key: 'm', render: (_, r) => <div><div className="hall-muted">{r.stage}</div>{r.matter}</div> },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
          { title: '操作', key: 'a', render: (_, r) => <Link to={`/space/applications/${r.applicationId}`}>查看</Link> },
        ]}
      />
    </Card>
  );
}
