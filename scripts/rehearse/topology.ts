/**
 * The topology values a rehearsal copies: the autoscale setting and the load balancer's health
 * probe, both taken from the DSL so the rehearsal scales with the rules that get deployed.
 */
import type { AutoscaleSettingProperties } from '../../dsl/autoscale/model';
import { settingFromFile, topologySetting } from '../../dsl/autoscale/explain/setting-source';
import { resolvedHealthProbe } from '../../dsl/topology/resolved';

export interface HealthProbe {
  requestPath: string;
  port?: number;
  intervalInSeconds: number;
  numberOfProbes: number;
}

/** Returns the topology's load balancer probe, with the parameter defaults. */
export function topologyHealthProbe(): HealthProbe {
  return resolvedHealthProbe();
}

/** Returns the autoscale setting from `settingFile`, or the topology's when no file is given. */
export function rehearsalSetting(settingFile: string | undefined): AutoscaleSettingProperties {
  return settingFile ? settingFromFile(settingFile) : topologySetting();
}
