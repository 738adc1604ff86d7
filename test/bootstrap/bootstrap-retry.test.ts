import { systemctlCalls } from './boot-harness';
import { BootFixture, bootWithStandIns } from './boot-fixture';

describe('bootstrap while storage returns 403', () => {
  const retryBaseMs = 100;
  let boot: BootFixture;

  beforeAll(async () => {
    boot = await bootWithStandIns({ forbiddenRequests: 3, boot: { retryBaseMs, retryMaxMs: 300 } });
  });

  afterAll(async () => {
    await boot?.close();
  });

  test('succeeds on the fourth attempt', async () => {
    expect({ exitCode: boot.run.exitCode, output: boot.run.output }).toEqual({
      exitCode: 0,
      output: expect.stringContaining('downloaded'),
    });
    expect(boot.blob.requests).toHaveLength(4);
    expect((await fetch(`http://127.0.0.1:${boot.port}/health`)).status).toBe(200);
  });

  test('logs each 403 with its retry delay', () => {
    const retries = boot.run.output.split('\n').filter((line) => line.includes('download attempt'));
    expect(retries).toHaveLength(3);
    expect(retries[0]).toContain(
      'download attempt 1 of 64 failed: blob storage returned HTTP 403 AuthorizationPermissionMismatch; ' +
        'the role assignment may still be propagating; retrying in 100 ms',
    );
    expect(retries[1]).toContain('download attempt 2 of 64 failed');
    expect(retries[1]).toContain('retrying in 200 ms');
    expect(retries[2]).toContain('retrying in 300 ms');
  });

  test('waits longer before each retry', () => {
    const gaps = boot.blob.requests.slice(1).map((request, index) => request.receivedAt - boot.blob.requests[index].receivedAt);
    // Lower bounds only: a loaded machine can add delay but never remove it.
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(300);
  });

  test('fetches a token for every attempt', () => {
    const tokenRequests = boot.imds.requests.filter((request) => request.url.pathname === '/metadata/identity/oauth2/token');
    expect(tokenRequests).toHaveLength(4);
  });
});

describe('bootstrap when 403 outlasts the attempts', () => {
  let boot: BootFixture;

  beforeAll(async () => {
    boot = await bootWithStandIns({ forbiddenRequests: 100, boot: { downloadAttempts: 3, retryBaseMs: 20 } });
  });

  afterAll(async () => {
    await boot?.close();
  });

  test('fails after the last attempt', () => {
    expect(boot.run.exitCode).toBe(1);
    expect(boot.run.output).toContain('error: release download failed after 3 attempts: blob storage returned HTTP 403 AuthorizationPermissionMismatch');
    expect(boot.blob.requests).toHaveLength(3);
  });

  test('never calls systemctl', () => {
    expect(systemctlCalls(boot.root)).toEqual([]);
  });
});
