// What the hall asks of an SMS service. Messages are built from templates, because Chinese SMS
// services only send pre-approved templates: the outbox shows the rendered text, a real provider
// sends the template code and its parameters.

export type SmsTemplate = 'seal-request' | 'sign-request' | 'verification-code' | 'application-status';

export interface SmsMessage {
  phone: string;
  template: SmsTemplate;
  params: Record<string, string>;
  /** the whole text as the phone shows it, 【签名】 included */
  text: string;
}

export interface SmsResult {
  /** stored: kept in the outbox only; sent: the provider accepted it */
  status: 'stored' | 'sent';
  providerMessageId?: string;
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsResult>;
}

/** Development default: nothing leaves the machine; send-sms.ts has stored and logged the message. */
export const outboxProvider: SmsProvider = {
  name: 'outbox',
  send: async () => ({ status: 'stored' }),
};
