/**
 * HTTP errors with a status and an `expose` flag. The error middleware sends
 * the message of exposed errors to the client and hides the rest behind a
 * generic 500.
 */

/** One invalid input: the field (or `body`, or a query parameter) and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class HttpError extends Error {
  readonly expose: boolean;

  constructor(
    readonly status: number,
    message: string,
    readonly details?: FieldProblem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.expose = status < 500 || status === 503;
  }
}

/** 400 with the list of fields that failed validation. */
export class ValidationError extends HttpError {
  constructor(message: string, details: FieldProblem[]) {
    super(400, message, details);
    this.name = 'ValidationError';
  }
}

/** 503 while the database cannot be reached. The pool reconnects on its own once the database is back. */
export class DatabaseUnavailableError extends HttpError {
  constructor(readonly causeCode: string | undefined) {
    super(503, 'Database unavailable; retry shortly', undefined, { 'Retry-After': '5' });
    this.name = 'DatabaseUnavailableError';
  }
}

/** 503 when the worker pool's queue is full. */
export class OverloadedError extends HttpError {
  constructor() {
    super(503, 'Server busy: the CPU work queue is full; retry shortly', undefined, { 'Retry-After': '1' });
    this.name = 'OverloadedError';
  }
}
