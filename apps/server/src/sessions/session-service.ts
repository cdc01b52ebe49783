// Sessions: a random 32-byte token in an httpOnly cookie, stored only as its SHA-256.
// A session unused for SESSION_IDLE_MINUTES is gone. The CA-login routes call
// createSessionFor() once the key's signature and certificate check out.
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';

export interface SessionAuth {
  sessionId: string;
  userId: string;
  enterpriseId: string;
}

export interface NewSession {
  token: string;
  sessionId: string;
}

// Writing last_seen_at on every request would make each GET a write; a minute of slack on
// a thirty-minute idle limit is harmless.
const TOUCH_AFTER_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly idleMinutes: number,
  ) {}

  get idleMs(): number {
    return this.idleMinutes * 60_000;
  }

  async createSessionFor(userId: string): Promise<NewSession> {
    const [user] = await this.db.select({ enterpriseId: users.enterpriseId }).from(users).where(eq(users.id, userId));
    if (!user) fail('NOT_FOUND');
    const token = newToken();
    const [row] = await this.db
      .insert(sessions)
      .values({ tokenHash: hashToken(token), userId, enterpriseId: user.enterpriseId })
      .returning({ id: sessions.id });
    return { token, sessionId: row.id };
  }

  /** The session of a cookie value; throws SESSION_EXPIRED for an idle one, UNAUTHENTICATED for none. */
  async resolve(token: string | undefined): Promise<SessionAuth> {
    if (!token) fail('UNAUTHENTICATED');
    const [row] = await this.db
      .select({
        id: sessions.id,
        userId: sessions.userId,
        enterpriseId: sessions.enterpriseId,
        idleMs: sql<number>`(extract(epoch from (now() - ${sessions.lastSeenAt})) * 1000)::float8`,
      })
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)));
    if (!row) fail('UNAUTHENTICATED');
    const idle = Number(row.idleMs);
    if (idle > this.idleMs) {
      await this.db.delete(sessions).where(eq(sessions.id, row.id));
      fail('SESSION_EXPIRED');
    }
    if (idle > TOUCH_AFTER_MS) {
      await this.db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, row.id));
    }
    return { sessionId: row.id, userId: row.userId, enterpriseId: row.enterpriseId };
  }

  async destroy(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  }
}
