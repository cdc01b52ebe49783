// One migration set for both drivers (PGlite and node-postgres speak the same PostgreSQL).
// `npm run db:generate -w apps/server` after editing src/db/schema.ts.
/** @type {import('drizzle-kit').Config} */
export default {
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
};
