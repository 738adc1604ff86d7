/**
 * Uploads a release tarball to the foundation's blob container with
 * @azure/storage-blob. The SHA-256 travels as blob metadata, so a re-run finds
 * an identical blob and skips the upload.
 */
import { basename } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { TokenCredential } from '@azure/core-auth';

/** Metadata key holding the tarball's SHA-256 (hex). Blob metadata keys must be C# identifiers. */
export const SHA256_METADATA_KEY = 'sha256';

export interface UploadReleaseOptions {
  /** Blob service URL from the foundation outputs, such as https://acct.blob.core.windows.net/. */
  blobEndpoint: string;
  containerName: string;
  tarballPath: string;
  sha256: string;
  /** Microsoft Entra credential in Azure, or a shared key for Azurite in tests. */
  credential: TokenCredential | StorageSharedKeyCredential;
  /** Waits between retries of a forbidden request. */
  sleep: (ms: number) => Promise<void>;
  /** Called before each retry, with the delay in milliseconds. */
  onRetry?: (delayMs: number, reason: string) => void;
}

export interface UploadedRelease {
  blobName: string;
  blobUrl: string;
  /** False when a blob with the same name and SHA-256 was already there. */
  uploaded: boolean;
}

/**
 * Versioned blob name: the tarball's own name (which carries version and
 * commit) with the first 12 hex digits of its SHA-256, so two different
 * builds never share a name. The extension stays, because the bootstrap picks
 * the decompressor from it: .tar.xz from make package, .tar.gz from older builds.
 */
export function releaseBlobName(tarballPath: string, sha256: string): string {
  const name = basename(tarballPath);
  const extension = name.endsWith('.tar.xz') ? '.tar.xz' : '.tar.gz';
  const stem = name.replace(/\.tar\.xz$|\.tar\.gz$|\.tgz$/, '');
  return `${stem}.${sha256.slice(0, 12)}${extension}`;
}

/**
 * Delays between retries of a 403, 10 minutes in all. A new role assignment
 * usually works within minutes, but Microsoft documents that changes can take
 * up to 30 minutes (https://learn.microsoft.com/answers/questions/524792/azure-rbac-replication-latency.html).
 * Past 10 minutes the error advises running the command again, which is safe because deploy is idempotent.
 */
export const FORBIDDEN_RETRY_DELAYS_MS = [15_000, 30_000, 45_000, 60_000, 90_000, 120_000, 120_000, 120_000];

/** Runs `action`, retrying while storage responds with 403 because the role assignment is still propagating. */
export async function retryWhileForbidden<T>(
  action: () => Promise<T>,
  sleep: (ms: number) => Promise<void>,
  delaysMs: readonly number[] = FORBIDDEN_RETRY_DELAYS_MS,
  onRetry?: (delayMs: number, reason: string) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      const delay = delaysMs[attempt];
      if (status !== 403 || delay === undefined) {
        if (status === 403) {
          throw new Error(
            `blob storage still returned 403 after ${delaysMs.length} retries: the role assignment may still be propagating, ` +
              'so run the same command again in a few minutes (az role assignment list --assignee <you> --all shows your roles)',
          );
        }
        throw error;
      }
      onRetry?.(delay, (error as { code?: string }).code ?? 'HTTP 403');
      await sleep(delay);
    }
  }
}

/** Uploads the tarball unless the blob already exists with the same SHA-256. */
export async function uploadRelease(options: UploadReleaseOptions): Promise<UploadedRelease> {
  return retryWhileForbidden(() => uploadOnce(options), options.sleep, FORBIDDEN_RETRY_DELAYS_MS, options.onRetry);
}

async function uploadOnce(options: UploadReleaseOptions): Promise<UploadedRelease> {
  const service = new BlobServiceClient(options.blobEndpoint, options.credential);
  const container = service.getContainerClient(options.containerName);
  const blobName = releaseBlobName(options.tarballPath, options.sha256);
  const blob = container.getBlockBlobClient(blobName);

  if (await blob.exists()) {
    const properties = await blob.getProperties();
    if (properties.metadata?.[SHA256_METADATA_KEY] === options.sha256) {
      return { blobName, blobUrl: blob.url, uploaded: false };
    }
  }

  await blob.uploadFile(options.tarballPath, {
    blobHTTPHeaders: { blobContentType: blobName.endsWith('.tar.xz') ? 'application/x-xz' : 'application/gzip' },
    metadata: { [SHA256_METADATA_KEY]: options.sha256 },
  });
  return { blobName, blobUrl: blob.url, uploaded: true };
}
