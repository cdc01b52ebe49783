import type { Enterprise } from '@hall/shared/schemas/session';
import type { enterprises } from '../db/schema.ts';

export function toEnterprise(row: typeof enterprises.$inferSelect): Enterprise {
  return {
    id: row.id,
    unitName: row.unitName,
    creditCode: row.creditCode,
    legalRepresentative: row.legalRepresentative,
    phone: row.phone,
    profileComplete: row.profileComplete,
  };
}
