/**
 * The topology values a rehearsal copies: the autoscale setting and the load balancer's health
 * probe, both taken from the DSL so the rehearsal scales with the rules that get deployed.
 */
import type { AutoscaleSettingProperties } from '../../dsl/autoscale/model';
import { settingFromFile, topologySetting } from '../../dsl/autoscale/explain/setting-source';

export interface HealthProbe {
  requestPath: string;
  port?: number;
  intervalInSeconds: number;
  numberOfProbes: number;
}

type ResolveProbe = (parameterValues?: Record<string, unknown>) => HealthProbe;

/** Returns the topology's load balancer probe, or undefined when the DSL does not define it yet. */
export function topologyHealthProbe(): HealthProbe | undefined {
  try {
    const resolved = require('../../dsl/topology/resolved') as { resolvedHealthProbe?: ResolveProbe };
    return resolved.resolvedHealthProbe?.();
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes('topology/resolved')) {
      return undefined;
    }
    throw error;
  }
}

/** Returns the autoscale setting from `settingFile`, or the topology's when no file is given. */
export function rehearsalSetting(settingFile: string | undefined): AutoscaleSettingProperties {
  return settingFile ? settingFromFile(settingFile) : topologySetting();
}
