import fp from 'fastify-plugin';
import { openDatabase, type Database } from '../db/client.ts';

export interface DbPluginOptions {
  /** An already open database (tests); the app then leaves closing it to the caller. */
  database?: Database;
}

export default fp<DbPluginOptions>(
  async (app, options) => {
    const { config } = app;
    const database =
      options.database ??
      (await openDatabase(
        config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` },
      ));
    app.decorate('database', database);
    app.decorate('db', database.db);
    if (!options.database) app.addHook('onClose', () => database.close());
  },
  { name: 'db' },
);
