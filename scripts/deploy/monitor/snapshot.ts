/** The data of one monitor refresh, kept apart from how it is fetched and drawn. */

export interface InstanceRow {
  name: string;
  id: string;
  provisioningState: string;
  /** Application Health extension state, such as `healthy`, or `unknown` when none is reported. */
  health: string;
  powerState: string;
  timeCreated?: Date;
  /** Latest one-minute average of Percentage CPU. */
  cpuLatest?: number;
  /** Average of the one-minute averages over the autoscale window. */
  cpuWindowAverage?: number;
}

export interface RuleRow {
  direction: string;
  change: string;
  metricName: string;
  statistic: string;
  timeAggregation: string;
  timeWindow: string;
  operator: string;
  threshold: number;
  cooldown: string;
}

export interface ProfileRow {
  name: string;
  minimum: string;
  maximum: string;
  default: string;
  rules: RuleRow[];
}

export interface ScaleEvent {
  time: Date;
  direction: 'scale out' | 'scale in';
  oldCapacity?: number;
  newCapacity?: number;
  status: string;
}

export interface VisitRow {
  instance: string;
  visits: number;
  lastSeen?: Date;
}

/** A section's data, or the reason it could not be read. */
export type Section<T> = { ok: true; value: T } | { ok: false; error: string };

export interface MonitorSnapshot {
  takenAt: Date;
  resourceGroup: string;
  appUrl?: string;
  vmssName: string;
  /** Autoscale time window used for the CPU averages, such as PT5M. */
  window: string;
  instances: Section<InstanceRow[]>;
  scaleSetCpu: Section<number | undefined>;
  autoscale: Section<{ enabled: boolean; profiles: ProfileRow[] }>;
  events: Section<ScaleEvent[]>;
  /** How far back the events go, in hours. */
  eventHours: number;
  visits: Section<VisitRow[]>;
}
