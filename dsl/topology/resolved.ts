/**
 * The main template's autoscale setting and load balancer probe with plain values:
 * parameter defaults, or the values given, substituted into the DSL model itself,
 * so the local autoscale engine and rehearsal run with exactly what Azure receives.
 */
import type { AutoscaleSettingProperties } from '../autoscale/model';
import { Evaluator } from '../core/evaluate';
import { buildMainTopology } from './main';

export interface ResolvedHealthProbe {
  requestPath: string;
  port: number;
  intervalInSeconds: number;
  numberOfProbes: number;
}

function evaluator(parameterValues: Record<string, unknown>): Evaluator {
  const names = new Set(buildMainTopology().template.parameters.map((parameter) => parameter.name));
  const unknown = Object.keys(parameterValues).filter((name) => !names.has(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown main template parameter(s) ${unknown.join(', ')}: use one of ${[...names].join(', ')}`);
  }
  return new Evaluator({ parameterValues });
}

/** Resolves the `properties` of the main template's autoscale setting. */
export function resolvedAutoscaleSetting(parameterValues: Record<string, unknown> = {}): AutoscaleSettingProperties {
  const { autoscale } = buildMainTopology();
  return evaluator(parameterValues).evaluate(autoscale.body.properties) as AutoscaleSettingProperties;
}

/** Resolves the load balancer's readiness probe. */
export function resolvedHealthProbe(parameterValues: Record<string, unknown> = {}): ResolvedHealthProbe {
  const { loadBalancer } = buildMainTopology();
  const properties = evaluator(parameterValues).evaluate(loadBalancer.body.properties) as {
    probes: Array<{ properties: ResolvedHealthProbe }>;
  };
  const { requestPath, port, intervalInSeconds, numberOfProbes } = properties.probes[0].properties;
  return { requestPath, port, intervalInSeconds, numberOfProbes };
}
