/**
 * A release tarball in the release layout (manifest.json, node/bin/node, service/main.js)
 * with a tiny stand-in service, for bootstrap tests that do not need the real bundle.
 * Its `node/bin/node` is a shell script that runs the Node.js running the tests.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StandInRelease {
  name: string;
  file: string;
  sha256: string;
}

// Serves /health and /env (the variables the bootstrap sets), and exits on SIGTERM.
const standInService = `'use strict';
const http = require('node:http');
const server = http.createServer((request, response) => {
  if (request.url === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok' }));
  } else if (request.url === '/env') {
    const { PORT, HOST, INSTANCE_ID, DATABASE_AUTH, AZURE_CLIENT_ID } = process.env;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ PORT, HOST, INSTANCE_ID, DATABASE_AUTH, AZURE_CLIENT_ID, cwd: process.cwd() }));
  } else {
    response.writeHead(404);
    response.end();
  }
});
server.listen(Number(process.env.PORT), process.env.HOST, () => console.log('stand-in service listening on ' + process.env.PORT));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Writes the stand-in release folder and its tarball into `directory`: a .tar.xz, as
 * `make package` builds, or a .tar.gz, as releases built before the switch to xz are.
 */
export function buildStandInRelease(directory: string, name = 'vmss-autoscaling-0.0.0-standin', compression: 'xz' | 'gzip' = 'xz'): StandInRelease {
  const content = join(directory, 'content');
  mkdirSync(join(content, 'node', 'bin'), { recursive: true });
  mkdirSync(join(content, 'service'), { recursive: true });

  writeFileSync(join(content, 'node', 'bin', 'node'), `#!/bin/sh\nexec "${process.execPath}" "$@"\n`);
  chmodSync(join(content, 'node', 'bin', 'node'), 0o755);
  writeFileSync(join(content, 'service', 'main.js'), standInService);

  const files = Object.fromEntries(['node/bin/node', 'service/main.js'].map((path) => [path, sha256(join(content, path))]));
  const manifest = { commit: 'standin', files, name: 'vmss-autoscaling', node: process.version, version: '0.0.0' };
  writeFileSync(join(content, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const file = join(directory, `${name}.${compression === 'xz' ? 'tar.xz' : 'tar.gz'}`);
  execFileSync('tar', ['--create', `--${compression}`, '--file', file, '--directory', content, 'manifest.json', 'node', 'service']);
  return { name, file, sha256: sha256(file) };
}
