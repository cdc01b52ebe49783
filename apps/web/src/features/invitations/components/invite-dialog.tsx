// 发起盖章、签名: 新增 parties (enterprises and persons, several at once), 确定 sends each an SMS
// and shows each party's link to copy.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { creditCodeCheckChar, isValidIdNumber, isValidMobile } from '@hall/shared/identifiers';
import { errorText } from '../../../lib/notify.ts';
import { createInvitation, type Invitation } from '../api/invitations.ts';

interface Row {
  kind: 'enterprise' | 'person';
  unitName?: string;
  creditCode?: string;
  contactName?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
}

const validCreditCode = (v: string) => /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v) && creditCodeCheckChar(v.slice(0, 17)) === v[17];

export function InviteDialog({ fileId, fileName, open, onClose }: { fileId: string; fileName?: string; open: boolean; onClose: (sent: boolean) => void }) {
  const [form] = Form.useForm<{ projectName: string; parties: Row[] }>();
  const [result, setResult] = useState<Invitation>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const close = () => {
    const sent = Boolean(result);
    setResult(undefined);
    setProblem(undefined);
    form.resetFields();
    onClose(sent);
  };

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setProblem(undefined);
    try {
      const parties = values.parties.map((p) =>
        p.kind === 'enterprise'
          ? { kind: 'enterprise' as const, unitName: p.unitName ?? '', creditCode: (p.creditCode ?? '').toUpperCase(), contactName: p.contactName ?? '', phone: p.phone ?? '' }
          : { kind: 'person' as const, name: p.name ?? '', idNumber: (p.idNumber ?? '').toUpperCase(), phone: p.phone ?? '' },
      );
      setResult(await createInvitation({ fileId, projectName: values.projectName, parties }));
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="发起盖章、签名"
      open={open}
      width={880}
      onCancel={close}
      footer={result ? <Button type="primary" onClick={close}>完成</Button> : [<Button key="c" onClick={close}>取消</Button>, <Button key="ok" type="primary" loading={busy} onClick={() => void submit()}>确定</Button>]}
      destroyOnHidden
    >
      {result ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon message="已发送短信。链接如下，也可复制后发给对方（对方需使用电脑打开链接进行在线盖章和签名）：" />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={result.parties}
            columns={[
              { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'enterprise' ? '企业' : '个人'), width: 60 },
              { title: '单位名称/姓名', dataIndex: 'name', width: 200 },
              { title: '手机号码', dataIndex: 'phone', width: 120 },
              { title: '链接', dataIndex: 'link', render: (link: string) => (
                  <span className="invite-link" data-link={link}>
                    <Typography.Text copyable={{ text: link }} ellipsis style={{ maxWidth: 380 }}>
                      {link}
                    </Typography.Text>
                  </span>
                ),
              },
            ]}
          />
        </Space>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ parties: [{ kind: 'enterprise' }] }}>
          {fileName && <Typography.Paragraph>文件：{fileName}</Typography.Paragraph>}
          <Form.Item name="projectName" label="项目名称" rules={[{ required: true, message: '请输入项目名称（将写入短信）' }]}>
            <Input maxLength={200} placeholder="短信中显示的项目名称" />
          </Form.Item>
          <Typography.Text type="secondary">注意企业和个人信息一定要填写正确，手机号码接收盖章短信，身份证识别认证，否则无法盖章和签名。</Typography.Text>
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key} className="invite-party" style={{ border: '1px solid #e5e6eb', borderRadius: 6, padding: '12px 12px 0', marginTop: 12 }}>
                    <Space align="start" wrap>
                      <Form.Item name={[field.name, 'kind']} label={`第 ${i + 1} 方`}>
                        <Radio.Group optionType="button" options={[{ label: '企业', value: 'enterprise' }, { label: '个人', value: 'person' }]} />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() =>
                          form.getFieldValue(['parties', field.name, 'kind']) === 'person' ? (
                            <Space align="start" wrap>
                              <Form.Item name={[field.name, 'name']} label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
                                <Input style={{ width: 120 }} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'idNumber']} label="身份证号" rules={[{ required: true, message: '请输入身份证号' }, { validator: (_, v: string) => (!v || isValidIdNumber(v.toUpperCase()) ? Promise.resolve() : Promise.reject(new Error('身份证号码不正确'))) }]}>
                                <Input style={{ width: 200 }} maxLength={18} />
                              </Form.Item>
                            </Space>
                          ) : (
                            <Space align="start" wrap>
                              <Form.Item name={[field.name, 'unitName']} label="单位名称" rules={[{ required: true, message: '请输入单位名称' }]}>
                                <Input style={{ width: 220 }} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'creditCode']} label="统一社会信用代码" rules={[{ required: true, message: '请输入统一社会信用代码' }, { validator: (_, v: string) => (!v || validCreditCode(v.toUpperCase()) ? Promise.resolve() : Promise.reject(new Error('统一社会信用代码不正确'))) }]}>
                                <Input style={{ width: 190 }} maxLength={18} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'contactName']} label="联系人" rules={[{ required: true, message: '请输入联系人' }]}>
                                <Input style={{ width: 100 }} />
                              </Form.Item>
                            </Space>
                          )
                        }
                      </Form.Item>
                      <Form.Item name={[field.name, 'phone']} label="手机号码" rules={[{ required: true, message: '请输入手机号码' }, { validator: (_, v: string) => (!v || isValidMobile(v) ? Promise.resolve() : Promise.reject(new Error('手机号码不正确'))) }]}>
                        <Input style={{ width: 130 }} maxLength={11} />
                      </Form.Item>
                      {fields.length > 1 && <Button style={{ marginTop: 30 }} icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除" />}
                    </Space>
                  </div>
                ))}
                <Button style={{ marginTop: 12 }} icon={<PlusOutlined />} onClick={() => add({ kind: 'enterprise' })}>
                  新增
                </Button>
              </>
            )}
          </Form.List>
          {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} />}
        </Form>
      )}
    </Modal>
  );
}
