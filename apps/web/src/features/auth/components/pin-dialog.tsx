import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { pinErrorText, subjectName, type AgentCertificate } from '../api/key-agent.ts';

interface PinDialogProps {
  open: boolean;
  /** demo mode: say what the demo keys' PIN is, as the manual does (默认 PIN 码为 111111) */
  demo: boolean;
  certificates: AgentCertificate[];
  onCancel: () => void;
  /** Resolves when the PIN was accepted; a rejection's message is shown in the dialog. */
  onSubmit: (pin: string, certificate: AgentCertificate) => Promise<void>;
}

/** The vendor client's PIN prompt, as the manual shows it. */
export function PinDialog({ open, demo, certificates, onCancel, onSubmit }: PinDialogProps) {
  const [form] = Form.useForm<{ pin: string; certificateId: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    const { pin, certificateId } = await form.validateFields();
    const certificate = certificates.find((c) => c.id === certificateId) ?? certificates[0];
    if (!certificate) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(pin, certificate);
      form.resetFields();
    } catch (err) {
      setError(pinErrorText(err));
      form.setFieldValue('pin', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="请输入 PIN 码"
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        setError(undefined);
        onCancel();
      }}
      destroyOnHidden
      width={420}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ certificateId: certificates[0]?.id }}
        onFinish={() => void submit().catch(() => undefined)}
      >
        {certificates.length > 1 ? (
          <Form.Item name="certificateId" label="证书">
            <Select options={certificates.map((c) => ({ value: c.id, label: subjectName(c.subject) }))} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="certificateId" hidden>
              <Input />
            </Form.Item>
            <Form.Item label="证书">
              <span data-testid="pin-certificate">{certificates[0] ? subjectName(certificates[0].subject) : ''}</span>
            </Form.Item>
          </>
        )}
        <Form.Item name="pin" label="PIN 码" extra={demo ? '默认 PIN 码为 111111' : undefined} rules={[{ required: true, message: '请输入 PIN 码' }]}>
          <Input.Password placeholder="请输入 PIN 码" autoFocus maxLength={16} autoComplete="off" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="pin-error" />}
      </Form>
    </Modal>
  );
}
