// Check digits of the identifiers Chinese administrations use. Each returns whether the
// value is well formed; the forms show a message of their own.

// 统一社会信用代码, GB 32100-2015: 18 characters of this alphabet (values 0–30).
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

// 居民身份证号码, GB 11643-1999.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function isValidIdNumber(id: string): boolean {
  const v = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const month = Number(v.slice(10, 12));
  const day = Number(v.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return idNumberCheckChar(v.slice(0, 17)) === v[17];
}

// Mainland mobile numbers: 11 digits starting 1[3-9].
export function isValidMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

// 投资项目代码: yyyy-RRRRRR-II-TT-NNNNNN, the RRRRRR segment a division code.
export const PROJECT_CODE_PATTERN = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;

/** Jingdezhen and its districts (GB/T 2260). */
export const jingdezhenDivisions: Record<string, string> = {
  '360200': '景德镇市',
  '360201': '景德镇市市辖区',
  '360202': '昌江区',
  '360203': '珠山区',
  '360222': '浮梁县',
  '360281': '乐平市',
};

export function isValidProjectCode(code: string, divisions: Record<string, string> = jingdezhenDivisions): boolean {
  if (!PROJECT_CODE_PATTERN.test(code)) return false;
  const year = Number(code.slice(0, 4));
  if (year < 2000 || year > 2100) return false;
  return code.slice(5, 11) in divisions;
}
