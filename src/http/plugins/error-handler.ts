import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import { AppError, type FieldProblem } from '../../errors.js';
import type { Problem } from '../schemas/problem.schema.js';

const PROBLEM_TYPE_BASE = 'urn:support-agent:problem:';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  p: { status: number; code: string; detail: string; errors?: FieldProblem[]; headers?: Record<string, string> },
): FastifyReply {
  const body: Problem = {
    type: `${PROBLEM_TYPE_BASE}${p.code}`,
    title: STATUS_CODES[p.status] ?? 'Error',
    status: p.status,
    detail: p.detail,
    instance: request.url,
    code: p.code,
    request_id: String(request.id),
    ...(p.errors && p.errors.length > 0 ? { errors: p.errors } : {}),
  };
  if (p.headers) reply.headers(p.headers);
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Turns a zod issue path into the field name a client sent: "subject", "metadata.source". */
function fieldProblems(err: FastifyError): FieldProblem[] {
  const context = (err as { validationContext?: string }).validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let message = v.message ?? 'is invalid';
    if (path === '' && context === 'body') {
      message = /received (undefined|null)/.test(message) ? 'a JSON object body is required' : 'the body must be a JSON object';
    }
    return { field: path === '' ? context : path, message };
  });
}

/** Fastify's own errors for unparseable or oversized bodies, in words a client can act on. */
const FASTIFY_CODES: Record<string, { status: number; code: string; detail: (err: FastifyError, req: FastifyRequest) => string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    detail: (_e, req) => `content type "${req.headers['content-type'] ?? 'none'}" is not supported; send application/json`,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length', detail: () => 'the Content-Length header does not match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body', detail: () => 'the body is empty; send a JSON object' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', detail: (e) => `the body is not valid JSON: ${e.message}` },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', detail: () => 'the request body exceeds the size limit' },
};

export function registerErrorHandler(app: FastifyInstance, opts: { bodyLimitBytes: number }): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = fieldProblems(err);
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return sendProblem(request, reply, { status: 400, code: 'validation_failed', detail, errors });
    }
    if (err instanceof AppError) {
      if (!err.expose) request.log.error({ err }, 'request failed');
      return sendProblem(request, reply, {
        status: err.statusCode,
        code: err.code,
        detail: err.expose ? err.message : 'Internal Server Error',
        ...(err.options.errors ? { errors: err.options.errors } : {}),
        ...(err.options.headers ? { headers: err.options.headers } : {}),
      });
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) {
      const detail = known.code === 'body_too_large' ? `the request body exceeds the limit of ${opts.bodyLimitBytes} bytes` : known.detail(err, request);
      return sendProblem(request, reply, { status: known.status, code: known.code, detail });
    }
    if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
      return sendProblem(request, reply, { status: 400, code: 'malformed_json', detail: `the body is not valid JSON: ${err.message}` });
    }
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500 || isResponseSerializationError(err)) {
      request.log.error({ err }, 'request failed');
      return sendProblem(request, reply, { status: 500, code: 'internal_error', detail: 'Internal Server Error' });
    }
    return sendProblem(request, reply, { status, code: err.code?.toLowerCase() ?? 'request_error', detail: err.message });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, { status: 404, code: 'route_not_found', detail: `no route for ${request.method} ${request.url.split('?')[0]}` }),
  );
}
