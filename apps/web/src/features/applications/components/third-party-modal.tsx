// 第三方材料上传发起: make a link for one material row and show it to copy. The link can be seen
// again later under 第三方材料上传链接 (third-party-links-modal.tsx) when the server keeps it.
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { createLink, type CreatedLink } from '../api/applications.ts';
import { showError } from '../../../lib/notify.ts';

interface Props {
  applicationId: string;
  material: { id: string; name: string } | null;
  onClose: () => void;
}

export function ThirdPartyModal({ applicationId, material, onClose }: Props) {
  const [form] = Form.useForm();
  const [link, setLink] = useState<CreatedLink & { accessCode?: string }>();
  const [busy, setBusy] = useState(false);

  async function start() {
    if (!material) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const accessCode = v.accessCode || undefined;
      const created = await createLink(applicationId, { materialId: material.id, thirdPartyName: v.thirdPartyName || undefined, accessCode, days: v.days });
      setLink({ ...created, accessCode });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setLink(undefined);
    form.resetFields();
    onClose();
  };

  return (
    <Modal title={link ? '第三方材料上传链接' : '第三方材料上传发起'} open={Boolean(material)} onCancel={close} footer={link ? <Button onClick={close}>关闭</Button> : <Button type="primary" loading={busy} onClick={() => void start()}>发起</Button>}>
      <p>材料：{material?.name}</p>
      {link ? (
        <>
          <Alert type="success" showIcon message="复制链接发给第三方单位，电脑登录即可上传" style={{ marginBottom: 12 }} />
          <Typography.Paragraph copyable={{ text: link.url }} data-testid="third-party-url" style={{ wordBreak: 'break-all' }}>
            {link.url}
          </Typography.Paragraph>
          {link.accessCode && <Typography.Paragraph copyable={{ text: link.accessCode }}>访问码：{link.accessCode}</Typography.Paragraph>}
          <p className="hall-muted">
            有效期至 {new Date(link.expiresAt).toLocaleString('zh-CN')}。
            {link.viewable ? '以后可在该材料的“第三方材料上传链接”中再次查看、复制或撤销。' : '服务器未配置主密钥，链接只显示这一次，请及时复制。'}
          </p>
        </>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ days: 7 }}>
          <Form.Item name="thirdPartyName" label="第三方单位名称"><Input placeholder="如 施工单位、设计单位名称" /></Form.Item>
          <Form.Item name="accessCode" label="访问码（可不设）" rules={[{ pattern: /^[A-Za-z0-9]{4,12}$/, message: '4 到 12 位字母或数字' }]}><Input /></Form.Item>
          <Form.Item name="days" label="有效天数"><InputNumber min={1} max={30} /></Form.Item>
        </Form>
      )}
    </Modal>
  );
}
