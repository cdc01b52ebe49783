import fp from 'fastify-plugin';
import { appendAudit, type AuditEntry } from '../audit/audit-log.ts';
import type { DbOrTx } from '../db/client.ts';

export default fp(
  async (app) => {
    app.decorate('audit', (entry: AuditEntry, tx?: DbOrTx) => appendAudit(tx ?? app.db, entry));
  },
  { name: 'audit', dependencies: ['db'] },
);
