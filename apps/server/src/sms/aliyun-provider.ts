// 阿里云短信 SendSms (dysmsapi 2017-05-25) over its RPC API: a signed POST of form fields.
// The answer is JSON: Code "OK" with a BizId, or an error code and message.
import { randomUUID } from 'node:crypto';
import { fail } from '@hall/shared/errors';
import { canonicalQuery, rpcSignature } from './aliyun-signature.ts';
import type { SmsMessage, SmsProvider, SmsResult } from './sms-provider.ts';

export interface AliyunSmsSettings {
  accessKeyId: string;
  accessKeySecret: string;
  endpoint: string;
  signName: string;
  /** our template name → the approved template code */
  templates: Record<string, string>;
}

export interface AliyunRequestOptions {
  nonce?: string;
  timestamp?: Date;
}

/** The form fields of one SendSms request, signature included (pure: recorded exchanges test it). */
export function sendSmsRequest(settings: AliyunSmsSettings, message: SmsMessage, options: AliyunRequestOptions = {}): Record<string, string> {
  const templateCode = settings.templates[message.template];
  if (!templateCode) throw new Error(`no Aliyun template code for ${message.template}`);
  const params: Record<string, string> = {
    AccessKeyId: settings.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: message.phone,
    RegionId: 'cn-hangzhou',
    SignName: settings.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: options.nonce ?? randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: templateCode,
    TemplateParam: JSON.stringify(message.params),
    Timestamp: (options.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  return { ...params, Signature: rpcSignature('POST', params, settings.accessKeySecret) };
}

export function aliyunSmsProvider(settings: AliyunSmsSettings, fetchImpl: typeof fetch = fetch): SmsProvider {
  return {
    name: 'aliyun',
    async send(message): Promise<SmsResult> {
      const form = sendSmsRequest(settings, message);
      const res = await fetchImpl(`${settings.endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: canonicalQuery(form),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
      if (body.Code !== 'OK') fail('SMS_SEND_FAILED', undefined, { provider: 'aliyun', providerCode: body.Code ?? `HTTP ${res.status}`, providerMessage: body.Message });
      return { status: 'sent', providerMessageId: body.BizId };
    },
  };
}
