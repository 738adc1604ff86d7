/** Microsoft.Insights: autoscale settings. */
import type { Value } from '../core/expression';
import type { Resource } from '../core/resource';
import type { AutoscaleNotification, AutoscaleProfile } from '../autoscale/model';
import { type Valued, compact, define } from './define';

export interface AutoscaleSettingOptions {
  symbolicName: string;
  name: Value;
  location: Value;
  /** The resource whose capacity is scaled, a scale set. */
  target: Resource;
  profiles: ReadonlyArray<Valued<AutoscaleProfile>>;
  notifications?: ReadonlyArray<Valued<AutoscaleNotification>> | Value;
}

export function autoscaleSetting(options: AutoscaleSettingOptions): Resource {
  return define('Microsoft.Insights/autoscalesettings', {
    symbolicName: options.symbolicName,
    name: options.name,
    body: {
      location: options.location,
      properties: compact({
        name: options.name,
        enabled: true,
        targetResourceUri: options.target.id,
        profiles: options.profiles as Value,
        notifications: options.notifications as Value | undefined,
      }),
    },
  });
}
