// Validation failures in words a user reads: one {field, message} per problem, in Chinese.
interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const where: Record<string, string> = { body: '', querystring: '查询参数 ', params: '路径参数 ', headers: '请求头 ' };

const typeNames: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数字',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  null: '空值',
};

function messageFor(e: AjvError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return '为必填项';
    case 'type':
      return `应为${String(p.type).split(',').map((t) => typeNames[t] ?? t).join('或')}`;
    case 'minLength':
      return Number(p.limit) === 1 ? '不能为空' : `至少 ${String(p.limit)} 个字符`;
    case 'maxLength':
      return `不能超过 ${String(p.limit)} 个字符`;
    case 'minimum':
      return `不能小于 ${String(p.limit)}`;
    case 'maximum':
      return `不能大于 ${String(p.limit)}`;
    case 'minItems':
      return `至少 ${String(p.limit)} 项`;
    case 'maxItems':
      return `不能超过 ${String(p.limit)} 项`;
    case 'minProperties':
      return '至少填写一项';
    case 'pattern':
      return '格式不正确';
    case 'format':
      return p.format === 'uuid' ? '不是有效的编号' : '格式不正确';
    case 'enum':
    case 'const':
    case 'anyOf':
      return '取值不在允许范围内';
    case 'additionalProperties':
      return `不允许包含字段 ${String(p.additionalProperty)}`;
    default:
      return '不符合要求';
  }
}

export function describeValidation(errors: AjvError[], context?: string): { field: string; message: string }[] {
  const prefix = where[context ?? 'body'] ?? '';
  return errors.map((e) => {
    let path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required') path = [path, String(e.params.missingProperty)].filter(Boolean).join('.');
    return { field: `${prefix}${path || '内容'}`, message: messageFor(e) };
  });
}
