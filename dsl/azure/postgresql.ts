/**
 * Microsoft.DBforPostgreSQL: a Flexible Server reachable only inside its virtual
 * network and only with Microsoft Entra tokens, its Entra administrator and a database.
 */
import { type Value, tenantId } from '../core/expression';
import type { Resource } from '../core/resource';
import { define } from './define';

export interface FlexibleServerOptions {
  symbolicName: string;
  name: Value;
  location: Value;
  version: Value;
  skuName: Value;
  tier: Value;
  storageSizeGB: Value;
  backupRetentionDays: Value;
  /** `Disabled`, `SameZone` or `ZoneRedundant`. */
  highAvailabilityMode: Value;
  /** Id of a subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers`. */
  delegatedSubnetId: Value;
  privateDnsZone: Resource;
  /** The zone's VNet link: the server resolves its own name through it while it is created. */
  dependsOn: readonly Resource[];
}

/**
 * Private access (no public endpoint), Microsoft Entra authentication only: there is
 * no administrator login and no password anywhere.
 */
export function flexibleServer(options: FlexibleServerOptions): Resource {
  return define('Microsoft.DBforPostgreSQL/flexibleServers', {
    symbolicName: options.symbolicName,
    name: options.name,
    dependsOn: options.dependsOn,
    body: {
      location: options.location,
      sku: { name: options.skuName, tier: options.tier },
      properties: {
        version: options.version,
        storage: { storageSizeGB: options.storageSizeGB, autoGrow: 'Disabled' },
        backup: { backupRetentionDays: options.backupRetentionDays, geoRedundantBackup: 'Disabled' },
        highAvailability: { mode: options.highAvailabilityMode },
        network: {
          delegatedSubnetResourceId: options.delegatedSubnetId,
          privateDnsZoneArmResourceId: options.privateDnsZone.id,
          publicNetworkAccess: 'Disabled',
        },
        authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled', tenantId: tenantId() },
      },
    },
  });
}

/** Makes a managed identity the server's Microsoft Entra administrator. */
export function entraAdministrator(options: {
  symbolicName: string;
  server: Resource;
  /** Object (principal) id of the identity; the resource is named by it. */
  principalId: Value;
  /** Display name of the identity: the PostgreSQL role name it logs in as. */
  principalName: Value;
}): Resource {
  return define('Microsoft.DBforPostgreSQL/flexibleServers/administrators', {
    symbolicName: options.symbolicName,
    parent: options.server,
    name: options.principalId,
    body: {
      properties: { principalType: 'ServicePrincipal', principalName: options.principalName, tenantId: tenantId() },
    },
  });
}

export function postgresDatabase(options: { symbolicName: string; server: Resource; name: Value }): Resource {
  return define('Microsoft.DBforPostgreSQL/flexibleServers/databases', {
    symbolicName: options.symbolicName,
    parent: options.server,
    name: options.name,
    body: { properties: { charset: 'UTF8', collation: 'en_US.utf8' } },
  });
}
