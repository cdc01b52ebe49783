// Aliyun's RPC signature against the example in its documentation, and SendSms against a
// recorded exchange (request fields and both answers built from the SendSms API reference).
import { describe, expect, it } from 'vitest';
import { HallError } from '@hall/shared/errors';
import { canonicalQuery, percentEncode, rpcSignature, stringToSign } from './aliyun-signature.ts';
import { aliyunSmsProvider, sendSmsRequest, type AliyunSmsSettings } from './aliyun-provider.ts';
import { renderSms } from './templates.ts';

describe('Aliyun RPC signature v1 (HMAC-SHA1)', () => {
  // The documentation's example: ECS DescribeRegions with AccessKeyId testid, secret testsecret.
  const documented = {
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    Format: 'XML',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    SignatureVersion: '1.0',
    Timestamp: '2016-02-23T12:46:24Z',
    Version: '2014-05-26',
  };

  it('builds the documented string to sign', () => {
    expect(stringToSign('GET', documented)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
  });

  it('gives the documented signature', () => {
    expect(rpcSignature('GET', documented, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('percent-encodes as RFC 3986 wants (space %20, * %2A, ~ kept, UTF-8)', () => {
    expect(percentEncode("a b*c~d'(!)")).toBe('a%20b%2Ac~d%27%28%21%29');
    expect(percentEncode('景德镇')).toBe('%E6%99%AF%E5%BE%B7%E9%95%87');
    expect(canonicalQuery({ b: '2', a: '1' })).toBe('a=1&b=2');
  });
});

describe('SendSms', () => {
  const settings: AliyunSmsSettings = {
    accessKeyId: 'testid',
    accessKeySecret: 'testsecret',
    endpoint: 'https://dysmsapi.aliyuncs.com',
    signName: '景德镇市工程建设项目审批管理系统',
    templates: { 'seal-request': 'SMS_100000001', 'sign-request': 'SMS_100000002', 'verification-code': 'SMS_100000003' },
  };
  const message = renderSms(settings.signName, '13912345678', 'verification-code', { code: '123456', minutes: '5' });
  const fixed = { nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', timestamp: new Date('2026-12-04T08:00:00.000Z') };

  it('sends the template code and parameters, signed', () => {
    const form = sendSmsRequest(settings, message, fixed);
    const { Signature, ...rest } = form;
    expect(rest).toEqual({
      AccessKeyId: 'testid',
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: '13912345678',
      RegionId: 'cn-hangzhou',
      SignName: '景德镇市工程建设项目审批管理系统',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: fixed.nonce,
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_100000003',
      TemplateParam: '{"code":"123456","minutes":"5"}',
      Timestamp: '2026-12-04T08:00:00Z',
      Version: '2017-05-25',
    });
    expect(Signature).toBe(rpcSignature('POST', rest, 'testsecret'));
  });

  function recorded(status: number, body: object) {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    return { seen, provider: aliyunSmsProvider(settings, fetchImpl) };
  }

  it('accepts Code OK and keeps the BizId', async () => {
    const { seen, provider } = recorded(200, { Message: 'OK', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990', Code: 'OK', BizId: '900619746936498440^0' });
    expect(await provider.send(message)).toEqual({ status: 'sent', providerMessageId: '900619746936498440^0' });
    expect(seen[0]!.url).toBe('https://dysmsapi.aliyuncs.com/');
    const body = new URLSearchParams(String(seen[0]!.init.body));
    expect(body.get('Action')).toBe('SendSms');
    expect(body.get('SignName')).toBe('景德镇市工程建设项目审批管理系统');
    const fields = Object.fromEntries(body.entries());
    const { Signature, ...rest } = fields;
    expect(Signature).toBe(rpcSignature('POST', rest, 'testsecret'));
  });

  it('turns a refusal (e.g. the per-number flow control) into SMS_SEND_FAILED with the provider code', async () => {
    const { provider } = recorded(200, { Message: '触发号码天级流控Permits:10', RequestId: 'A1B2', Code: 'isv.BUSINESS_LIMIT_CONTROL' });
    const err = await provider.send(message).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HallError);
    expect(err).toMatchObject({ code: 'SMS_SEND_FAILED', details: { providerCode: 'isv.BUSINESS_LIMIT_CONTROL' } });
  });
});

describe('message wording', () => {
  it('is the manual’s, with the project name filled in', () => {
    expect(renderSms('景德镇市工程建设项目审批管理系统', '13912345678', 'sign-request', { project: '测试项目', url: 'https://h/invite/x' }).text).toBe(
      '【景德镇市工程建设项目审批管理系统】您好，您的项目名称：测试项目正在办理在线签名业务，请尽快使用电脑打开以下链接<https://h/invite/x>，完成在线签名业务。',
    );
  });
});
