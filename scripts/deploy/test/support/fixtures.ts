/**
 * Realistic JSON that the Azure CLI prints, trimmed to the fields the
 * commands read plus a few neighbours, and the stand-in outputs of the two
 * deployment stages.
 */
export const SUBSCRIPTION_ID = '6f1c2a44-8d3e-4b7a-9c21-0e5f3d9a1b77';
export const RESOURCE_GROUP = 'rg-vmss-test';
export const LOCATION = 'westeurope';
export const PREFIX = 'vmss';

export const accountShow = {
  environmentName: 'AzureCloud',
  homeTenantId: '2b0e6f1a-4c5d-4e8f-9a0b-1c2d3e4f5a6b',
  id: SUBSCRIPTION_ID,
  isDefault: true,
  managedByTenants: [],
  name: 'Pay-As-You-Go',
  state: 'Enabled',
  tenantId: '2b0e6f1a-4c5d-4e8f-9a0b-1c2d3e4f5a6b',
  user: { name: 'dev@example.com', type: 'user' },
};

export const groupCreate = {
  id: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}`,
  location: LOCATION,
  managedBy: null,
  name: RESOURCE_GROUP,
  properties: { provisioningState: 'Succeeded' },
  tags: null,
  type: 'Microsoft.Resources/resourceGroups',
};

/** `az ad signed-in-user show` output, trimmed. */
export const signedInUser = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
  displayName: 'Dev Example',
  id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  mail: 'dev@example.com',
  userPrincipalName: 'dev@example.com',
};

/** Scope of the release container in the stand-in foundation outputs. */
export const RELEASE_CONTAINER_SCOPE =
  `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/` +
  'vmssrel4k2j7q/blobServices/default/containers/releases';

/** `az role assignment create` output, trimmed. */
export const roleAssignment = {
  id: `${RELEASE_CONTAINER_SCOPE}/providers/Microsoft.Authorization/roleAssignments/3b1f0c9e-2d4a-4e6b-9c8d-7f6e5d4c3b2a`,
  name: '3b1f0c9e-2d4a-4e6b-9c8d-7f6e5d4c3b2a',
  principalId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  principalType: 'User',
  roleDefinitionId: `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
  scope: RELEASE_CONTAINER_SCOPE,
  type: 'Microsoft.Authorization/roleAssignments',
};

/** The role-grant calls that deploy and release make before uploading. */
export const roleGrantCalls: string[][] = [
  ['ad', 'signed-in-user', 'show', '--output', 'json', '--only-show-errors'],
  [
    'role', 'assignment', 'create', '--assignee-object-id', '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f', '--assignee-principal-type', 'User',
    '--role', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', '--scope', RELEASE_CONTAINER_SCOPE, '--output', 'json', '--only-show-errors',
  ],
];

export const VMSS_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-app`;

export function vmId(name: string): string {
  return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/virtualMachines/${name}`;
}

/** `az vm list` output: two scale set instances and one unrelated VM. */
export const vmList = [
  {
    id: vmId('vmss-app_3f9a1c2b'),
    location: LOCATION,
    name: 'vmss-app_3f9a1c2b',
    provisioningState: 'Succeeded',
    resourceGroup: RESOURCE_GROUP.toUpperCase(),
    timeCreated: '2026-12-04T19:10:00.0000000+00:00',
    type: 'Microsoft.Compute/virtualMachines',
    // Azure often returns the resource group in capitals inside ids.
    virtualMachineScaleSet: { id: VMSS_ID.replace(RESOURCE_GROUP, RESOURCE_GROUP.toUpperCase()) },
    hardwareProfile: { vmSize: 'Standard_B1s' },
  },
  {
    id: vmId('jumpbox'),
    location: LOCATION,
    name: 'jumpbox',
    provisioningState: 'Succeeded',
    resourceGroup: RESOURCE_GROUP.toUpperCase(),
    timeCreated: '2026-12-01T08:00:00.0000000+00:00',
    type: 'Microsoft.Compute/virtualMachines',
    virtualMachineScaleSet: null,
    hardwareProfile: { vmSize: 'Standard_B1s' },
  },
  {
    id: vmId('vmss-app_0a7b5d11'),
    location: LOCATION,
    name: 'vmss-app_0a7b5d11',
    provisioningState: 'Creating',
    resourceGroup: RESOURCE_GROUP.toUpperCase(),
    timeCreated: '2026-12-04T19:57:30.0000000+00:00',
    type: 'Microsoft.Compute/virtualMachines',
    virtualMachineScaleSet: { id: VMSS_ID },
    hardwareProfile: { vmSize: 'Standard_B1s' },
  },
];

export const foundationOutputs = (blobEndpoint: string): Record<string, unknown> => ({
  storageAccountName: 'vmssrel4k2j7q',
  blobEndpoint,
  releaseContainerName: 'releases',
  identityName: 'vmss-identity',
  identityClientId: '0d8f3e2a-1b4c-4d5e-8f9a-0b1c2d3e4f5a',
  identityPrincipalId: '9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b',
});

export const mainOutputs = (appUrl: string): Record<string, unknown> => ({
  appUrl,
  healthUrl: `${appUrl}health`,
  publicIpAddress: '20.61.15.7',
  vmssName: 'vmss-app',
  postgresFqdn: 'vmss-pg-4k2j7q.postgres.database.azure.com',
  autoscaleSettingName: 'vmss-autoscale',
  identityClientId: '0d8f3e2a-1b4c-4d5e-8f9a-0b1c2d3e4f5a',
});
