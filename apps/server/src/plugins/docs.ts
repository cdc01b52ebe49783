import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

// Registered before the routes so that every route's schema lands in the document.
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: { title: '网上办事大厅 API', version: '0.1.0', description: 'Enterprise-facing online service hall' },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'hall_session' },
            csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          },
        },
        security: [{ session: [], csrf: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'docs' },
);
