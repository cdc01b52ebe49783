// The dialogs of 电子签章 as the manual shows them: 输入 pin 码验证, the guidance when the
// signing component does not answer (KGClientServer.exe in the manual), and the seal picker.
import { useEffect, useState } from 'react';
import { Alert, Empty, Form, Image, Input, Modal, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { SealChoice } from '../lib/drafts.ts';

interface PinDialogProps {
  open: boolean;
  unitName?: string;
  error?: string;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (pin: string) => void;
}

export function PinDialog({ open, unitName, error, busy, onCancel, onSubmit }: PinDialogProps) {
  const [form] = Form.useForm<{ pin: string }>();
  const submit = () => void form.validateFields().then(({ pin }) => onSubmit(pin), () => undefined);
  return (
    <Modal open={open} title="输入 pin 码验证" okText="确定" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onCancel} destroyOnHidden width={420}>
      {unitName && <Typography.Paragraph type="secondary">证书：{unitName}</Typography.Paragraph>}
      {/* preserve={false}: the PIN leaves the form when the dialog closes (destroyOnHidden), so each
          opening starts empty without a reset effect that could wipe what was just typed */}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="pin"
          label="PIN 码"
          validateStatus={error ? 'error' : undefined}
          help={error}
          rules={[{ required: true, message: '请输入 PIN 码' }]}
        >
          <Input.Password placeholder="请输入 CA 锁的 PIN 码" autoFocus maxLength={32} autoComplete="off" data-testid="seal-pin" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AgentMissingDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} title="未检测到签章软件控件" okText="我知道了" onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }} width={560}>
      <Alert
        type="warning"
        showIcon
        data-testid="seal-agent-missing"
        message="无法连接本机的签章软件控件（key-agent），不能读取 CA 锁和印章"
        description={
          <ol className="hall-seal-guide">
            <li>
              请找到签章软件控件 key-agent（即手册中的 KGClientServer.exe）的安装位置，双击启动；还没有安装的，请先
              <Link to="/help/key-agent">下载 CA 数字证书驱动与签章软件控件</Link>。
            </li>
            <li>确认 CA 锁已插入电脑。</li>
            <li>启动该软件后，再重新点击右上角的「电子签章」。</li>
          </ol>
        }
      />
    </Modal>
  );
}

interface SealPickerProps {
  open: boolean;
  seals: SealChoice[];
  onCancel: () => void;
  onPick: (seal: SealChoice) => void;
}

/** 可点击查看选择对应印章: each seal large on click, one chosen with 确定. */
export function SealPicker({ open, seals, onCancel, onPick }: SealPickerProps) {
  const [chosen, setChosen] = useState<string>();
  useEffect(() => {
    if (open) setChosen(seals[0]?.key);
  }, [open, seals]);
  const seal = seals.find((s) => s.key === chosen);
  return (
    <Modal open={open} title="选择印章" okText="确定" cancelText="取消" okButtonProps={{ disabled: !seal }} onOk={() => seal && onPick(seal)} onCancel={onCancel} width={640}>
      {seals.length === 0 ? (
        <Empty description="CA 锁和印章库中都没有可用的印章" />
      ) : (
        <Image.PreviewGroup>
          <div className="hall-seal-choices">
            {seals.map((s) => (
              <div
                key={s.key}
                className={`hall-seal-choice${s.key === chosen ? ' is-chosen' : ''}`}
                data-testid="seal-choice"
                data-seal-name={s.name}
                onClick={() => setChosen(s.key)}
              >
                <Image src={s.src} alt={s.name} width={120} height={120 * Math.min(s.aspect, 1.5)} style={{ objectFit: 'contain' }} preview={{ mask: '查看大图' }} />
                <Space direction="vertical" size={0} align="center">
                  <Typography.Text strong>{s.name}</Typography.Text>
                  <Space size={4}>
                    <Tag color={s.origin === 'key' ? 'red' : 'blue'}>{s.origin === 'key' ? 'CA 锁' : '印章库'}</Tag>
                    <Typography.Text type="secondary">{s.widthMm} mm</Typography.Text>
                  </Space>
                </Space>
              </div>
            ))}
          </div>
        </Image.PreviewGroup>
      )}
    </Modal>
  );
}
