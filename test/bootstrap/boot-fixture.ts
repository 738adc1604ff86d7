/**
 * One bootstrap run against fresh IMDS and blob stand-ins. It serves the stand-in release
 * unless another tarball is given, and `close()` stops the service and removes every file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { BootOptions } from '../../dsl/cloud-init';
import { findFreePort } from '../../scripts/lib/free-port';
import { BootRun, runBootstrap, stopService, writeCloudConfigFiles } from './boot-harness';
import { startBlobStandIn } from './stand-ins/blob-stand-in';
import { LoopbackServer } from './stand-ins/http-server';
import { startImdsStandIn } from './stand-ins/imds-stand-in';
import { buildStandInRelease, StandInRelease } from './stand-in-release';

export const clientId = '00000000-0000-4000-8000-00000000c11e';
export const accessToken = 'stand-in-token-for-storage';
export const vmName = 'vmss_standin_1';

export interface BootFixtureOptions {
  /** Tarball to serve; the stand-in release when absent. */
  release?: StandInRelease;
  /** SHA-256 to put in the environment file instead of the tarball's own. */
  releaseSha256?: string;
  forbiddenRequests?: number;
  boot?: Partial<BootOptions>;
}

export interface BootFixture {
  root: string;
  port: number;
  release: StandInRelease;
  imds: LoopbackServer;
  blob: LoopbackServer;
  run: BootRun;
  close(): Promise<void>;
}

export async function bootWithStandIns(options: BootFixtureOptions = {}): Promise<BootFixture> {
  const directory = mkdtempSync(join(tmpdir(), 'bootstrap-'));
  const root = join(directory, 'root');
  const release = options.release ?? buildStandInRelease(directory);
  const blobPath = `/releases/${basename(release.file)}`;
  const imds = await startImdsStandIn({ clientId, accessToken, vmName });
  const blob = await startBlobStandIn({ blobPath, file: release.file, accessToken, forbiddenRequests: options.forbiddenRequests });
  const port = await findFreePort();

  const close = async (): Promise<void> => {
    await stopService(root);
    await blob.close();
    await imds.close();
    rmSync(directory, { recursive: true, force: true });
  };

  try {
    writeCloudConfigFiles(
      root,
      {
        releaseBlobUrl: `${blob.url}${blobPath}`,
        releaseSha256: options.releaseSha256 ?? release.sha256,
        identityClientId: clientId,
        postgresHost: 'postgres.stand-in.invalid',
        postgresDatabase: 'app',
        postgresUser: 'vmss-identity',
      },
      { imdsEndpoint: imds.url, port, host: '127.0.0.1', retryBaseMs: 50, healthTimeoutSeconds: 90, ...options.boot },
    );
    const run = await runBootstrap(root);
    return { root, port, release, imds, blob, run, close };
  } catch (error) {
    await close();
    throw error;
  }
}
