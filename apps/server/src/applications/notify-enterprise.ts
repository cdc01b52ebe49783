// Every change the window makes is recorded as an event (the enterprise's home page and the
// application page show it) and told to the enterprise's contact phone by SMS when an SMS
// service runs. The SMS is best effort: a failed message never undoes the window's decision.
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import { enterprises } from '../db/schema.ts';
import { sendSms } from '../sms/send-sms.ts';
import type { SmsProvider, SmsTemplate } from '../sms/sms-provider.ts';

export interface Notifier {
  db: Db;
  log: FastifyBaseLogger;
  sms?: SmsProvider;
  signName: string;
}

export async function smsEnterprise(n: Notifier, enterpriseId: string, serialNo: string, status: string): Promise<void> {
  if (!n.sms) return;
  const [e] = await n.db.select({ phone: enterprises.phone }).from(enterprises).where(eq(enterprises.id, enterpriseId));
  if (!e?.phone) return;
  const text = `【${n.signName}】您好，您申报的事项（申报流水号：${serialNo}）状态已更新为：${status}，请登录网上办事大厅查看。`;
  try {
    // The SMS module's templates cover its own flows; this message is stored and sent as text.
    await sendSms({ db: n.db, log: n.log }, n.sms, { phone: e.phone, template: 'application-status' as SmsTemplate, params: { serialNo, status }, text });
  } catch (err) {
    n.log.warn({ err, enterpriseId, serialNo }, 'application SMS not sent');
  }
}
