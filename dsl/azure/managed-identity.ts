/** Microsoft.ManagedIdentity: user-assigned identities. */
import type { Value } from '../core/expression';
import type { Resource } from '../core/resource';
import { define } from './define';

export function userAssignedIdentity(options: { symbolicName: string; name: Value; location: Value }): Resource {
  return define('Microsoft.ManagedIdentity/userAssignedIdentities', {
    symbolicName: options.symbolicName,
    name: options.name,
    body: { location: options.location },
  });
}

/** Refers by name to an identity that another deployment created. */
export function existingUserAssignedIdentity(options: { symbolicName: string; name: Value }): Resource {
  return define('Microsoft.ManagedIdentity/userAssignedIdentities', { ...options, existing: true });
}
