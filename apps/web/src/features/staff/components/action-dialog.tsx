// The window's dialogs: 不予受理, 材料补全, 材料补正 (with its 补正期限), 特别程序 (开始/结束) and
// 办结 — 通过 / 容缺通过 (容缺材料 from the checklist and a 承诺补齐日期) / 不通过, with 办结文书 —
// and after 容缺通过 确认补齐 (an optional 确认意见) / 退回补齐 (a reason).
import { useEffect, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { showError } from '../../../lib/notify.ts';
import { DEFAULT_CORRECTION_DAYS, OUTCOME_LABELS, SPECIAL_PROCEDURE_KINDS, uploadDecision, type Application, type StaffActionBody } from '../api/staff.ts';

export type DialogKind = 'reject' | 'request_supplement' | 'request_correction' | 'start_special' | 'end_special' | 'finish' | 'confirm_deferral' | 'return_deferral';

const TITLES: Record<DialogKind, string> = {
  reject: '不予受理',
  request_supplement: '材料补全',
  request_correction: '材料补正',
  start_special: '开始特别程序',
  end_special: '结束特别程序',
  finish: '办结',
  confirm_deferral: '确认补齐',
  return_deferral: '退回补齐',
};

interface Values {
  reason?: string;
  materialIds?: string[];
  deadline?: Dayjs;
  kind?: keyof typeof SPECIAL_PROCEDURE_KINDS;
  expectedDays?: number;
  result?: string;
  outcome?: keyof typeof OUTCOME_LABELS;
  deferredMaterialIds?: string[];
  promisedBy?: Dayjs;
}

const REASON_LABELS: Partial<Record<DialogKind, string>> = { finish: '办结意见', start_special: '事由', confirm_deferral: '确认意见', return_deferral: '退回理由' };

const beforeToday = (d: Dayjs) => d.isBefore(dayjs().startOf('day'));

/** The action's body from the form; 办结文书 is uploaded first when one was chosen. */
async function bodyOf(kind: DialogKind, v: Values, applicationId: string, decision: File | undefined): Promise<StaffActionBody> {
  switch (kind) {
    case 'reject':
      return { action: 'reject', reason: v.reason! };
    case 'request_supplement':
      return { action: 'request_supplement', reason: v.reason!, materialIds: v.materialIds! };
    case 'request_correction':
      // the 补正期限 runs to the end of the chosen day
      return { action: 'request_correction', reason: v.reason!, materialIds: v.materialIds!, deadline: v.deadline!.endOf('day').toISOString() };
    case 'start_special':
      return { action: 'start_special', kind: v.kind!, reason: v.reason!, expectedDays: v.expectedDays! };
    case 'end_special':
      return { action: 'end_special', result: v.result! };
    case 'finish': {
      const decisionFileId = decision ? (await uploadDecision(applicationId, decision)).fileId : undefined;
      const owed = v.outcome === 'conditional' ? { deferredMaterialIds: v.deferredMaterialIds, promisedBy: v.promisedBy!.format('YYYY-MM-DD') } : {};
      return { action: 'finish', outcome: v.outcome!, reason: v.reason, decisionFileId, ...owed };
    }
    case 'confirm_deferral':
      return { action: 'confirm_deferral', reason: v.reason || undefined };
    case 'return_deferral':
      return { action: 'return_deferral', reason: v.reason! };
  }
}

const OK_TEXT: Record<DialogKind, string> = {
  reject: '已不予受理',
  request_supplement: '已通知材料补全',
  request_correction: '已通知材料补正',
  start_special: '特别程序已开始',
  end_special: '特别程序已结束',
  finish: '已办结',
  confirm_deferral: '已确认补齐，申报已办结',
  return_deferral: '已退回补齐',
};

export function ActionDialog({ kind, app, onCancel, onRun }: { kind: DialogKind | null; app: Application; onCancel: () => void; onRun: (body: StaffActionBody, ok: string) => Promise<boolean> }) {
  const [form] = Form.useForm<Values>();
  const [decision, setDecision] = useState<File>();
  const [busy, setBusy] = useState(false);
  const outcome = Form.useWatch('outcome', form);
  useEffect(() => {
    if (kind) {
      form.resetFields();
      setDecision(undefined);
    }
  }, [kind, form]);

  async function confirm() {
    if (!kind) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await onRun(await bodyOf(kind, v, app.id, decision), OK_TEXT[kind]);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  const materialOptions = app.materials.map((m) => ({ value: m.id, label: `${m.index}. ${m.name}` }));
  const column = { display: 'flex', flexDirection: 'column' } as const;
  const reasonLabel = (kind && REASON_LABELS[kind]) ?? '原因';
  const reasonOptional = kind === 'finish' || kind === 'confirm_deferral';
  return (
    <Modal open={kind !== null} title={kind ? TITLES[kind] : ''} onCancel={onCancel} onOk={() => void confirm()} okText="确定" cancelText="取消" confirmLoading={busy} width={640} forceRender>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'pass', deadline: dayjs().add(DEFAULT_CORRECTION_DAYS, 'day'), kind: 'expert_review', expectedDays: 15 }}
      >
        {(kind === 'request_supplement' || kind === 'request_correction') && (
          <Form.Item name="materialIds" label="需要补交的材料" rules={[{ required: true, message: '请选择材料' }]}>
            <Checkbox.Group options={materialOptions} style={column} />
          </Form.Item>
        )}
        {kind === 'request_correction' && (
          <Form.Item name="deadline" label="补正期限" rules={[{ required: true, message: '请选择补正期限' }]} extra="逾期未补正的，企业仍可提交补正材料，由窗口决定是否接收">
            <DatePicker disabledDate={beforeToday} />
          </Form.Item>
        )}
        {kind === 'start_special' && (
          <>
            <Form.Item name="kind" label="程序类型" rules={[{ required: true }]}>
              <Select options={Object.entries(SPECIAL_PROCEDURE_KINDS).map(([value, label]) => ({ value, label }))} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="expectedDays" label="预计天数" rules={[{ required: true, message: '请填写预计天数' }]}>
              <InputNumber min={1} max={365} precision={0} addonAfter="天" />
            </Form.Item>
          </>
        )}
        {kind === 'end_special' && (
          <Form.Item name="result" label="结果" rules={[{ required: true, whitespace: true, message: '请填写特别程序的结果' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
        {kind === 'finish' && (
          <>
            <Form.Item name="outcome" label="办结结果">
              <Radio.Group options={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            {outcome === 'conditional' && (
              <>
                <Form.Item name="deferredMaterialIds" label="容缺材料（尚未提交、承诺补齐的材料）" rules={[{ required: true, message: '请选择容缺材料' }]}>
                  <Checkbox.Group options={materialOptions} style={column} />
                </Form.Item>
                <Form.Item name="promisedBy" label="承诺补齐日期" rules={[{ required: true, message: '请选择承诺补齐日期' }]}>
                  <DatePicker disabledDate={beforeToday} />
                </Form.Item>
              </>
            )}
            <Form.Item label="办结文书">
              <Upload maxCount={1} beforeUpload={(f) => { setDecision(f); return false; }} onRemove={() => setDecision(undefined)}>
                <Button icon={<UploadOutlined />}>选择文件</Button>
              </Upload>
            </Form.Item>
          </>
        )}
        {(kind === 'confirm_deferral' || kind === 'return_deferral') && app.deferral && (
          <Form.Item label="容缺材料">
            {app.deferral.materials.map((m) => `${m.index}. ${m.name}`).join('；')}（承诺 {app.deferral.promisedBy} 前补齐）
          </Form.Item>
        )}
        {kind !== 'end_special' && (
          <Form.Item name="reason" label={reasonLabel} rules={reasonOptional ? [] : [{ required: true, whitespace: true, message: `请填写${reasonLabel}` }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
