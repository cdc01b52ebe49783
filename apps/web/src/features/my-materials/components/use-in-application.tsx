import { useEffect, useState } from 'react';
import { Alert, Form, Modal, Select } from 'antd';
import type { StatusLabel } from '@hall/shared/schemas/applications';
import { useRequest } from '../../../hooks/use-request.ts';
import { showError, showSuccess } from '../../../lib/notify.ts';
import { attachToApplication, getApplication, listApplications, type UnitMaterial } from '../api/my-materials.ts';

// Files can go under a material row while the applicant may still change it: 暂存, or when the
// window asked for 补全 / 补正 (the server decides row by row and says why it refuses).
const OPEN_STATES = new Set(['draft', 'supplement_required', 'accepted']);
/** finished with 容缺通过 and materials still owed: those rows take files too (容缺补齐) */
const OWING = new Set<string>(['容缺待补齐', '容缺逾期未补齐'] satisfies StatusLabel[]);

/** 用于申报: puts the material's files under a material row of one of the unit's applications. */
export function UseInApplication({ material, onClose }: { material: UnitMaterial | null; onClose: () => void }) {
  const open = material !== null;
  const [applicationId, setApplicationId] = useState<string>();
  const [rowId, setRowId] = useState<string>();
  const [saving, setSaving] = useState(false);
  const apps = useRequest((s) => listApplications(s), [], { enabled: open });
  const app = useRequest((s) => getApplication(applicationId!, s), [applicationId], { enabled: open && Boolean(applicationId) });
  useEffect(() => {
    if (!open) {
      setApplicationId(undefined);
      setRowId(undefined);
    }
  }, [open]);

  const choices = (apps.data?.items ?? []).filter((a) => OPEN_STATES.has(a.state) || OWING.has(a.status));
  const save = async () => {
    if (!material || !applicationId || !rowId) return;
    setSaving(true);
    try {
      await attachToApplication(material.id, applicationId, rowId);
      showSuccess('已关联到申报材料');
      onClose();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={`用于申报：${material?.name ?? ''}`} width={640} onCancel={onClose} onOk={() => void save()} okText="确定" cancelText="取消" okButtonProps={{ disabled: !rowId }} confirmLoading={saving} destroyOnHidden>
      {material?.expiry === 'expired' && <Alert type="error" showIcon style={{ marginBottom: 12 }} message="该材料已过期，请先更新有效期和文件" />}
      <Form layout="vertical">
        <Form.Item label="申报事项">
          <Select
            placeholder={choices.length || apps.loading ? '选择申报' : '暂无可添加材料的申报'}
            loading={apps.loading}
            value={applicationId}
            onChange={(v: string) => {
              setApplicationId(v);
              setRowId(undefined);
            }}
            options={choices.map((a) => ({ value: a.applicationId, label: `${a.projectName} · ${a.matter}（${a.status}${a.serialNo ? ` ${a.serialNo}` : ''}）` }))}
          />
        </Form.Item>
        <Form.Item label="材料名称">
          <Select
            placeholder="选择关联到哪一项材料（可输入名称查找）"
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!applicationId}
            loading={app.loading}
            value={rowId}
            onChange={setRowId}
            options={(app.data?.materials ?? []).map((m) => ({ value: m.id, label: `${m.index}. ${m.required ? '* ' : ''}${m.name}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
