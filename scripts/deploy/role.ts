/**
 * Grants the signed-in account write access to the release container, so the
 * upload with DefaultAzureCredential (Microsoft Entra, no account key) works.
 * The foundation template grants the instances' identity read access only.
 */
import type { AzureAccount } from './account';
import type { AzRunner } from './az';
import { AzCommandError } from './errors';

/**
 * Built-in role "Storage Blob Data Contributor": read, write and delete blobs.
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#storage-blob-data-contributor
 */
export const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';

/** Resource id of a blob container, the narrowest scope a data role can have. */
export function containerScope(subscriptionId: string, resourceGroup: string, storageAccountName: string, containerName: string): string {
  return (
    `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/` +
    `${storageAccountName}/blobServices/default/containers/${containerName}`
  );
}

/** Object id of the signed-in user or service principal. */
async function signedInObjectId(az: AzRunner, account: AzureAccount): Promise<{ id: string; type: 'User' | 'ServicePrincipal' }> {
  if (account.userType === 'servicePrincipal') {
    const principal = (await az(['ad', 'sp', 'show', '--id', account.user])) as { id?: string } | undefined;
    if (!principal?.id) {
      throw new Error(`az ad sp show --id ${account.user} returned no object id`);
    }
    return { id: principal.id, type: 'ServicePrincipal' };
  }
  const user = (await az(['ad', 'signed-in-user', 'show'])) as { id?: string } | undefined;
  if (!user?.id) {
    throw new Error('az ad signed-in-user show returned no object id');
  }
  return { id: user.id, type: 'User' };
}

/** Assigns Storage Blob Data Contributor on `scope`; an existing assignment counts as done. Returns true when it was new. */
export async function grantBlobContributor(az: AzRunner, account: AzureAccount, scope: string): Promise<boolean> {
  const principal = await signedInObjectId(az, account);
  try {
    await az([
      'role', 'assignment', 'create',
      '--assignee-object-id', principal.id,
      '--assignee-principal-type', principal.type,
      '--role', STORAGE_BLOB_DATA_CONTRIBUTOR,
      '--scope', scope,
    ]);
    return true;
  } catch (error) {
    if (error instanceof AzCommandError && /RoleAssignmentExists|already exists/i.test(error.message)) {
      return false;
    }
    throw error;
  }
}
