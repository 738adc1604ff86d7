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
  /** Microsoft Entra credential in Azure; a shared key for Azurite in tests. */
  credential: TokenCredential | StorageSharedKeyCredential;
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
 * builds never share a name.
 */
export function releaseBlobName(tarballPath: string, sha256: string): string {
  const stem = basename(tarballPath).replace(/\.tar\.gz$|\.tgz$/, '');
  return `${stem}.${sha256.slice(0, 12)}.tar.gz`;
}

/** Uploads the tarball unless the blob already exists with the same SHA-256. */
export async function uploadRelease(options: UploadReleaseOptions): Promise<UploadedRelease> {
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
    blobHTTPHeaders: { blobContentType: 'application/gzip' },
    metadata: { [SHA256_METADATA_KEY]: options.sha256 },
  });
  return { blobName, blobUrl: blob.url, uploaded: true };
}
