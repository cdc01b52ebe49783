// The wording of the hall's messages: the manual shows the invitation SMS word for word; the
// application-status message is the one every window action sends.
import type { SmsMessage, SmsTemplate } from './sms-provider.ts';

const bodies: Record<SmsTemplate, (p: Record<string, string>) => string> = {
  'seal-request': (p) => `您好，您的项目名称：${p.project}正在办理在线盖章业务，请尽快使用电脑打开以下链接<${p.url}>，完成在线盖章业务。`,
  'sign-request': (p) => `您好，您的项目名称：${p.project}正在办理在线签名业务，请尽快使用电脑打开以下链接<${p.url}>，完成在线签名业务。`,
  'verification-code': (p) => `您的验证码为${p.code}，${p.minutes}分钟内有效，用于在线签名身份验证，请勿泄露给他人。`,
  // 项目申报: every change the window makes (受理, 补正, 特别程序, 办结…)
  'application-status': (p) => `您好，您申报的事项（申报流水号：${p.serialNo}）状态已更新为：${p.status}，请登录网上办事大厅查看。`,
};

export function renderSms(signName: string, phone: string, template: SmsTemplate, params: Record<string, string>): SmsMessage {
  return { phone, template, params, text: `【${signName}】${bodies[template](params)}` };
}
