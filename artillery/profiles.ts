/**
 * The Artillery load profiles of this folder: their names, their files and the
 * HTTP requests their scenarios send.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const PROFILE_NAMES = ['smoke', 'spike', 'ramp', 'soak', 'stress'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Each profile defines these Artillery environments: `azure` sized for Standard_B1s instances, `local` for a laptop. */
export const ENVIRONMENT_NAMES = ['azure', 'local'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

export const ARTILLERY_DIR = __dirname;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** The parts of an Artillery test script that the tools here read; the rest stays untyped. */
export interface ArtilleryScript {
  config: Record<string, unknown> & {
    environments?: Record<string, Record<string, unknown>>;
    phases?: Array<Record<string, unknown>>;
  };
  scenarios: Array<{ name?: string; weight?: number; flow: unknown[] }>;
}

/** One request step of a scenario flow. */
export interface ProfileRequest {
  scenario: string;
  /** Upper case, as routers list them: GET, POST. */
  method: string;
  /** The URL as written in the profile, query string included. */
  url: string;
  /** The URL without its query string. */
  path: string;
}

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

export function profilePath(name: ProfileName): string {
  return join(ARTILLERY_DIR, `${name}.yml`);
}

/** Parses a test script file; throws naming the file when it lacks `config` or `scenarios`. */
export function readScript(path: string): ArtilleryScript {
  const parsed: unknown = parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) {
    throw new Error(`${path}: expected a YAML mapping with config and scenarios`);
  }
  const script = parsed as Partial<ArtilleryScript>;
  if (typeof script.config !== 'object' || script.config === null) {
    throw new Error(`${path}: missing the config section`);
  }
  if (!Array.isArray(script.scenarios) || script.scenarios.length === 0) {
    throw new Error(`${path}: missing the scenarios list`);
  }
  for (const [index, scenario] of script.scenarios.entries()) {
    if (!Array.isArray(scenario.flow)) {
      throw new Error(`${path}: scenario ${scenario.name ?? index} has no flow list`);
    }
  }
  return script as ArtilleryScript;
}

export function readProfile(name: ProfileName): ArtilleryScript {
  return readScript(profilePath(name));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects the request steps of a flow, descending into `loop` and `parallel` blocks. */
function collectRequests(scenario: string, steps: unknown[], into: ProfileRequest[]): void {
  for (const step of steps) {
    if (!isRecord(step)) {
      continue;
    }
    for (const method of HTTP_METHODS) {
      const request = step[method];
      if (isRecord(request) && typeof request.url === 'string') {
        const url = request.url;
        into.push({ scenario, method: method.toUpperCase(), url, path: url.split('?')[0] });
      }
    }
    for (const nested of ['loop', 'parallel']) {
      const block = step[nested];
      if (Array.isArray(block)) {
        collectRequests(scenario, block, into);
      }
    }
  }
}

/** Lists every request step of every scenario, in file order. */
export function listScriptRequests(script: ArtilleryScript): ProfileRequest[] {
  const requests: ProfileRequest[] = [];
  for (const [index, scenario] of script.scenarios.entries()) {
    collectRequests(scenario.name ?? `scenario ${index}`, scenario.flow, requests);
  }
  return requests;
}
