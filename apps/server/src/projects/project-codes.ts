// Project codes. A project with a 投资项目代码 from the investment platform keeps it (checked
// against the national pattern and Jingdezhen's divisions); one without gets a self-assigned
// code from 自动赋码: ZDFM-<division>-<yyyyMMdd>-<4-digit daily sequence>, e.g.
// ZDFM-360203-20221204-0001, which can never be mistaken for an investment code.
import { isValidProjectCode, jingdezhenDivisions } from '@hall/shared/identifiers';
import { fail } from '@hall/shared/errors';
import type { DbOrTx } from '../db/client.ts';
import { chinaDay, nextInSequence } from '../applications/daily-sequence.ts';

export const SELF_CODE_PATTERN = /^ZDFM-\d{6}-\d{8}-\d{4,}$/;

export function checkInvestmentCode(code: string): void {
  if (!isValidProjectCode(code)) fail('PROJECT_CODE_INVALID', undefined, { fields: [{ field: 'code', message: '投资项目代码格式不正确' }] });
}

export function checkRegion(regionCode: string): void {
  if (!(regionCode in jingdezhenDivisions)) fail('VALIDATION_FAILED', '所属区划不在景德镇市范围内', { fields: [{ field: 'regionCode', message: '所属区划不正确' }] });
}

export async function assignSelfCode(db: DbOrTx, regionCode: string, at: Date = new Date()): Promise<string> {
  checkRegion(regionCode);
  const day = chinaDay(at);
  const n = await nextInSequence(db, 'self-code', day);
  return `ZDFM-${regionCode}-${day}-${String(n).padStart(4, '0')}`;
}
