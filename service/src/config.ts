/**
 * Reads the service configuration from the environment once, validates every
 * value and returns a frozen object. An invalid value raises a ConfigError that
 * names the variable, so the process can exit with a message that names what to fix.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

export type DatabaseAuth = 'password' | 'entra';

export type DatabaseConfig =
  | { kind: 'sqlite'; filename: string }
  | { kind: 'postgres'; auth: 'password'; url: string; poolMax: number }
  | {
      kind: 'postgres';
      auth: 'entra';
      host: string;
      port: number;
      database: string;
      user: string;
      clientId: string | undefined;
      sslMode: 'verify-full' | 'disable';
      sslRootCert: string | undefined;
      poolMax: number;
    };

export interface Config {
  port: number;
  host: string;
  instanceId: string;
  database: DatabaseConfig;
  /** Interval of the background database check behind `/health`. */
  databaseCheckIntervalMs: number;
  /** Addresses and CIDR ranges whose X-Forwarded-For header is trusted. */
  trustedProxies: readonly string[];
  scheduledEventsUrl: string | undefined;
  scheduledEventsIntervalMs: number;
  stressEnabled: boolean;
  drainDelayMs: number;
  shutdownTimeoutMs: number;
  keepAliveTimeoutMs: number;
  publicDir: string;
  logLevel: string;
  poolThreads: number;
  poolMaxQueue: number;
  visitWorkRounds: number;
  visitsWorkRounds: number;
}

/** Error for an invalid configuration value. `variable` names the environment variable to fix. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readString(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function readInteger(env: Environment, name: string, fallback: number, minimum: number, maximum: number): number {
  const raw = readString(env, name);
  if (raw === undefined) {
    return fallback;
  }
  if (!/^-?\d+$/.test(raw)) {
    throw new ConfigError(name, `expected an integer from ${minimum} to ${maximum}, got '${raw}'`);
  }
  const value = Number(raw);
  if (value < minimum || value > maximum) {
    throw new ConfigError(name, `expected an integer from ${minimum} to ${maximum}, got ${value}`);
  }
  return value;
}

function readBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const raw = readString(env, name)?.toLowerCase();
  if (raw === undefined) {
    return fallback;
  }
  if (['1', 'true', 'yes', 'on'].includes(raw)) {
    return true;
  }
  if (['0', 'false', 'no', 'off'].includes(raw)) {
    return false;
  }
  throw new ConfigError(name, `expected true or false, got '${raw}'`);
}

function readChoice<T extends string>(env: Environment, name: string, fallback: T, choices: readonly T[]): T {
  const raw = readString(env, name);
  if (raw === undefined) {
    return fallback;
  }
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `expected one of ${choices.join(', ')}, got '${raw}'`);
  }
  return raw as T;
}

function readRequired(env: Environment, name: string, condition: string): string {
  const value = readString(env, name);
  if (value === undefined) {
    throw new ConfigError(name, `missing. It is required ${condition}.`);
  }
  return value;
}

function readHttpUrl(env: Environment, name: string): string | undefined {
  const raw = readString(env, name);
  if (raw === undefined) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `expected an http:// URL, got '${raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `expected an http:// URL, got protocol '${url.protocol}'`);
  }
  return url.toString();
}

function readDatabaseUrl(env: Environment): string | undefined {
  const raw = readString(env, 'DATABASE_URL');
  if (raw === undefined) {
    return undefined;
  }
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // The value may contain a password, so the message never repeats it.
    throw new ConfigError('DATABASE_URL', 'not a valid URL. Expected postgres://user:password@host:5432/database.');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `expected a postgres:// URL, got protocol '${protocol}'`);
  }
  return raw;
}

/** Parses TRUSTED_PROXIES: a comma-separated list of IP addresses and CIDR ranges. */
function readTrustedProxies(env: Environment): string[] {
  const raw = readString(env, 'TRUSTED_PROXIES');
  if (raw === undefined) {
    return [];
  }
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    const prefixValid =
      prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixValid || extra !== undefined) {
      throw new ConfigError('TRUSTED_PROXIES', `expected IP addresses or CIDR ranges separated by commas, got '${entry}'`);
    }
  }
  return entries;
}

