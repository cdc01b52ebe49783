// The unit and the person behind a login certificate. The unit is found by its 统一社会信用代码;
// the user by the certificate (issuer + serial number), else — a renewed certificate of the
// same holder — by the same subject within the unit; otherwise both are created. The unit
// created here waits for the first-login form (profileComplete = false).
import { createHash, type X509Certificate } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { enterprises, userCertificates, users } from '../db/schema.ts';

export interface CertificateHolder {
  enterprise: typeof enterprises.$inferSelect;
  user: typeof users.$inferSelect;
  enterpriseCreated: boolean;
}

/** The subject's CN (node prints the subject one attribute per line). */
export function commonName(subject: string): string | undefined {
  return subject
    .split('\n')
    .find((line) => line.startsWith('CN='))
    ?.slice(3);
}

export async function findOrCreateUser(
  tx: DbOrTx,
  cert: X509Certificate,
  unit: { unitName: string; creditCode: string },
): Promise<CertificateHolder> {
  const inserted = await tx
    .insert(enterprises)
    .values({ unitName: unit.unitName, creditCode: unit.creditCode, profileComplete: false })
    .onConflictDoNothing({ target: enterprises.creditCode })
    .returning();
  const enterprise = inserted[0] ?? (await tx.select().from(enterprises).where(eq(enterprises.creditCode, unit.creditCode)))[0]!;

  const [known] = await tx
    .select({ user: users })
    .from(userCertificates)
    .innerJoin(users, eq(users.id, userCertificates.userId))
    .where(and(eq(userCertificates.issuer, cert.issuer), eq(userCertificates.serialNumber, cert.serialNumber)));
  let user = known && known.user.enterpriseId === enterprise.id ? known.user : undefined;
  if (!user) {
    const [renewed] = await tx
      .select({ user: users })
      .from(userCertificates)
      .innerJoin(users, eq(users.id, userCertificates.userId))
      .where(and(eq(userCertificates.enterpriseId, enterprise.id), eq(userCertificates.subject, cert.subject)))
      .limit(1);
    user = renewed?.user;
  }
  if (!user) {
    [user] = await tx
      .insert(users)
      .values({ enterpriseId: enterprise.id, name: commonName(cert.subject) ?? unit.unitName })
      .returning();
  }
  await tx
    .insert(userCertificates)
    .values({
      userId: user!.id,
      enterpriseId: enterprise.id,
      issuer: cert.issuer,
      serialNumber: cert.serialNumber,
      subject: cert.subject,
      sha256: createHash('sha256').update(cert.raw).digest('hex'),
      notAfter: new Date(cert.validTo),
    })
    .onConflictDoUpdate({
      target: [userCertificates.issuer, userCertificates.serialNumber],
      set: { userId: user!.id, enterpriseId: enterprise.id, lastLoginAt: sql`now()` },
    });
  return { enterprise, user: user!, enterpriseCreated: inserted.length > 0 };
}
