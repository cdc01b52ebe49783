import { useState } from 'react';
import { Alert, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useRequest } from '../../../hooks/use-request.ts';
import { formatDate } from '../../../lib/format.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { deleteMaterial, fileUrl, listMaterials, type UnitMaterial } from '../api/my-materials.ts';
import { MaterialForm } from './material-form.tsx';
import { UseInApplication } from './use-in-application.tsx';

const expiryColor: Record<UnitMaterial['expiry'], string> = { valid: 'green', permanent: 'blue', expiring: 'orange', expired: 'red' };

function validity(m: UnitMaterial) {
  return (
    <Space direction="vertical" size={0}>
      <span>{m.validFrom ? formatDate(m.validFrom) : '—'} 至</span>
      <span>{m.validTo ? formatDate(m.validTo) : '长期'}</span>
    </Space>
  );
}

/** 法人空间 › 我的材料 */
export function MaterialsPage() {
  const { data, loading, reload } = useRequest((s) => listMaterials(s), []);
  const [editing, setEditing] = useState<UnitMaterial | null>(null);
  const [open, setOpen] = useState(false);
  const [using, setUsing] = useState<UnitMaterial | null>(null);
  const counts = data?.counts;

  return (
    <div className="hall-panel" data-testid="my-materials">
      <div className="hall-panel-title">
        <span>我的材料</span>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          新增材料
        </Button>
      </div>
      {counts && (counts.expired > 0 || counts.expiring > 0) && (
        <Alert
          type={counts.expired > 0 ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={[counts.expired > 0 ? `${counts.expired} 份材料已过期` : '', counts.expiring > 0 ? `${counts.expiring} 份材料将在 30 天内过期` : ''].filter(Boolean).join('，') + '，请及时更新。'}
        />
      )}
      <Table<UnitMaterial>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无材料，可把营业执照、资质证书、安全生产许可证等常用材料保存在这里，申报时直接使用' }}
        columns={[
          { title: '序号', width: 56, render: (_v, _r, i) => i + 1 },
          { title: '材料名称', dataIndex: 'name', width: 150, render: (name: string, m) => (<Space direction="vertical" size={0}><span>{name}</span>{m.kindLabel !== name && <span className="hall-muted">{m.kindLabel}</span>}</Space>) },
          {
            title: '证书编号 / 发证机关',
            width: 200,
            render: (_v, m) => (
              <Space direction="vertical" size={0}>
                <span>{m.number || '—'}</span>
                <span className="hall-muted">{m.issuer || '—'}</span>
              </Space>
            ),
          },
          { title: '有效期', width: 110, render: (_v, m) => validity(m) },
          {
            title: '状态',
            width: 120,
            render: (_v, m) => (
              <Tag color={expiryColor[m.expiry]}>
                {m.expiryLabel}
                {m.expiry === 'expiring' && m.daysLeft !== null ? `（剩 ${m.daysLeft} 天）` : ''}
              </Tag>
            ),
          },
          {
            title: '文件',
            render: (_v, m) =>
              m.files.length === 0 ? <span className="hall-muted">无</span> : (
                <Space direction="vertical" size={0}>
                  {m.files.map((f) => (f.deleted ? <span key={f.fileId} className="hall-muted">{f.name}（已删除）</span> : <a key={f.fileId} href={fileUrl(f.fileId, f.version)} target="_blank" rel="noreferrer">{f.name}</a>))}
                </Space>
              ),
          },
          {
            title: '操作',
            width: 176,
            render: (_v, m) => (
              <Space size={0}>
                <Button type="link" size="small" disabled={m.files.every((f) => f.deleted)} onClick={() => setUsing(m)}>用于申报</Button>
                <Button type="link" size="small" onClick={() => { setEditing(m); setOpen(true); }}>修改</Button>
                <Popconfirm
                  title="确定要删除该材料吗?"
                  onConfirm={async () => {
                    try {
                      await deleteMaterial(m.id);
                      showSuccess('已删除');
                      reload();
                    } catch (err) {
                      showError(err);
                    }
                  }}
                >
                  <Button type="link" size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <UseInApplication material={using} onClose={() => setUsing(null)} />
      <MaterialForm
        open={open}
        editing={editing}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          reload();
        }}
      />
    </div>
  );
}