function readDatabase(env: Environment): DatabaseConfig {
  const auth = readChoice<DatabaseAuth>(env, 'DATABASE_AUTH', 'password', ['password', 'entra']);
  // Each instance runs at most this many queries at once, and the rest wait for a free connection.
  const poolMax = readInteger(env, 'DATABASE_POOL_MAX', 10, 1, 100);
  const url = readDatabaseUrl(env);

  if (auth === 'entra') {
    if (url !== undefined) {
      throw new ConfigError('DATABASE_URL', 'must be unset when DATABASE_AUTH=entra. Set PGHOST, PGDATABASE and PGUSER instead.');
    }
    const condition = 'when DATABASE_AUTH=entra';
    return {
      kind: 'postgres',
      auth: 'entra',
      host: readRequired(env, 'PGHOST', condition),
      port: readInteger(env, 'PGPORT', 5432, 1, 65535),
      database: readRequired(env, 'PGDATABASE', condition),
      user: readRequired(env, 'PGUSER', condition),
      clientId: readString(env, 'AZURE_CLIENT_ID'),
      sslMode: readChoice(env, 'PGSSLMODE', 'verify-full', ['verify-full', 'disable'] as const),
      sslRootCert: readString(env, 'PGSSLROOTCERT'),
      poolMax,
    };
  }
  if (url !== undefined) {
    return { kind: 'postgres', auth: 'password', url, poolMax };
  }
  const dataDir = resolve(readString(env, 'DATA_DIR') ?? 'data');
  return { kind: 'sqlite', filename: join(dataDir, 'visits.sqlite3') };
}

/**
 * Folder of the web page: `public` next to the bundle (`service/main.js`)
 * when it exists, else `service/public` next to these sources.
 */
function defaultPublicDir(): string {
  const besideBundle = join(__dirname, 'public');
  return existsSync(besideBundle) ? besideBundle : resolve(__dirname, '..', 'public');
}

/** Parses and validates the configuration. Throws a ConfigError that names the first invalid variable. */
export function loadConfig(env: Environment = process.env): Readonly<Config> {
  const poolThreads = readInteger(env, 'WORKER_THREADS', availableParallelism(), 1, 256);
  const keepAliveTimeoutMs = readInteger(env, 'KEEP_ALIVE_TIMEOUT_MS', 245_000, 1_000, 3_600_000);

  const config: Config = {
    port: readInteger(env, 'PORT', 8080, 0, 65535),
    host: readString(env, 'HOST') ?? '127.0.0.1',
    instanceId: readString(env, 'INSTANCE_ID') ?? hostname(),
    database: Object.freeze(readDatabase(env)),
    databaseCheckIntervalMs: readInteger(env, 'DATABASE_CHECK_INTERVAL_MS', 5_000, 100, 600_000),
    trustedProxies: Object.freeze(readTrustedProxies(env)),
    scheduledEventsUrl: readHttpUrl(env, 'SCHEDULED_EVENTS_URL'),
    // A scale set's Terminate notice comes 5 to 15 minutes ahead, so polling every 5 s leaves ample time.
    // Source: https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-terminate-notification
    scheduledEventsIntervalMs: readInteger(env, 'SCHEDULED_EVENTS_INTERVAL_MS', 5_000, 100, 600_000),
    stressEnabled: readBoolean(env, 'STRESS_ENABLED', true),
    // Two failed load balancer probes 5 s apart take an instance out of rotation: 2 × 5 s.
    drainDelayMs: readInteger(env, 'DRAIN_DELAY_MS', 10_000, 0, 600_000),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 30_000, 100, 600_000),
    keepAliveTimeoutMs,
    publicDir: resolve(readString(env, 'PUBLIC_DIR') ?? defaultPublicDir()),
    logLevel: readChoice(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    poolThreads,
    // 64 waiting tasks per thread is a few seconds of queued work at the default rounds. Beyond that,
    // the service responds with 503.
    poolMaxQueue: readInteger(env, 'WORKER_QUEUE_MAX', poolThreads * 64, 1, 1_000_000),
    visitWorkRounds: readInteger(env, 'VISIT_WORK_ROUNDS', 10_000, 0, 10_000_000),
    visitsWorkRounds: readInteger(env, 'VISITS_WORK_ROUNDS', 50_000, 0, 10_000_000),
  };

  if (isIP(config.host) === 0 && config.host !== 'localhost') {
    throw new ConfigError('HOST', `expected an IP address such as 127.0.0.1 or 0.0.0.0, got '${config.host}'`);
  }
  if (config.database.kind === 'postgres' && config.database.auth === 'entra' && config.database.sslRootCert) {
    if (!existsSync(config.database.sslRootCert)) {
      throw new ConfigError('PGSSLROOTCERT', `file not found: ${config.database.sslRootCert}`);
    }
  }
  return Object.freeze(config);
}
