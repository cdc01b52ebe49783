// Serves the built web app (apps/web/dist) and falls back to index.html for the SPA's own
// routes. /api/* never falls back: an unknown API path is a JSON 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { errorCatalogue } from '@hall/shared/errors';

export default fp(
  async (app) => {
    const dist = app.config.webDistDir;
    const built = existsSync(join(dist, 'index.html'));
    if (built) {
      await app.register(fastifyStatic, {
        root: dist,
        index: false,
        wildcard: true,
        cacheControl: false, // ours below, not send's max-age=0
        setHeaders(res, path) {
          // Vite names assets by content hash: they never change under a name.
          if (path.includes(`${join(dist, 'assets')}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
          else res.setHeader('cache-control', 'no-cache');
        },
      });
      // The SPA's entry: static's directory handling would refuse '/' with index: false.
      app.get('/', { schema: { hide: true } }, (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
    } else {
      app.log.warn({ dist }, 'web app not built; run `npm run build` to serve it');
    }

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0];
      if (path.startsWith('/api/') || path === '/api' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        return reply.status(404).send({ code: 'NOT_FOUND', message: errorCatalogue.NOT_FOUND.message });
      }
      if (built) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(`<!doctype html><meta charset="utf-8"><title>网上办事大厅</title><p>网页尚未构建：在项目根目录运行 <code>npm run build</code>（${dist} 不存在）。API 可用：<a href="/api/docs">/api/docs</a></p>`);
    });
  },
  { name: 'web' },
);
