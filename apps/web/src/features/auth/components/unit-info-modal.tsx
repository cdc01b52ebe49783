import { useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import type { Enterprise } from '@hall/shared/schemas/session';
import { errorText } from '../../../lib/notify.ts';
import { saveProfile } from '../api/login.ts';
import { UnitInfoFields, type UnitInfoValues } from './unit-info-fields.tsx';

interface UnitInfoModalProps {
  enterprise: Enterprise | undefined;
  onSaved: (enterprise: Enterprise) => void;
  onCancel: () => void;
}

/** The first-login popup (第一次会弹框输入单位信息), prefilled from the CA certificate. */
export function UnitInfoModal({ enterprise, onSaved, onCancel }: UnitInfoModalProps) {
  const [form] = Form.useForm<UnitInfoValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await saveProfile(values));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={Boolean(enterprise)}
      title="单位信息"
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      maskClosable={false}
      destroyOnHidden
      width={520}
    >
      <Alert type="warning" showIcon message="第一次登录请填写单位信息，请填写的时候核对正确" style={{ marginBottom: 16 }} />
      {enterprise && (
        <Form
          form={form}
          layout="horizontal"
          labelCol={{ span: 7 }}
          wrapperCol={{ span: 17 }}
          initialValues={{
            legalRepresentative: enterprise.legalRepresentative,
            creditCode: enterprise.creditCode,
            phone: enterprise.phone,
            unitName: enterprise.unitName,
          }}
          onFinish={() => void submit().catch(() => undefined)}
        >
          <UnitInfoFields certificateCreditCode={enterprise.creditCode} />
          {error && <Alert type="error" showIcon message={error} data-testid="unit-info-error" />}
        </Form>
      )}
    </Modal>
  );
}
