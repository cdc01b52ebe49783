// 项目公示: approvals finished with 通过.
import { useEffect, useState } from 'react';
import { Card, Table } from 'antd';
import { publicity, type Publicity } from '../api/lookup.ts';
import { showError } from '../../../lib/notify.ts';

export function NoticePage() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Publicity>({ items: [], total: 0 });
  useEffect(() => {
    publicity(page).then(setData).catch(showError);
  }, [page]);
  return (
    <Card title="项目公示" style={{ margin: '24px auto', maxWidth: 1100 }}>
      <Table
        rowKey="serialNo"
        dataSource={data.items}
        pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '申报流水号', dataIndex: 'serialNo' },
          { title: '项目代码', dataIndex: 'projectCode' },
          { title: '项目名称', dataIndex: 'projectName' },
          { title: '建设单位', dataIndex: 'unitName' },
          { title: '审批事项', dataIndex: 'matter' },
          { title: '办结时间', dataIndex: 'finishedAt', render: (x: string | null) => (x ? new Date(x).toLocaleDateString('zh-CN') : '') },
        ]}
      />
    </Card>
  );
}
