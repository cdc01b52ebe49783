// 信息查询: the state of an application by its 申报流水号 (state only, nobody's details).
import { useState } from 'react';
import { Card, Descriptions, Input } from 'antd';
import { lookup, type Lookup } from '../api/lookup.ts';
import { errorText } from '../../../lib/notify.ts';

export function QueryPage() {
  const [result, setResult] = useState<Lookup>();
  const [error, setError] = useState<string>();
  return (
    <Card title="信息查询" style={{ maxWidth: 720, margin: '24px auto' }}>
      <Input.Search
        placeholder="请输入申报流水号，如 202212040001"
        enterButton="查询"
        aria-label="申报流水号"
        onSearch={(v) => {
          setError(undefined);
          setResult(undefined);
          if (!/^\d{12,13}$/.test(v.trim())) return setError('申报流水号为 12 位数字');
          lookup(v.trim()).then(setResult).catch((err: unknown) => setError(errorText(err)));
        }}
      />
      {error && <p style={{ color: '#ff4d4f', marginTop: 12 }}>{error}</p>}
      {result && (
        <Descriptions style={{ marginTop: 16 }} column={1} bordered size="small">
          <Descriptions.Item label="申报流水号">{result.serialNo}</Descriptions.Item>
          <Descriptions.Item label="阶段 / 事项">{result.stage} / {result.matter}</Descriptions.Item>
          <Descriptions.Item label="办理状态"><span data-testid="lookup-status">{result.status}</span></Descriptions.Item>
          <Descriptions.Item label="申报时间">{result.submittedAt ? new Date(result.submittedAt).toLocaleString('zh-CN') : ''}</Descriptions.Item>
          {result.finishedAt && <Descriptions.Item label="办结时间">{new Date(result.finishedAt).toLocaleString('zh-CN')}</Descriptions.Item>}
        </Descriptions>
      )}
    </Card>
  );
}
