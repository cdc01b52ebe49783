import { Form, Input } from 'antd';
import { isValidCreditCode } from '@hall/shared/identifiers';

export interface UnitInfoValues {
  legalRepresentative: string;
  creditCode: string;
  phone: string;
  unitName: string;
}

/** 单位信息 as the 法人空间 shows it: 法定代表人, 统一社会信用代码, 联系电话, 单位名称. */
export function UnitInfoFields({ certificateCreditCode }: { certificateCreditCode: string }) {
  return (
    <>
      <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ required: true, whitespace: true, message: '请填写法定代表人' }, { min: 2, message: '请填写法定代表人的姓名' }]}>
        <Input maxLength={50} placeholder="请填写法定代表人姓名" />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label="统一社会信用代码"
        normalize={(v: string) => v.toUpperCase().replace(/\s+/g, '')}
        rules={[
          { required: true, message: '请填写统一社会信用代码' },
          {
            validator: async (_rule, value: string) => {
              if (!value) return;
              if (!isValidCreditCode(value)) throw new Error('统一社会信用代码不正确（应为 18 位，校验位须相符），请核对');
              if (certificateCreditCode && value !== certificateCreditCode) throw new Error('统一社会信用代码与 CA 证书中的不一致，请核对');
            },
          },
        ]}
      >
        <Input maxLength={18} placeholder="18 位统一社会信用代码" />
      </Form.Item>
      <Form.Item
        name="phone"
        label="联系电话"
        rules={[
          { required: true, message: '请填写联系电话' },
          { pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, message: '请填写正确的手机号码或固定电话（如 0798-8888888）' },
        ]}
      >
        <Input maxLength={20} placeholder="手机号码或固定电话" />
      </Form.Item>
      <Form.Item name="unitName" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { min: 2, message: '单位名称太短' }]}>
        <Input maxLength={100} />
      </Form.Item>
    </>
  );
}
