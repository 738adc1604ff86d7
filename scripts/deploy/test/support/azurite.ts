/**
 * Starts Azurite's blob service on a free loopback port with in-memory
 * storage, as the stand-in for Azure Blob Storage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { StorageSharedKeyCredential } from '@azure/storage-blob';

/** Azurite's documented development account and key (not a secret: the same in every Azurite). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  /** Blob service URL including the account, as a storage account's blobEndpoint output. */
  blobEndpoint: string;
  credential: StorageSharedKeyCredential;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<RunningAzurite> {
  const executable = join(__dirname, '..', '..', '..', '..', 'node_modules', '.bin', 'azurite-blob');
  const child: ChildProcess = spawn(
    executable,
    ['--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--extentMemoryLimit', '64',
      '--skipApiVersionCheck', '--loose', '--disableTelemetry'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );

  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 60 s: ${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    });
  });

  return {
    blobEndpoint: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}/`,
    credential: new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
