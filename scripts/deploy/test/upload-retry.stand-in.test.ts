import { rmSync } from 'node:fs';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { FORBIDDEN_RETRY_DELAYS_MS, retryWhileForbidden, uploadRelease } from '../blob';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type RunningAzurite } from './support/azurite';
import { writeTestTarball, type TestTarball } from './support/release-tarball';

/**
 * Hands out a wrong key for the first `failures` clients, so storage responds
 * with 403 as it does while a role assignment propagates. The storage SDK reads
 * `accountKey` once per client, and the upload builds a client per attempt.
 */
class SlowToAuthorizeCredential extends StorageSharedKeyCredential {
  reads = 0;

  constructor(failures: number) {
    super(AZURITE_ACCOUNT, AZURITE_KEY);
    const rightKey = Buffer.from(AZURITE_KEY, 'base64');
    const wrongKey = Buffer.from('not the account key');
    Object.defineProperty(this, 'accountKey', {
      get: () => {
        this.reads += 1;
        return this.reads <= failures ? wrongKey : rightKey;
      },
    });
  }
}

describe('release upload retries against the Azurite stand-in', () => {
  let azurite: RunningAzurite;
  let tarball: TestTarball;

  beforeAll(async () => {
    azurite = await startAzurite();
    await new BlobServiceClient(azurite.blobEndpoint, azurite.credential).getContainerClient('releases').create();
    tarball = writeTestTarball();
  });

  afterAll(async () => {
    await azurite?.stop();
    if (tarball) rmSync(tarball.dir, { recursive: true, force: true });
  });

  test('403 responses retried until upload succeeds', async () => {
    const credential = new SlowToAuthorizeCredential(2);
    const sleeps: number[] = [];
    const retries: string[] = [];

    const result = await uploadRelease({
      blobEndpoint: azurite.blobEndpoint,
      containerName: 'releases',
      tarballPath: tarball.path,
      sha256: tarball.sha256,
      credential,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onRetry: (delayMs, reason) => retries.push(`${reason} ${delayMs}`),
    });

    expect(result.uploaded).toBe(true);
    expect(sleeps).toEqual([15_000, 30_000]);
    // The first request is a HEAD (does the blob exist?), whose 403 has no body and so no error code.
    expect(retries).toEqual(['HTTP 403 15000', 'HTTP 403 30000']);
    const blob = new BlobServiceClient(azurite.blobEndpoint, azurite.credential).getContainerClient('releases').getBlockBlobClient(result.blobName);
    expect(await blob.downloadToBuffer()).toEqual(tarball.bytes);
  });

  test('persistent 403 advises a re-run', async () => {
    const sleeps: number[] = [];
    const forbidden = Object.assign(new Error('This request is not authorized to perform this operation using this permission.'), {
      statusCode: 403,
      code: 'AuthorizationPermissionMismatch',
    });

    await expect(
      retryWhileForbidden(
        async () => {
          throw forbidden;
        },
        async (ms) => {
          sleeps.push(ms);
        },
      ),
    ).rejects.toThrow(`blob storage still returned 403 after ${FORBIDDEN_RETRY_DELAYS_MS.length} retries`);
    expect(sleeps).toEqual(FORBIDDEN_RETRY_DELAYS_MS);
    expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(600_000);
  });

  test('other errors are not retried', async () => {
    let calls = 0;
    const notFound = Object.assign(new Error('The specified container does not exist.'), { statusCode: 404, code: 'ContainerNotFound' });

    await expect(
      retryWhileForbidden(async () => {
        calls += 1;
        throw notFound;
      }, async () => undefined),
    ).rejects.toBe(notFound);
    expect(calls).toBe(1);
  });
});
