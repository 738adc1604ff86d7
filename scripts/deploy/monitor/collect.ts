/**
 * Gathers one monitor snapshot: instances and their health from `az vm list`
 * and `az vm get-instance-view`, CPU from `az monitor metrics list`, the rules
 * from `az monitor autoscale show`, scale events from
 * `az monitor activity-log list`, and visits from the app's /api/instances.
 * Each section fails on its own, so one unreachable source leaves the rest.
 */
import type { AzRunner } from '../az';
import { describeError } from '../errors';
import { listScaleSetVms, type ScaleSetVm } from '../instances';
import { readCpu } from './metrics';
import type { InstanceRow, MonitorSnapshot, ProfileRow, ScaleEvent, Section, VisitRow } from './snapshot';

export interface CollectOptions {
  az: AzRunner;
  resourceGroup: string;
  vmssName: string;
  autoscaleSettingName: string;
  appUrl?: string;
  now: Date;
  /** Window for the CPU averages when the autoscale rules cannot be read. */
  fallbackWindow: string;
  /** How far back to list autoscale events, in hours. */
  eventHours: number;
  fetch?: typeof fetch;
}

async function section<T>(read: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

interface InstanceView {
  id?: string;
  name?: string;
  instanceView?: {
    vmHealth?: { status?: { code?: string } };
    statuses?: Array<{ code?: string }>;
  };
}

/** Turns the Application Health extension's code per VM, such as `HealthState/healthy`, into `healthy`. */
function healthOf(view: InstanceView | undefined): string {
  const code = view?.instanceView?.vmHealth?.status?.code;
  return code ? code.replace(/^HealthState\//, '') : 'unknown';
}

function powerOf(view: InstanceView | undefined): string {
  const code = view?.instanceView?.statuses?.find((status) => status.code?.startsWith('PowerState/'))?.code;
  return code ? code.replace(/^PowerState\//, '') : 'unknown';
}

async function readInstanceViews(az: AzRunner, vms: ScaleSetVm[]): Promise<Map<string, InstanceView>> {
  const views = new Map<string, InstanceView>();
  if (vms.length === 0) {
    return views;
  }
  // With one id az prints an object, with several a list.
  const result = (await az(['vm', 'get-instance-view', '--ids', ...vms.map((vm) => vm.id)])) as InstanceView | InstanceView[] | undefined;
  let list: InstanceView[] = [];
  if (Array.isArray(result)) {
    list = result;
  } else if (result) {
    list = [result];
  }
  for (const view of list) {
    if (view.id) {
      views.set(view.id.toLowerCase(), view);
    }
  }
  return views;
}

interface AutoscaleSettingJson {
  enabled?: boolean;
  targetResourceUri?: string;
  profiles?: Array<{
    name?: string;
    capacity?: { minimum?: string; maximum?: string; default?: string };
    rules?: Array<{
      metricTrigger?: {
        metricName?: string; statistic?: string; timeAggregation?: string; timeWindow?: string; operator?: string; threshold?: number;
      };
      scaleAction?: { direction?: string; type?: string; value?: string; cooldown?: string };
    }>;
  }>;
  properties?: AutoscaleSettingJson;
}

const DIRECTION_NAMES: Record<string, { name: string; sign: string }> = {
  Increase: { name: 'scale out', sign: '+' },
  Decrease: { name: 'scale in', sign: '-' },
};

/** Suffix of a scale action's value by its type. ChangeCount, the usual type, has none. */
const ACTION_TYPE_SUFFIXES: Record<string, string> = { PercentChangeCount: ' %', ExactCount: ' (exact)' };

function profilesOf(setting: AutoscaleSettingJson): ProfileRow[] {
  return (setting.profiles ?? []).map((profile) => ({
    name: profile.name ?? 'unnamed',
    minimum: profile.capacity?.minimum ?? '?',
    maximum: profile.capacity?.maximum ?? '?',
    default: profile.capacity?.default ?? '?',
    rules: (profile.rules ?? []).map((rule) => {
      const direction = rule.scaleAction?.direction ?? 'None';
      const named = DIRECTION_NAMES[direction];
      const suffix = ACTION_TYPE_SUFFIXES[rule.scaleAction?.type ?? ''] ?? '';
      return {
        direction: named?.name ?? direction,
        change: `${named?.sign ?? ''}${rule.scaleAction?.value ?? '?'}${suffix}`,
        metricName: rule.metricTrigger?.metricName ?? '?',
        statistic: rule.metricTrigger?.statistic ?? '?',
        timeAggregation: rule.metricTrigger?.timeAggregation ?? '?',
        timeWindow: rule.metricTrigger?.timeWindow ?? '?',
        operator: rule.metricTrigger?.operator ?? '?',
        threshold: rule.metricTrigger?.threshold ?? Number.NaN,
        cooldown: rule.scaleAction?.cooldown ?? '?',
      };
    }),
  }));
}

interface ActivityLogEvent {
  eventTimestamp?: string;
  operationName?: { value?: string };
  status?: { value?: string };
  properties?: Record<string, string | undefined>;
}

/** Reads a property whatever its casing: the activity log schema shows `OldInstancesCount`, some outputs `oldInstancesCount`. */
function propertyOf(properties: Record<string, string | undefined> | undefined, name: string): string | undefined {
  const key = Object.keys(properties ?? {}).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key ? properties?.[key] : undefined;
}

function toCount(value: string | undefined): number | undefined {
  return value === undefined || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
}

/**
 * Scale actions from the activity log, newest first. Autoscale writes them as
 * `Microsoft.Insights/AutoscaleSettings/Scaleup/Action` and `.../Scaledown/Action`
 * with OldInstancesCount and NewInstancesCount in `properties`, one event when
 * an action starts and one when it succeeds or fails, so both are listed
 * (https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema#autoscale-category).
 */
export function scaleEventsOf(events: ActivityLogEvent[]): ScaleEvent[] {
  const result: ScaleEvent[] = [];
  for (const event of events) {
    const operation = (event.operationName?.value ?? '').toLowerCase();
    let direction: ScaleEvent['direction'] | undefined;
    if (operation.endsWith('autoscalesettings/scaleup/action')) {
      direction = 'scale out';
    } else if (operation.endsWith('autoscalesettings/scaledown/action')) {
      direction = 'scale in';
    }
    if (!direction || !event.eventTimestamp) {
      continue;
    }
    result.push({
      time: new Date(event.eventTimestamp),
      direction,
      oldCapacity: toCount(propertyOf(event.properties, 'OldInstancesCount')),
      newCapacity: toCount(propertyOf(event.properties, 'NewInstancesCount')),
      status: event.status?.value ?? 'Unknown',
    });
  }
  return result.sort((a, b) => b.time.getTime() - a.time.getTime());
}

/** Visits per instance from the service's `GET /api/instances`: `{ instances: [{ instance_id, visits, last_seen }] }`. */
export function visitsOf(body: unknown): VisitRow[] {
  const list = (body as { instances?: unknown } | undefined)?.instances;
  if (!Array.isArray(list)) {
    throw new Error('the app returned no instances list from /api/instances');
  }
  return list
    .map((entry: { instance_id?: unknown; visits?: unknown; last_seen?: unknown }) => ({
      instance: String(entry.instance_id ?? '?'),
      visits: Number(entry.visits ?? 0),
      lastSeen: typeof entry.last_seen === 'string' ? new Date(entry.last_seen) : undefined,
    }))
    .sort((a, b) => a.instance.localeCompare(b.instance));
}

/** Gathers one snapshot. */
export async function collectSnapshot(options: CollectOptions): Promise<MonitorSnapshot> {
  const { az, resourceGroup, now } = options;
  const fetchImpl = options.fetch ?? fetch;

  const autoscaleJson = await section(async () => {
    const raw = (await az(['monitor', 'autoscale', 'show', '--resource-group', resourceGroup, '--name', options.autoscaleSettingName])) as
      | AutoscaleSettingJson
      | undefined;
    // Accepts the setting flattened, as az prints it, or under `properties`, as the REST API returns it.
    return raw?.properties ?? raw ?? {};
  });
  const profiles = autoscaleJson.ok ? profilesOf(autoscaleJson.value) : [];
  const window = profiles[0]?.rules.find((rule) => rule.metricName === 'Percentage CPU')?.timeWindow ?? options.fallbackWindow;

  const vmsSection = await section(() => listScaleSetVms(az, resourceGroup, options.vmssName));
  const instances = await section(async () => {
    if (!vmsSection.ok) {
      throw new Error(vmsSection.error);
    }
    const views = await readInstanceViews(az, vmsSection.value);
    const rows: InstanceRow[] = [];
    for (const vm of vmsSection.value) {
      const view = views.get(vm.id.toLowerCase());
      const cpu = await readCpu(az, vm.id, window, now).catch(() => ({ latest: undefined, windowAverage: undefined }));
      rows.push({
        name: vm.name,
        id: vm.id,
        provisioningState: vm.provisioningState ?? 'Unknown',
        health: healthOf(view),
        powerState: powerOf(view),
        timeCreated: vm.timeCreated ? new Date(vm.timeCreated) : undefined,
        cpuLatest: cpu.latest,
        cpuWindowAverage: cpu.windowAverage,
      });
    }
    return rows;
  });

  const scaleSetCpu = await section(async () => {
    const fromSetting = autoscaleJson.ok ? autoscaleJson.value.targetResourceUri : undefined;
    const fromVm = vmsSection.ok ? vmsSection.value[0]?.virtualMachineScaleSet?.id : undefined;
    const target = fromSetting ?? fromVm;
    if (!target) {
      throw new Error('scale set id unknown: neither the autoscale setting nor an instance names it');
    }
    return (await readCpu(az, target, window, now)).windowAverage;
  });

  const events = await section(async () => {
    const start = new Date(now.getTime() - options.eventHours * 3600_000);
    const list = (await az(['monitor', 'activity-log', 'list', '--resource-group', resourceGroup, '--start-time', start.toISOString()])) as
      | ActivityLogEvent[]
      | undefined;
    return scaleEventsOf(list ?? []);
  });

  const visits = await section(async () => {
    if (!options.appUrl) {
      throw new Error('the main deployment has no appUrl output');
    }
    const url = new URL('/api/instances', options.appUrl);
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
    } catch (error) {
      // fetch hides the socket error (ECONNREFUSED, timeout) in `cause`.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`GET ${url.href} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    if (!response.ok) {
      throw new Error(`GET ${url.href} returned HTTP ${response.status}`);
    }
    return visitsOf(await response.json());
  });

  return {
    takenAt: now,
    resourceGroup,
    appUrl: options.appUrl,
    vmssName: options.vmssName,
    window,
    instances,
    scaleSetCpu,
    autoscale: autoscaleJson.ok ? { ok: true, value: { enabled: autoscaleJson.value.enabled !== false, profiles } } : autoscaleJson,
    events,
    eventHours: options.eventHours,
    visits,
  };
}
