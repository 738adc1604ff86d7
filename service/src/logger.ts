/** Creates the pino logger: one JSON object per line on stdout, with secrets redacted. */
import pino, { type Logger } from 'pino';

/** Paths that could carry a secret if an object holding them were ever logged. */
const REDACTED_PATHS = [
  'password',
  'token',
  '*.password',
  '*.token',
  '*.connectionString',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, instanceId: string): Logger {
  return pino({
    level,
    base: { instance_id: instanceId },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
