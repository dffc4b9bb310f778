import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { VERSION } from '../../version.js';

/** OpenAPI 3 from the routes' zod schemas; Swagger UI at /docs, the document at /docs/json. */
export async function registerSwagger(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Customer Support Agent API',
        description:
          'Resolves support tickets: triage, knowledge-base articles, system status and a grounded reply. ' +
          'Errors are RFC 9457 problem details (application/problem+json).',
        version: VERSION,
      },
      tags: [
        { name: 'Tickets', description: 'Submit tickets and read their results' },
        { name: 'Health', description: 'Service health for operators' },
        { name: 'Knowledge base', description: 'Manage help-centre articles and search them as the retrieval agent does' },
      ],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
