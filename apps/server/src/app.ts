// Builds the Fastify app and never listens: main.ts listens, tests inject.
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { QueueTiming } from './jobs/job-queue.ts';
import dbPlugin from './plugins/db.ts';
import blobsPlugin from './plugins/blobs.ts';
import auditPlugin from './plugins/audit.ts';
import jobsPlugin from './plugins/jobs.ts';
import sessionsPlugin from './plugins/sessions.ts';
import errorsPlugin from './plugins/errors.ts';
import docsPlugin from './plugins/docs.ts';
import webPlugin from './plugins/web.ts';
import healthRoutes from './routes/health.ts';
import sessionRoutes from './routes/session.ts';
import homeRoutes from './routes/home.ts';
import jobRoutes from './routes/jobs.ts';
import driveRoutes from './drive/routes.ts';
import sealingRoutes from './routes/sealing.ts';
import authRoutes from './routes/auth.ts';
import tsaRoutes from './tsa/routes.ts';
import signingPlugin from './person-signing/signing-plugin.ts';
import smsRoutes from './routes/sms.ts';
import invitationRoutes from './routes/invitations.ts';
import personSigningRoutes from './routes/person-signing.ts';
import catalogueRoutes from './routes/catalogue.ts';
import catalogueAdminRoutes from './routes/catalogue-admin.ts';
import projectRoutes from './routes/projects.ts';
import applicationRoutes from './routes/applications.ts';
import thirdPartyRoutes from './routes/third-party.ts';
import staffRoutes from './routes/staff.ts';
import myMaterialRoutes from './routes/my-materials.ts';
import helpRoutes from './routes/help.ts';
import feedbackRoutes from './routes/feedback.ts';
import guideRoutes from './routes/guide.ts';
import type { App } from './types.ts';
import './types.ts';

export interface BuildOptions {
  /** An open database to use instead of opening one from config (tests). */
  database?: Database;
  /** Queue timing (tests shorten the visibility timeout and back-off). */
  queueTiming?: QueueTiming;
  /** Pino options or false; defaults follow config.logLevel. */
  logger?: boolean | object;
}

// PINs, tokens and cookies never reach the log.
const redact = ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.pin', '*.token'];

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(dbPlugin, { database: options.database });
  await app.register(blobsPlugin);
  await app.register(auditPlugin);
  await app.register(jobsPlugin, { timing: options.queueTiming });
  await app.register(sessionsPlugin);
  await app.register(multipart, {
    // One more byte than allowed, so the blob store sees the excess and refuses the file.
    limits: { fileSize: config.maxUploadBytes + 1, files: 100, fields: 20, parts: 200 },
  });
  app.decorate('deps', {
    config,
    db: app.db,
    blobs: app.blobs,
    queue: app.queue,
    workers: app.workers,
    log: app.log,
    audit: app.audit,
  });
  await app.register(docsPlugin);

  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(homeRoutes);
  await app.register(jobRoutes);
  await app.register(driveRoutes);
  await app.register(sealingRoutes);
  await app.register(authRoutes);
  await app.register(tsaRoutes);
  await app.register(signingPlugin);
  await app.register(smsRoutes);
  await app.register(invitationRoutes);
  await app.register(personSigningRoutes);
  await app.register(catalogueRoutes);
  await app.register(catalogueAdminRoutes);
  await app.register(projectRoutes);
  await app.register(applicationRoutes);
  await app.register(thirdPartyRoutes);
  await app.register(staffRoutes);
  await app.register(myMaterialRoutes);
  await app.register(helpRoutes);
  await app.register(feedbackRoutes);
  await app.register(guideRoutes);

  await app.register(webPlugin);
  return app;
}
