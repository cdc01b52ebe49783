// The seam for CA-key login. The flow (DESIGN.md "CA-key login"): ask the server for a
// one-time challenge, have the key agent on 127.0.0.1 sign it after the PIN, send the
// signature and certificate to the server, which answers with a session. That work lands
// with its own issue; until then the button says plainly that login is not open yet.
import { ApiError } from '../../../lib/api.ts';

export interface LoginResult {
  /** false on the first login: the unit's details (单位信息) must be confirmed first */
  profileComplete: boolean;
}

export async function loginWithKey(pin: string): Promise<LoginResult> {
  if (!/^\d{4,16}$/.test(pin)) throw new ApiError('VALIDATION_FAILED', 'PIN 码应为 4 至 16 位数字', 400);
  throw new ApiError('UNAVAILABLE', 'CA 锁登录暂未开通，请稍后再试', 503);
}
