/**
 * Entry point: reads the configuration from the environment, starts the
 * service, and drains it on SIGTERM or SIGINT before exiting with status 0.
 */
import { ConfigError, loadConfig } from './config';
import { startService } from './server';

const HELP = `Usage: node main.js   (from the sources: npx tsx service/src/main.ts)

Runs the visit-registry service. Configuration comes from the environment:
  PORT, HOST                 listen address (default 127.0.0.1:8080; 0.0.0.0 on Azure)
  DATABASE_URL               postgres:// connection string; unset means SQLite under DATA_DIR
  DATA_DIR                   SQLite folder (default ./data)
  DATABASE_AUTH              password (default) or entra, with PGHOST, PGPORT, PGDATABASE, PGUSER, AZURE_CLIENT_ID
  INSTANCE_ID, TRUSTED_PROXIES, SCHEDULED_EVENTS_URL, STRESS_ENABLED, DRAIN_DELAY_MS,
  SHUTDOWN_TIMEOUT_MS, PUBLIC_DIR, LOG_LEVEL, WORKER_THREADS, WORKER_QUEUE_MAX, ...
See the "service" section of README.md for every variable, its default and its unit.
`;

function main(): void {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }

  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  startService(config, { onStopped: () => process.exit(0) }).then(
    (service) => {
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals): void => {
        signals += 1;
        if (signals > 1) {
          process.stderr.write(`${signal} received again during shutdown; exiting now\n`);
          process.exit(1);
        }
        void service.shutdown(signal);
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    },
    (error: unknown) => {
      process.stderr.write(`Failed to start: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}

main();
