// Tells the desktop page that the phone has signed, at once: an in-process emitter, and, on
// PostgreSQL, NOTIFY so that the instance holding the page's event stream hears it even when the
// phone's request reached another instance. The stream also reads the row when it opens, so an
// event sent before the page listened is not lost.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';

const CHANNEL = 'hall_person_signing';

export interface SigningEvent {
  sessionId: string;
  state: 'verified' | 'signed' | 'used';
}

export class SigningEvents {
  private readonly emitter = new EventEmitter();
  private readonly instance = randomUUID();
  private listener: pg.Client | undefined;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {
    this.emitter.setMaxListeners(0);
  }

  /** Subscribes this instance to the other instances' events (PostgreSQL only). */
  async listen(databaseUrl: string | undefined): Promise<void> {
    if (!databaseUrl) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', (err) => this.log.warn({ err }, 'signing events listener lost'));
    client.on('notification', (msg) => {
      try {
        const { from, event } = JSON.parse(msg.payload ?? '{}') as { from: string; event: SigningEvent };
        if (from !== this.instance) this.emitter.emit(event.sessionId, event);
      } catch (err) {
        this.log.warn({ err }, 'bad signing event');
      }
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.listener = client;
  }

  async publish(event: SigningEvent): Promise<void> {
    this.emitter.emit(event.sessionId, event);
    await this.db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ from: this.instance, event })})`);
  }

  subscribe(sessionId: string, handler: (event: SigningEvent) => void): () => void {
    this.emitter.on(sessionId, handler);
    return () => this.emitter.off(sessionId, handler);
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => {});
  }
}
