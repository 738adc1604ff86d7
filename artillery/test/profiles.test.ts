import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTILLERY_DIR,
  ENVIRONMENT_NAMES,
  PROFILE_NAMES,
  listScriptRequests,
  profilePath,
  readProfile,
  type ArtilleryScript,
} from '../profiles';

interface EnsureConfig {
  thresholds?: Array<Record<string, number>>;
  conditions?: Array<{ expression: string }>;
}

const processor = require('../processor.js') as Record<string, unknown>;

function plugins(script: ArtilleryScript, environment?: string): Record<string, unknown> {
  const base = (script.config.plugins ?? {}) as Record<string, unknown>;
  const overlay = environment ? ((script.config.environments?.[environment]?.plugins ?? {}) as Record<string, unknown>) : {};
  return { ...base, ...overlay };
}

function ensureOf(script: ArtilleryScript, environment: string): EnsureConfig {
  const base = ((script.config.plugins as Record<string, unknown> | undefined)?.ensure ?? {}) as EnsureConfig;
  const overlay = ((script.config.environments?.[environment]?.plugins as Record<string, unknown> | undefined)?.ensure ?? {}) as EnsureConfig;
  return {
    thresholds: [...(base.thresholds ?? []), ...(overlay.thresholds ?? [])],
    conditions: [...(base.conditions ?? []), ...(overlay.conditions ?? [])],
  };
}

function hookNames(script: ArtilleryScript): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, nested] of Object.entries(value)) {
        if (['beforeRequest', 'afterResponse', 'beforeScenario', 'afterScenario', 'function'].includes(key)) {
          [nested].flat().forEach((name) => names.add(String(name)));
        } else {
          visit(nested);
        }
      }
    }
  };
  visit(script.scenarios);
  return [...names];
}

describe.each(PROFILE_NAMES)('profile %s', (name) => {
  const script = readProfile(name);

  it('parses with scenarios that send requests', () => {
    expect(existsSync(profilePath(name))).toBe(true);
    expect(listScriptRequests(script).length).toBeGreaterThan(0);
  });

  it('uses the processor beside it and only hooks it exports', () => {
    expect(script.config.processor).toBe('./processor.js');
    expect(existsSync(join(ARTILLERY_DIR, 'processor.js'))).toBe(true);
    for (const hook of hookNames(script)) {
      expect(typeof processor[hook]).toBe('function');
    }
  });

  it('enables metrics-by-endpoint', () => {
    expect(plugins(script)).toHaveProperty('metrics-by-endpoint');
  });

  it.each(ENVIRONMENT_NAMES)('defines the %s environment with phases', (environment) => {
    const definition = script.config.environments?.[environment];
    expect(definition).toBeDefined();
    const phases = (definition?.phases ?? script.config.phases) as Array<Record<string, unknown>> | undefined;
    expect(Array.isArray(phases)).toBe(true);
    for (const phase of phases ?? []) {
      expect(Number(phase.duration)).toBeGreaterThan(0);
      expect(Number(phase.arrivalRate ?? phase.arrivalCount)).toBeGreaterThan(0);
    }
  });

  it('keeps phases out of the base config when environments define them', () => {
    // Artillery merges an environment into config with lodash merge, which merges arrays
    // index by index: base phases would leak into an environment with fewer phases.
    const environmentsWithPhases = ENVIRONMENT_NAMES.filter((environment) => script.config.environments?.[environment]?.phases);
    if (environmentsWithPhases.length > 0) {
      expect(script.config.phases).toBeUndefined();
    }
  });

  it.each(ENVIRONMENT_NAMES)('ensures p99 and 5xx limits in the %s environment', (environment) => {
    const ensure = ensureOf(script, environment);
    const thresholdNames = (ensure.thresholds ?? []).flatMap((threshold) => Object.keys(threshold));
    expect(thresholdNames).toContain('http.response_time.p99');
    const expressions = (ensure.conditions ?? []).map((condition) => condition.expression);
    expect(expressions).toContain('not (http.codes.500 > 0)');
    expect(expressions.some((expression) => expression.includes('http.response_time.5xx.count'))).toBe(true);
  });

  it('targets only loopback by itself', () => {
    const target = script.config.environments?.local?.target;
    expect(target).toBe('http://127.0.0.1:8080');
    expect(script.config.target).toBeUndefined();
    expect(script.config.environments?.azure?.target).toBeUndefined();
  });
});

describe('smoke profile', () => {
  it('checks every request with expectations', () => {
    const script = readProfile('smoke');
    expect(plugins(script)).toHaveProperty('expect');
    for (const scenario of script.scenarios) {
      for (const step of scenario.flow as Array<Record<string, { expect?: unknown[] }>>) {
        const request = Object.values(step)[0];
        expect(Array.isArray(request.expect)).toBe(true);
        expect(request.expect?.length).toBeGreaterThan(0);
      }
    }
  });
});
