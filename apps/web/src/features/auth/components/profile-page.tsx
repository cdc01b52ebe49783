import { useState } from 'react';
import { Alert, Button, Card, Form } from 'antd';
import { useSession } from '../../../lib/session.tsx';
import { errorText, showSuccess } from '../../../lib/notify.ts';
import { saveProfile } from '../api/login.ts';
import { UnitInfoFields, type UnitInfoValues } from './unit-info-fields.tsx';

/** 单位信息, editable after the first login too. */
export function ProfilePage() {
  const { me, refresh } = useSession();
  const [form] = Form.useForm<UnitInfoValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!me) return null;
  const e = me.enterprise;

  const submit = async (values: UnitInfoValues) => {
    setBusy(true);
    setError(undefined);
    try {
      await saveProfile(values);
      await refresh();
      showSuccess('单位信息已保存');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="单位信息" style={{ maxWidth: 640 }}>
      <Alert type="warning" showIcon message="请填写的时候核对正确" style={{ marginBottom: 16 }} />
      <Form
        form={form}
        labelCol={{ span: 7 }}
        wrapperCol={{ span: 17 }}
        initialValues={{ legalRepresentative: e.legalRepresentative, creditCode: e.creditCode, phone: e.phone, unitName: e.unitName }}
        onFinish={(v) => void submit(v)}
      >
        <UnitInfoFields certificateCreditCode={e.creditCode} />
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form.Item wrapperCol={{ offset: 7 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
