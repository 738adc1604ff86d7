import { Evaluator } from '../core/evaluate';
import { Template } from '../core/template';
import { privateDnsZone } from './network';
import { flexibleServer } from './postgresql';
import { postgresDnsZoneRule } from './postgresql-validation';

const evaluator = new Evaluator();

function server(zoneName: string, serverName = 'vmss-pg'): Template {
  const template = new Template('t', 't');
  const zone = template.resource(privateDnsZone({ symbolicName: 'zone', name: zoneName }));
  template.resource(
    flexibleServer({
      symbolicName: 'postgres',
      name: serverName,
      location: 'westeurope',
      version: '16',
      skuName: 'Standard_B1ms',
      tier: 'Burstable',
      storageSizeGB: 32,
      backupRetentionDays: 7,
      highAvailabilityMode: 'Disabled',
      delegatedSubnetId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/database',
      privateDnsZone: zone,
      dependsOn: [],
    }),
  );
  return template;
}

describe('PostgreSQL private DNS zone', () => {
  test('zone with the suffix and its own label passes', () => {
    expect(postgresDnsZoneRule(server('vmss.private.postgres.database.azure.com'), evaluator)).toEqual([]);
  });

  test('zone without the PostgreSQL suffix', () => {
    expect(postgresDnsZoneRule(server('vmss.internal'), evaluator)).toEqual([
      'resource postgres (Microsoft.DBforPostgreSQL/flexibleServers): properties.network.privateDnsZoneArmResourceId (zone name) = "vmss.internal": must end in .postgres.database.azure.com, such as vmss-pg.private.postgres.database.azure.com',
    ]);
  });

  test('zone named like the server', () => {
    expect(postgresDnsZoneRule(server('vmss-pg.postgres.database.azure.com'), evaluator)).toEqual([
      'resource postgres (Microsoft.DBforPostgreSQL/flexibleServers): properties.network.privateDnsZoneArmResourceId (zone name) = "vmss-pg.postgres.database.azure.com": must differ from the server name vmss-pg, whose public name it would shadow; add a label such as private',
    ]);
  });
});
