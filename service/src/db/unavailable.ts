/**
 * Tells a database that cannot be reached apart from a failed query, so the
 * first becomes 503 (retry later) and the second stays a 500.
 */
import { DatabaseUnavailableError } from '../errors';

// PostgreSQL SQLSTATE codes: class 08 is "connection exception", 57P01-57P03 are shutdown and
// start-up, and 53300 is too_many_connections.
const POSTGRES_UNAVAILABLE = /^(08...|57P01|57P02|57P03|53300)$/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const SQLITE_UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL']);
// node-postgres reports a socket closed under it with these messages and no code.
const CONNECTION_MESSAGES = [/Connection terminated/i, /timeout expired/i, /Client has encountered a connection error/i, /Connection ended unexpectedly/i];

/** Returns the code that marks the error as "database unreachable", or undefined for any other error. */
export function unavailableCode(error: unknown): string | undefined {
  // Duck-typed rather than `instanceof Error`: errors from Node's core may come from another realm (as under jest).
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const { name, code, message, errors } = error as { name?: unknown; code?: unknown; message?: unknown; errors?: unknown };
  if (name === 'KnexTimeoutError') {
    return 'POOL_TIMEOUT';
  }
  if (typeof code === 'string' && (POSTGRES_UNAVAILABLE.test(code) || NETWORK_CODES.has(code) || SQLITE_UNAVAILABLE.has(code))) {
    return code;
  }
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) {
    return 'CONNECTION_LOST';
  }
  // Node reports a failed connection to a host with several addresses as an AggregateError.
  if (Array.isArray(errors)) {
    return errors.map(unavailableCode).find((found) => found !== undefined);
  }
  return undefined;
}

// Codes of a pooled connection that the server closed (a restart or failover) before the pool noticed.
const STALE_CONNECTION_CODES = new Set(['57P01', '57P02', 'CONNECTION_LOST', 'ECONNRESET', 'EPIPE']);

export interface DatabaseCallOptions {
  /**
   * Retry once when the connection turns out to be stale. Only for reads: a
   * write whose connection dies may have committed, and a retry would repeat it.
   */
  retryStaleConnection?: boolean;
}

/** Runs a database operation, turning "cannot reach the database" into DatabaseUnavailableError. */
export async function withDatabase<T>(operation: () => Promise<T>, options: DatabaseCallOptions = {}): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const code = unavailableCode(error);
    if (code !== undefined && options.retryStaleConnection && STALE_CONNECTION_CODES.has(code)) {
      // The pool has discarded the dead connection by now, so the retry gets a new one.
      return withDatabase(operation, { retryStaleConnection: false });
    }
    if (code !== undefined) {
      throw new DatabaseUnavailableError(code);
    }
    throw error;
  }
}
