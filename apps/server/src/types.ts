// What the plugins add to Fastify's instance and request types.
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawServerDefault, RawReplyDefaultExpression, RawRequestDefaultExpression } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { BlobStore } from './blobs/blob-store.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { WorkerPool } from './jobs/worker-pool.ts';
import type { SessionService } from './sessions/session-service.ts';
import type { AuditEntry } from './audit/audit-log.ts';
import type { DbOrTx } from './db/client.ts';

/** The signed-in actor a route hands to a service: never the request itself. */
export interface Actor {
  userId: string;
  enterpriseId: string;
}

/** What services need, gathered once: no request, no reply. */
export interface Deps {
  config: Config;
  db: Db;
  blobs: BlobStore;
  queue: JobQueue;
  workers: WorkerPool;
  log: FastifyBaseLogger;
  audit(entry: AuditEntry, tx?: DbOrTx): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    blobs: BlobStore;
    queue: JobQueue;
    workers: WorkerPool;
    sessions: SessionService;
    deps: Deps;
    audit(entry: AuditEntry, tx?: DbOrTx): Promise<void>;
    /** preHandler: 401 unless signed in; sets request.actor. */
    requireEnterprise(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    setSessionCookie(reply: FastifyReply, token: string): void;
  }
  interface FastifyRequest {
    /** Set by requireEnterprise. */
    actor: Actor;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
