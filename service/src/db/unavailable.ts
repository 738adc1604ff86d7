/**
 * Tells a database that cannot be reached apart from a failed query, so the
 * first becomes 503 (retry later) and the second stays a 500.
 */
import { DatabaseUnavailableError } from '../errors';

// PostgreSQL SQLSTATE codes: class 08 is "connection exception"; 57P01-57P03 are shutdown and start-up.
const POSTGRES_UNAVAILABLE = /^(08...|57P01|57P02|57P03|53300)$/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const SQLITE_UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL']);
// node-postgres reports a socket closed under it with these messages and no code.
const CONNECTION_MESSAGES = [/Connection terminated/i, /timeout expired/i, /Client has encountered a connection error/i, /Connection ended unexpectedly/i];

/** The error code, if any, that marks the database as unreachable. */
export function unavailableCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) {
    return undefined;
  }
  if (error.name === 'KnexTimeoutError') {
    return 'POOL_TIMEOUT';
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (POSTGRES_UNAVAILABLE.test(code) || NETWORK_CODES.has(code) || SQLITE_UNAVAILABLE.has(code))) {
    return code;
  }
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) {
    return 'CONNECTION_LOST';
  }
  if (error instanceof AggregateError) {
    return error.errors.map(unavailableCode).find((found) => found !== undefined);
  }
  return undefined;
}

/** Runs a database operation, turning "cannot reach the database" into DatabaseUnavailableError. */
export async function withDatabase<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const code = unavailableCode(error);
    if (code !== undefined) {
      throw new DatabaseUnavailableError(code);
    }
    throw error;
  }
}
