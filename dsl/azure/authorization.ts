/** Microsoft.Authorization: role assignments to built-in roles. */
import { type Value, guid, subscriptionResourceId } from '../core/expression';
import type { Resource } from '../core/resource';
import { define } from './define';

/**
 * Ids of the built-in roles the topology assigns, from
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage
 */
export const builtInRoles = {
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
} as const;

export interface RoleAssignmentOptions {
  symbolicName: string;
  /** The resource the role applies to. */
  scope: Resource;
  /** The identity that receives the role. */
  identity: Resource;
  /** Full id of the role definition, see `roleDefinitionId()`. */
  roleDefinitionId: Value;
}

/** Builds the id of a built-in role definition from its GUID. */
export function roleDefinitionId(roleGuid: string): Value {
  return subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleGuid);
}

/**
 * Assigns a built-in role to a managed identity. The name is `guid()` of the scope,
 * the identity and the role, so a redeployment finds the same assignment again.
 */
export function roleAssignmentForIdentity(options: RoleAssignmentOptions): Resource {
  const roleDefinitionId = options.roleDefinitionId;
  return define('Microsoft.Authorization/roleAssignments', {
    symbolicName: options.symbolicName,
    scope: options.scope,
    name: guid(options.scope.id, options.identity.id, roleDefinitionId),
    body: {
      properties: {
        roleDefinitionId,
        principalId: options.identity.property('principalId'),
        // Skips the directory lookup that fails while a new identity is still replicating.
        principalType: 'ServicePrincipal',
      },
    },
  });
}
