import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import execa from 'execa';
import { defaultEnvironmentFor, isLoopbackTarget } from '../../artillery/run-artillery';

const REPOSITORY_ROOT = join(__dirname, '..', '..');

function runScript(script: string, args: string[]): execa.ExecaChildProcess {
  return execa(process.execPath, ['--import', 'tsx', join(REPOSITORY_ROOT, 'scripts', script), ...args], {
    cwd: REPOSITORY_ROOT,
    all: true,
    reject: false,
  });
}

describe('load CLI', () => {
  it('prints help with every profile and environment', async () => {
    const result = await runScript('load.ts', ['--help']);
    expect(result.exitCode).toBe(0);
    for (const word of ['--profile', '--target', '--environment', 'smoke', 'spike', 'ramp', 'soak', 'stress', 'azure', 'local']) {
      expect(result.all).toContain(word);
    }
  }, 60_000);

  it('rejects a target that is not a URL', async () => {
    const result = await runScript('load.ts', ['--profile', 'smoke', '--target', '10.0.0.4']);
    expect(result.exitCode).toBe(2);
    expect(result.all).toContain("--target '10.0.0.4' is not a URL");
  }, 60_000);

  it('rejects an unknown profile', async () => {
    const result = await runScript('load.ts', ['--profile', 'flood', '--target', 'http://127.0.0.1:1']);
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain('flood');
  }, 60_000);

  it('passes on the exit code of a failing run against a stand-in', async () => {
    // The stand-in returns 200 with an empty object for every path, so the smoke expectations fail.
    const server: Server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await runScript('load.ts', ['--profile', 'smoke', '--target', `http://127.0.0.1:${port}/`, '--quiet']);
      expect(result.all).toContain(`environment local, target http://127.0.0.1:${port}`);
      expect(result.all).toContain('not ok statusCode');
      expect(result.exitCode).not.toBe(0);
    } finally {
      server.close();
    }
  }, 180_000);
});

describe('demo CLI', () => {
  it('prints help', async () => {
    const result = await runScript('demo.ts', ['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.all).toContain('--port');
  }, 60_000);

  it('fails when the port is taken', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await runScript('demo.ts', ['--port', String(port), '--skip-templates']);
      expect(result.all).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(result.all).toContain('Demo failed');
      expect(result.exitCode).toBe(1);
    } finally {
      server.close();
    }
  }, 60_000);
});

describe('default environment', () => {
  it.each([
    ['http://127.0.0.1:8080', 'local'],
    ['http://localhost:3000', 'local'],
    ['http://[::1]:8080', 'local'],
    ['http://127.10.0.2', 'local'],
    ['http://20.50.1.2', 'azure'],
    ['https://vmss.example.com', 'azure'],
    ['http://10.0.0.4', 'azure'],
  ])('of %s is %s', (target, environment) => {
    expect(defaultEnvironmentFor(target)).toBe(environment);
    expect(isLoopbackTarget(target)).toBe(environment === 'local');
  });
});
