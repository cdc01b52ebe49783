// 第三方材料上传 (法人空间 menu): the links this unit has sent, with the row each serves, its
// expiry and state (有效/已过期/已撤销, 已使用 once something was uploaded through it); 撤销 stops
// a link. Links are made, and seen again to copy, on a material row (第三方材料上传发起/链接).
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Popconfirm, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { listMyLinks, revokeMyLink, type EnterpriseLink } from '../api/third-party.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';

export function LinksPage() {
  const [links, setLinks] = useState<EnterpriseLink[]>([]);
  const load = useCallback(() => {
    listMyLinks().then(setLinks).catch(showError);
  }, []);
  useEffect(load, [load]);
  return (
    <Card title="第三方材料上传" extra={<span className="hall-muted">在项目申报的材料行点击“第三方材料上传发起”</span>}>
      <Table<EnterpriseLink>
        rowKey="id"
        dataSource={links}
        locale={{ emptyText: '暂无第三方材料上传链接' }}
        columns={[
          { title: '项目 / 事项', key: 'p', render: (_, l) => <div><div>{l.projectName}</div><div className="hall-muted">{l.matter}</div></div> },
          { title: '材料名称', dataIndex: 'material' },
          { title: '第三方单位', dataIndex: 'thirdPartyName' },
          { title: '有效期至', dataIndex: 'expiresAt', render: (x: string) => new Date(x).toLocaleString('zh-CN') },
          {
            title: '状态',
            key: 's',
            render: (_, l) => (
              <>
                {l.revoked ? <Tag>已撤销</Tag> : l.expired ? <Tag color="red">已过期</Tag> : <Tag color="green">有效</Tag>}
                {l.uploadCount > 0 && <Tag color="blue" title={`已上传 ${l.uploadCount} 次`}>已使用</Tag>}
              </>
            ),
          },
          {
            title: '操作',
            key: 'a',
            render: (_, l) => (
              <>
                <Link to={`/space/applications/${l.applicationId}`}>查看申报</Link>
                {!l.revoked && !l.expired && (
                  <Popconfirm title="撤销后该链接不能再上传，确定吗？" onConfirm={() => void revokeMyLink(l.id).then(() => { showSuccess('已撤销'); load(); }).catch(showError)}>
                    <Button type="link" danger>撤销</Button>
                  </Popconfirm>
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
