import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { errorText } from '../../../lib/notify.ts';

interface PinDialogProps {
  open: boolean;
  onCancel: () => void;
  /** Resolves when the PIN was accepted; a rejection's message is shown in the dialog. */
  onSubmit: (pin: string) => Promise<void>;
}

/** The vendor client's PIN prompt, as the manual shows it (默认 PIN 码为 111111). */
export function PinDialog({ open, onCancel, onSubmit }: PinDialogProps) {
  const [form] = Form.useForm<{ pin: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    const { pin } = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(pin);
      form.resetFields();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="请输入PIN码"
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
      width={400}
    >
      <Form form={form} layout="vertical" onFinish={() => void submit().catch(() => undefined)}>
        <Form.Item
          name="pin"
          label="PIN码"
          extra="默认PIN码为111111"
          validateStatus={error ? 'error' : undefined}
          help={error}
          rules={[{ required: true, message: '请输入PIN码' }]}
        >
          <Input.Password placeholder="请输入PIN码" autoFocus maxLength={16} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
