// A signed-in unit for browser tests of the 法人空间 until the CA-key login can be walked in
// the browser: the enterprise, its user and a session row are written with the server's own
// schema and SessionService into the hall's embedded database BEFORE the server starts
// (PGlite allows one process per data folder). Tests only; there is no route for this.
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { openDatabase } from '@hall/server/db/client';
import { enterprises, users } from '@hall/server/db/schema';
import { SessionService } from '@hall/server/sessions/session-service';

export interface SeededUnit {
  unitName: string;
  creditCode: string;
  legalRepresentative: string;
  phone: string;
  userName: string;
  /** the hall_session cookie value */
  token: string;
}

export const DEMO_UNIT = {
  unitName: '景德镇市测试建设开发有限公司',
  // a valid 统一社会信用代码 (GB 32100-2015 check character)
  creditCode: '91350100M000100Y43',
  legalRepresentative: '张三',
  phone: '13800138000',
  userName: '李四',
} as const;

/** Writes the unit and a live session into HALL_DATA_DIR/pglite (where the server will find them). */
export async function seedSignedInUnit(dataDir: string, unit: Omit<SeededUnit, 'token'> = DEMO_UNIT): Promise<SeededUnit> {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    const [enterprise] = await database.db
      .insert(enterprises)
      .values({
        unitName: unit.unitName,
        creditCode: unit.creditCode,
        legalRepresentative: unit.legalRepresentative,
        phone: unit.phone,
        profileComplete: true,
      })
      .returning();
    const [user] = await database.db.insert(users).values({ enterpriseId: enterprise.id, name: unit.userName }).returning();
    const { token } = await new SessionService(database.db, 30).createSessionFor(user.id);
    return { ...unit, token };
  } finally {
    await database.close();
  }
}

/** Gives the browser the session cookie, as the login response would. */
export async function signInBrowser(context: BrowserContext, hallUrl: string, token: string): Promise<void> {
  await context.addCookies([{ name: 'hall_session', value: token, url: hallUrl, httpOnly: true, sameSite: 'Lax' }]);
}
