// Signed-in test users without the CA login: an enterprise, a user and a real session row
// made through the same createSessionFor() the login route calls. Not a route.
import { randomInt } from 'node:crypto';
import { creditCodeCheckChar } from '@hall/shared/identifiers';
import { enterprises, users } from '../../src/db/schema.ts';
import type { App } from '../../src/types.ts';
import type { Db } from '../../src/db/client.ts';
import type { SessionService } from '../../src/sessions/session-service.ts';

export interface SignedIn {
  enterpriseId: string;
  userId: string;
  sessionId: string;
  /** Headers for app.inject: session + CSRF cookies and the CSRF header. */
  headers: { cookie: string; 'x-csrf-token': string };
}

export function randomCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (;;) {
    let first17 = '91360200';
    while (first17.length < 17) first17 += alphabet[randomInt(10)];
    const check = creditCodeCheckChar(first17);
    if (check) return first17 + check;
  }
}

export async function signIn(app: App, fields: { unitName?: string; userName?: string } = {}): Promise<SignedIn> {
  return seedSignedIn(app.db, app.sessions, fields);
}

/** The same, straight into a database (for a server process the test starts itself). */
export async function seedSignedIn(db: Db, sessions: SessionService, fields: { unitName?: string; userName?: string } = {}): Promise<SignedIn> {
  const [enterprise] = await db
    .insert(enterprises)
    .values({
      unitName: fields.unitName ?? '景德镇市测试建设有限公司',
      creditCode: randomCreditCode(),
      legalRepresentative: '张三',
      phone: '13800138000',
      profileComplete: true,
    })
    .returning();
  const [user] = await db.insert(users).values({ enterpriseId: enterprise.id, name: fields.userName ?? '李四' }).returning();
  const session = await sessions.createSessionFor(user.id);
  const csrf = `csrf-${randomInt(1e9)}`;
  return {
    enterpriseId: enterprise.id,
    userId: user.id,
    sessionId: session.sessionId,
    headers: { cookie: `hall_session=${session.token}; hall_csrf=${csrf}`, 'x-csrf-token': csrf },
  };
}
