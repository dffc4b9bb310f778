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
        { name: 'Stats', description: 'Counts, tokens and cost over stored tickets' },
        { name: 'Knowledge base', description: 'Manage help-centre articles and search them as the retrieval agent does' },
        { name: 'Review', description: 'Human review of drafts, and feedback on results' },
      ],
      // Every route needs a key unless it says otherwise (the health probes do).
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
  });
  // staticCSP: the UI's own Content-Security-Policy, in place of helmet's stricter one, on /docs only.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
