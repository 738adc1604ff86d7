/** Microsoft.Storage: a locked-down StorageV2 account and private blob containers. */
import type { Value } from '../core/expression';
import type { Resource } from '../core/resource';
import { define } from './define';

export interface StorageAccountOptions {
  symbolicName: string;
  /** 3 to 24 lowercase letters and digits, unique across Azure. */
  name: Value;
  location: Value;
  skuName?: Value;
}

/**
 * Defines a StorageV2 account that requires HTTPS and TLS 1.2 and allows no anonymous blob
 * access. Shared keys are off too, so every caller reaches blobs with a Microsoft
 * Entra token and a data role: no account key exists to leak.
 */
export function storageAccount(options: StorageAccountOptions): Resource {
  return define('Microsoft.Storage/storageAccounts', {
    symbolicName: options.symbolicName,
    name: options.name,
    body: {
      location: options.location,
      kind: 'StorageV2',
      sku: { name: options.skuName ?? 'Standard_LRS' },
      properties: {
        accessTier: 'Hot',
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        minimumTlsVersion: 'TLS1_2',
        supportsHttpsTrafficOnly: true,
      },
    },
  });
}

/** Defines the account's single blob service, which is always named `default`. */
export function blobService(options: { symbolicName: string; account: Resource }): Resource {
  return define('Microsoft.Storage/storageAccounts/blobServices', {
    symbolicName: options.symbolicName,
    parent: options.account,
    name: 'default',
  });
}

/** Defines a container that admits no anonymous reads. */
export function privateBlobContainer(options: { symbolicName: string; blobService: Resource; name: Value }): Resource {
  return define('Microsoft.Storage/storageAccounts/blobServices/containers', {
    symbolicName: options.symbolicName,
    parent: options.blobService,
    name: options.name,
    body: { properties: { publicAccess: 'None' } },
  });
}
