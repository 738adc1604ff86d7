/** Draws a monitor snapshot as fixed-width text. */
import type { InstanceRow, MonitorSnapshot, Section } from './snapshot';

/** Age as the largest whole unit pair: `45s`, `12m`, `3h05m`, `2d04h`. */
export function formatAge(from: Date | undefined, now: Date): string {
  if (!from) {
    return '?';
  }
  const seconds = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  }
  return `${Math.floor(hours / 24)}d${String(hours % 24).padStart(2, '0')}h`;
}

function percent(value: number | undefined): string {
  return value === undefined ? '-' : `${value.toFixed(1)} %`;
}

function unavailable<T>(section: Section<T>): string | undefined {
  return section.ok ? undefined : `  unavailable: ${section.error}`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]): string => `  ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

function instanceLines(rows: InstanceRow[], snapshot: MonitorSnapshot): string[] {
  if (rows.length === 0) {
    return ['  no instances'];
  }
  return table(
    ['NAME', 'PROVISIONING', 'HEALTH', 'POWER', 'AGE', 'CPU 1 MIN', `CPU ${snapshot.window}`],
    rows.map((row) => [
      row.name,
      row.provisioningState,
      row.health,
      row.powerState,
      formatAge(row.timeCreated, snapshot.takenAt),
      percent(row.cpuLatest),
      percent(row.cpuWindowAverage),
    ]),
  );
}

/** Renders the whole snapshot. Every section appears, with its error when it could not be read. */
export function renderSnapshot(snapshot: MonitorSnapshot): string {
  const lines: string[] = [];
  lines.push(`Scale set ${snapshot.vmssName} in ${snapshot.resourceGroup} at ${snapshot.takenAt.toISOString()}`);
  lines.push(`App: ${snapshot.appUrl ?? 'unknown'}`);
  lines.push('');

  const instanceCount = snapshot.instances.ok ? ` (${snapshot.instances.value.length})` : '';
  lines.push(`Instances${instanceCount}`);
  lines.push(...(snapshot.instances.ok ? instanceLines(snapshot.instances.value, snapshot) : [unavailable(snapshot.instances) ?? '']));
  lines.push(
    snapshot.scaleSetCpu.ok
      ? `  Scale set Percentage CPU, average over ${snapshot.window} (the autoscale window): ${percent(snapshot.scaleSetCpu.value)}`
      : `  Scale set Percentage CPU: unavailable: ${snapshot.scaleSetCpu.error}`,
  );
  lines.push('');

  lines.push('Autoscale rules');
  if (snapshot.autoscale.ok) {
    if (!snapshot.autoscale.value.enabled) {
      lines.push('  autoscale setting is DISABLED');
    }
    for (const profile of snapshot.autoscale.value.profiles) {
      lines.push(`  profile ${profile.name}: minimum ${profile.minimum}, default ${profile.default}, maximum ${profile.maximum}`);
      for (const rule of profile.rules) {
        lines.push(
          `    ${rule.direction.padEnd(9)} ${rule.change.padEnd(4)} when ${rule.metricName} (${rule.statistic} per grain, ` +
            `${rule.timeAggregation} over ${rule.timeWindow}) ${rule.operator} ${rule.threshold}; cooldown ${rule.cooldown}`,
        );
      }
    }
  } else {
    lines.push(unavailable(snapshot.autoscale) ?? '');
  }
  lines.push('');

  lines.push(`Autoscale events in the last ${snapshot.eventHours} h`);
  if (snapshot.events.ok) {
    if (snapshot.events.value.length === 0) {
      lines.push('  none');
    }
    for (const event of snapshot.events.value.slice(0, 10)) {
      const capacity = `${event.oldCapacity ?? '?'} -> ${event.newCapacity ?? '?'}`;
      lines.push(`  ${event.time.toISOString()}  ${event.direction.padEnd(9)}  ${capacity.padEnd(7)}  ${event.status}`);
    }
  } else {
    lines.push(unavailable(snapshot.events) ?? '');
  }
  lines.push('');

  lines.push('Visits per instance (app /api/instances)');
  if (snapshot.visits.ok) {
    const total = snapshot.visits.value.reduce((sum, row) => sum + row.visits, 0);
    const rows = snapshot.visits.value.map((row) => [row.instance, String(row.visits), `${formatAge(row.lastSeen, snapshot.takenAt)} ago`]);
    lines.push(...table(['INSTANCE', 'VISITS', 'LAST SEEN'], rows));
    lines.push(`  total ${total}`);
  } else {
    lines.push(unavailable(snapshot.visits) ?? '');
  }

  return `${lines.join('\n')}\n`;
}
