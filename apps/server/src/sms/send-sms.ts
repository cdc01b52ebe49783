// Every message is stored before it goes out, with what the provider answered: the outbox is
// the record of what the hall told whom, whichever provider runs.
import { desc, eq } from 'drizzle-orm';
import { HallError } from '@hall/shared/errors';
import type { Deps } from '../types.ts';
import type { Db } from '../db/client.ts';
import { smsMessages } from '../db/schema.ts';
import type { SmsMessage, SmsProvider } from './sms-provider.ts';

/** A real provider's record keeps no live verification code (the outbox is the development channel and must). */
function recordOf(provider: SmsProvider, message: SmsMessage): Pick<SmsMessage, 'params' | 'text'> {
  const code = message.params.code;
  if (provider.name === 'outbox' || !code) return message;
  return { params: { ...message.params, code: '******' }, text: message.text.split(code).join('******') };
}

export async function sendSms(deps: Pick<Deps, 'db' | 'log'>, provider: SmsProvider, message: SmsMessage): Promise<void> {
  const record = recordOf(provider, message);
  const [row] = await deps.db
    .insert(smsMessages)
    .values({ phone: message.phone, template: message.template, params: record.params, text: record.text, provider: provider.name, status: 'queued' })
    .returning({ id: smsMessages.id });
  try {
    const result = await provider.send(message);
    await deps.db.update(smsMessages).set({ status: result.status, providerMessageId: result.providerMessageId ?? null }).where(eq(smsMessages.id, row!.id));
    // The outbox is the development channel: the log shows the text (codes included) as a phone would.
    if (provider.name === 'outbox') deps.log.info({ phone: message.phone, text: message.text }, 'SMS (outbox)');
    else deps.log.info({ phone: message.phone, template: message.template, provider: provider.name }, 'SMS sent');
  } catch (err) {
    const detail = err instanceof HallError ? JSON.stringify(err.details ?? {}) : String(err);
    await deps.db.update(smsMessages).set({ status: 'failed', error: detail }).where(eq(smsMessages.id, row!.id));
    deps.log.error({ err, phone: message.phone, template: message.template }, 'SMS failed');
    if (err instanceof HallError) throw err;
    throw new HallError('SMS_SEND_FAILED');
  }
}

export async function listOutbox(db: Db, phone: string | undefined, limit = 50) {
  const query = db
    .select({ id: smsMessages.id, phone: smsMessages.phone, template: smsMessages.template, text: smsMessages.text, params: smsMessages.params, status: smsMessages.status, createdAt: smsMessages.createdAt })
    .from(smsMessages);
  return (phone ? query.where(eq(smsMessages.phone, phone)) : query).orderBy(desc(smsMessages.createdAt)).limit(limit);
}
