/** Checks of PostgreSQL Flexible Server settings that Azure would reject at deployment. */
import type { Evaluator } from '../core/evaluate';
import { isExpression } from '../core/expression';
import { describeResource, problem } from '../core/problem';
import type { Rule } from '../core/validation';

// The private DNS zone of a server with private access must end in this suffix and must
// not be named like the server itself:
// https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private
const zoneSuffix = '.postgres.database.azure.com';

export const postgresDnsZoneRule: Rule = (template, evaluator: Evaluator) => {
  const problems: string[] = [];
  for (const server of template.resources.filter((resource) => resource.type === 'Microsoft.DBforPostgreSQL/flexibleServers' && !resource.existing)) {
    const network = (server.body.properties as { network?: { privateDnsZoneArmResourceId?: unknown } } | undefined)?.network;
    const zoneId = network?.privateDnsZoneArmResourceId;
    if (!isExpression(zoneId) || zoneId.node.kind !== 'resourceId') {
      continue;
    }
    const zoneName = String(evaluator.evaluate(zoneId.node.resource.name));
    const serverName = String(evaluator.evaluate(server.name));
    const property = 'properties.network.privateDnsZoneArmResourceId (zone name)';
    if (!zoneName.endsWith(zoneSuffix)) {
      problems.push(problem(describeResource(server), property, zoneName, `must end in ${zoneSuffix}, such as ${serverName}.private${zoneSuffix}`));
    }
    if (zoneName === serverName || zoneName === `${serverName}${zoneSuffix}`) {
      problems.push(problem(describeResource(server), property, zoneName, `must differ from the server name ${serverName}, whose public name it would shadow; add a label such as private`));
    }
  }
  return problems;
};
