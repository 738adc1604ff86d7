/**
 * A throwaway PostgreSQL cluster of one test file's own, on a free loopback
 * port, that the test may stop and start (the shared TEST_DATABASE_URL server
 * must never be restarted). Uses Debian's server binaries, run as the
 * `postgres` user when the tests run as root, since PostgreSQL refuses root.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../scripts/lib/free-port';

export interface PrivatePostgres {
  port: number;
  dataDir: string;
  /** Superuser URL (user vmss, with the password when one was set). */
  url: string;
  urlFor(database: string, user?: string, password?: string): string;
  start(): void;
  stop(): void;
  destroy(): void;
}

export interface PrivatePostgresOptions {
  /** When set, TCP logins need a password (scram-sha-256) and the superuser `vmss` has this one. */
  superuserPassword?: string;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
  /** PEM server certificate and key; when set the server accepts TLS connections. */
  tls?: { cert: string; key: string };
}

/** Directory of the newest installed PostgreSQL server binaries, if any. */
export function findPostgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) {
    return undefined;
  }
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length > 0 ? join(root, versions[versions.length - 1], 'bin') : undefined;
}


function postgresIds(): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
  const fields = line.split(':');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const bin = findPostgresBinaries();
  if (!bin) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql; install the Debian package postgresql');
  }
  const asRoot = userInfo().uid === 0;
  const run = (command: string, args: string[]): void => {
    const file = join(bin, command);
    if (asRoot) {
      execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' });
    } else {
      execFileSync(file, args, { stdio: 'pipe' });
    }
  };

  const root = mkdtempSync(join(tmpdir(), 'visits-pg-'));
  const dataDir = join(root, 'data');
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  const port = await findFreePort();

  const initArgs = ['-D', dataDir, '-U', 'vmss', '--encoding=UTF8', '--locale=C.UTF-8', '--auth-local=trust'];
  if (options.superuserPassword) {
    const passwordFile = join(root, 'password');
    writeFileSync(passwordFile, `${options.superuserPassword}\n`);
    if (asRoot) {
      const { uid, gid } = postgresIds();
      chownSync(passwordFile, uid, gid);
    }
    initArgs.push('--auth-host=scram-sha-256', `--pwfile=${passwordFile}`);
  } else {
    initArgs.push('--auth-host=trust');
  }
  run('initdb', initArgs);

  const tlsSettings: Record<string, string> = {};
  if (options.tls) {
    const certFile = join(root, 'server.crt');
    const keyFile = join(root, 'server.key');
    writeFileSync(certFile, options.tls.cert);
    // PostgreSQL refuses a key file that others can read.
    writeFileSync(keyFile, options.tls.key, { mode: 0o600 });
    if (asRoot) {
      const { uid, gid } = postgresIds();
      chownSync(certFile, uid, gid);
      chownSync(keyFile, uid, gid);
    }
    Object.assign(tlsSettings, { ssl: 'on', ssl_cert_file: certFile, ssl_key_file: keyFile });
  }
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: root,
    fsync: 'off',
    ...tlsSettings,
    ...options.settings,
  };
  const serverOptions = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const credentials = options.superuserPassword ? `vmss:${encodeURIComponent(options.superuserPassword)}` : 'vmss';

  const cluster: PrivatePostgres = {
    port,
    dataDir,
    url: `postgres://${credentials}@127.0.0.1:${port}/postgres`,
    urlFor(database, user = 'vmss', password) {
      let auth = user;
      if (password !== undefined) {
        auth = `${user}:${encodeURIComponent(password)}`;
      } else if (user === 'vmss') {
        auth = credentials;
      }
      return `postgres://${auth}@127.0.0.1:${port}/${database}`;
    },
    start() {
      run('pg_ctl', ['-D', dataDir, '-l', join(root, 'server.log'), '-w', '-t', '60', '-o', serverOptions, 'start']);
    },
    stop() {
      run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
    destroy() {
      try {
        cluster.stop();
      } catch {
        // Already stopped.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
