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

/** An identity that another deployment created, referenced by name. */
export function existingUserAssignedIdentity(options: { symbolicName: string; name: Value }): Resource {
  return define('Microsoft.ManagedIdentity/userAssignedIdentities', { ...options, existing: true });
}
