import { toArmTemplate } from '../core/arm-emitter';
import { Evaluator } from '../core/evaluate';
import { buildFoundation } from './foundation';
import { buildMain, buildMainTopology } from './main';

type Json = Record<string, unknown>;

function resourceOfType(template: Json, type: string): Json {
  const found = (template.resources as Json[]).find((resource) => resource.type === type);
  if (!found) {
    throw new Error(`No resource of type ${type}`);
  }
  return found;
}

describe('foundation template', () => {
  const arm = toArmTemplate(buildFoundation()) as Json;

  test('storage is locked down', () => {
    const storage = resourceOfType(arm, 'Microsoft.Storage/storageAccounts');

    expect(storage.kind).toBe('StorageV2');
    expect(storage.properties).toMatchObject({
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
    });
    expect(resourceOfType(arm, 'Microsoft.Storage/storageAccounts/blobServices/containers').properties).toEqual({ publicAccess: 'None' });
  });

  test('identity reads the releases container', () => {
    const assignment = resourceOfType(arm, 'Microsoft.Authorization/roleAssignments');

    expect(assignment.scope).toContain("resourceId('Microsoft.Storage/storageAccounts/blobServices/containers'");
    expect(assignment.name).toMatch(/^\[guid\(/);
    expect(assignment.properties).toMatchObject({ principalType: 'ServicePrincipal', roleDefinitionId: "[variables('storageBlobDataReaderRoleId')]" });
    expect((arm.variables as Json).storageBlobDataReaderRoleId).toBe(
      "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')]",
    );
  });

  test('outputs are the contract', () => {
    expect(Object.keys(arm.outputs as Json)).toEqual([
      'storageAccountName',
      'blobEndpoint',
      'releaseContainerName',
      'identityName',
      'identityClientId',
      'identityPrincipalId',
    ]);
  });
});

describe('main template', () => {
  const arm = toArmTemplate(buildMain()) as Json;

  test('PostgreSQL is private and Entra-only', () => {
    const server = resourceOfType(arm, 'Microsoft.DBforPostgreSQL/flexibleServers');
    const properties = server.properties as Json;

    expect(server.sku).toEqual({ name: "[parameters('postgresSkuName')]", tier: "[parameters('postgresTier')]" });
    expect(properties.network).toMatchObject({ publicNetworkAccess: 'Disabled' });
    expect(properties.authConfig).toMatchObject({ activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled' });
    expect(properties).not.toHaveProperty('administratorLogin');
    expect(properties).not.toHaveProperty('administratorLoginPassword');
  });

  test('database subnet is delegated to PostgreSQL', () => {
    const vnet = resourceOfType(arm, 'Microsoft.Network/virtualNetworks');
    const subnets = (vnet.properties as { subnets: Array<{ name: string; properties: Json }> }).subnets;

    expect(subnets.map((subnet) => subnet.name)).toEqual(['vm', 'database']);
    expect(subnets[1].properties.delegations).toEqual([
      { name: 'Microsoft-DBforPostgreSQL-flexibleServers', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } },
    ]);
  });

  test('SSH rule only with a source range', () => {
    const { template } = buildMainTopology();
    const nsg = template.resources.find((resource) => resource.symbolicName === 'nsg');
    const rules = (withSsh: string): string[] =>
      (new Evaluator({ parameterValues: { sshSourceAddressPrefix: withSsh } }).evaluate(nsg?.body.properties) as { securityRules: Array<{ name: string }> }).securityRules.map(
        (rule) => rule.name,
      );

    expect(rules('')).toEqual(['allow-app']);
    expect(rules('203.0.113.0/24')).toEqual(['allow-app', 'allow-ssh']);
  });

  test('scale set is Flexible with health, repairs and terminate notice', () => {
    const scaleSet = resourceOfType(arm, 'Microsoft.Compute/virtualMachineScaleSets');
    const properties = scaleSet.properties as Json;
    const profile = properties.virtualMachineProfile as Json;

    expect(properties.orchestrationMode).toBe('Flexible');
    expect(properties.automaticRepairsPolicy).toMatchObject({ enabled: true });
    expect(profile.scheduledEventsProfile).toEqual({ terminateNotificationProfile: { enable: true, notBeforeTimeout: 'PT5M' } });
    expect((profile.osProfile as Json).linuxConfiguration).toMatchObject({ disablePasswordAuthentication: true });
    expect((profile.storageProfile as Json).imageReference).toEqual({
      publisher: 'Canonical',
      offer: '0001-com-ubuntu-server-jammy',
      sku: '22_04-lts-gen2',
      version: 'latest',
    });
  });

  test('customData carries the deployment values', () => {
    const { scaleSet } = buildMainTopology();
    const customData = new Evaluator({
      parameterValues: { releaseBlobUrl: 'https://example.invalid/releases/r.tar.gz', releaseSha256: 'a'.repeat(64), identityName: 'vmss-identity' },
    }).evaluate((scaleSet.body.properties as { virtualMachineProfile: { osProfile: { customData: never } } }).virtualMachineProfile.osProfile.customData);
    const text = Buffer.from(String(customData), 'base64').toString('utf8');

    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(text).toContain('RELEASE_BLOB_URL=https://example.invalid/releases/r.tar.gz\n');
    expect(text).toContain(`RELEASE_SHA256=${'a'.repeat(64)}\n`);
    expect(text).toContain('PGUSER=vmss-identity\n');
    expect(text).toContain('PGDATABASE=app\n');
    expect(text).toContain('PGHOST=<postgres.properties.fullyQualifiedDomainName>\n');
  });

  test('outputs are the contract', () => {
    expect(Object.keys(arm.outputs as Json)).toEqual(
      expect.arrayContaining(['appUrl', 'healthUrl', 'publicIpAddress', 'vmssName', 'postgresFqdn', 'autoscaleSettingName', 'identityClientId']),
    );
  });
});
