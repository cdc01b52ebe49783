// Every change the window makes is recorded as an event (the enterprise's home page and the
// application page show it) and told to the enterprise's contact phone by SMS when an SMS
// service runs. The SMS is best effort: a failed message never undoes the window's decision.
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import { enterprises } from '../db/schema.ts';
import { sendSms } from '../sms/send-sms.ts';
import type { SmsProvider } from '../sms/sms-provider.ts';
import { renderSms } from '../sms/templates.ts';

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
  try {
    await sendSms({ db: n.db, log: n.log }, n.sms, renderSms(n.signName, e.phone, 'application-status', { serialNo, status }));
  } catch (err) {
    n.log.warn({ err, enterpriseId, serialNo }, 'application SMS not sent');
  }
}
