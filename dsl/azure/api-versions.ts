/**
 * The API version of every resource type the DSL writes, in one table: for each
 * type the newest non-preview version in the type index of Bicep CLI 0.49.2, as
 * its `use-recent-api-versions` linter lists them ("Acceptable versions").
 */
export const apiVersions = {
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.Compute/virtualMachineScaleSets': '2026-04-01',
  'Microsoft.DBforPostgreSQL/flexibleServers': '2025-08-01',
  'Microsoft.DBforPostgreSQL/flexibleServers/administrators': '2025-08-01',
  'Microsoft.DBforPostgreSQL/flexibleServers/databases': '2025-08-01',
  'Microsoft.Insights/autoscalesettings': '2022-10-01',
  'Microsoft.ManagedIdentity/userAssignedIdentities': '2024-11-30',
  'Microsoft.Network/loadBalancers': '2026-03-01',
  'Microsoft.Network/loadBalancers/backendAddressPools': '2026-03-01',
  'Microsoft.Network/natGateways': '2026-03-01',
  'Microsoft.Network/networkSecurityGroups': '2026-03-01',
  'Microsoft.Network/privateDnsZones': '2024-06-01',
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks': '2024-06-01',
  'Microsoft.Network/publicIPAddresses': '2026-03-01',
  'Microsoft.Network/virtualNetworks': '2026-03-01',
  'Microsoft.Network/virtualNetworks/subnets': '2026-03-01',
  'Microsoft.Storage/storageAccounts': '2026-09-01',
  'Microsoft.Storage/storageAccounts/blobServices': '2026-09-01',
  'Microsoft.Storage/storageAccounts/blobServices/containers': '2026-09-01',
} as const;

export type ResourceType = keyof typeof apiVersions;
