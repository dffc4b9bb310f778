/** One field-level problem, as reported to clients in problem+json `errors`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An error meant for a client. `expose` false means the message is internal and clients get a generic one.
 * Rendered as RFC 9457 problem details by the HTTP error handler.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly options: { expose?: boolean; errors?: FieldProblem[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
  }

  get expose(): boolean {
    return this.options.expose ?? this.statusCode < 500;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super('not_found', 404, `${what} "${id}" was not found`);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, errors: FieldProblem[]) {
    super('validation_failed', 400, message, { errors });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string, retryAfterSeconds?: number) {
    super('service_unavailable', 503, message, {
      expose: true,
      headers: retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {},
    });
  }
}

/**
 * Processing stopped because the service is shutting down. The ticket stays stored, handed back to the queue,
 * so a worker (or a retry of the same request) finishes it; the client is told where to look.
 */
export class TicketInterruptedError extends AppError {
  constructor(readonly ticketId: string, retryAfterSeconds = 5) {
    super(
      'shutting_down',
      503,
      `the service is shutting down; ticket "${ticketId}" is stored and will be finished by a worker: retry, or read GET /tickets/${ticketId}`,
      { expose: true, headers: { 'retry-after': String(retryAfterSeconds), location: `/tickets/${encodeURIComponent(ticketId)}` } },
    );
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class ConflictError extends AppError {
  constructor(what: string, id: string) {
    super('conflict', 409, `${what} "${id}" already exists`);
  }
}
