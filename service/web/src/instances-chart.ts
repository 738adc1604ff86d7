import { pickArray, pickNumber, pickString, request } from './api';
import { byId, element } from './dom';
import { instanceBadge, instanceColour } from './instance-colour';
import { formatAgo, formatFixed, formatNumber, formatTime } from './i18n';

interface InstanceVisits {
  instanceId: string;
  visits: number;
  lastSeen?: Date;
}

let lastInstances: InstanceVisits[] = [];

function parseInstance(raw: unknown): InstanceVisits | undefined {
  const instanceId = pickString(raw, ['instance_id']);
  if (instanceId === undefined) {
    return undefined;
  }
  const seen = pickString(raw, ['last_seen']);
  const lastSeen = seen === undefined ? undefined : new Date(seen);
  return {
    instanceId,
    visits: pickNumber(raw, ['visits']) ?? 0,
    lastSeen: lastSeen && !Number.isNaN(lastSeen.getTime()) ? lastSeen : undefined,
  };
}

/** Redraws the bars: one row per instance, most visits first, ids in text beside each bar. */
export function renderInstances(): void {
  const total = lastInstances.reduce((sum, instance) => sum + instance.visits, 0);

  const rows = lastInstances.map((instance) => {
    const share = total > 0 ? (instance.visits / total) * 100 : 0;

    const name = element('th');
    name.scope = 'row';
    name.append(instanceBadge(instance.instanceId));

    const bar = element('span', 'bar');
    bar.style.width = `${share}%`;
    bar.style.backgroundColor = instanceColour(instance.instanceId);
    const track = element('span', 'bar-track');
    track.setAttribute('aria-hidden', 'true');
    track.append(bar);
    const shareCell = element('td', 'share');
    shareCell.append(track, element('span', 'share-text', `${formatFixed(share, 1)} %`));

    // Relative, so that an instance that stopped taking visits shows it at a glance.
    const lastSeen = element('td', undefined, instance.lastSeen ? undefined : '—');
    if (instance.lastSeen) {
      const time = element('time', undefined, formatAgo(instance.lastSeen));
      time.dateTime = instance.lastSeen.toISOString();
      lastSeen.append(time, element('span', 'muted', ` (${formatTime(instance.lastSeen)})`));
    }

    const row = element('tr');
    row.append(name, element('td', 'number', formatNumber(instance.visits)), shareCell, lastSeen);
    return row;
  });
  byId('instance-bars').replaceChildren(...rows);
  byId('chart-empty').hidden = lastInstances.length > 0;
}

/** Fetches visits per instance; returns false when the request failed. */
export async function refreshInstances(): Promise<boolean> {
  const response = await request('GET', '/api/instances');
  if (!response.ok) {
    return false;
  }
  lastInstances = pickArray(response.body, ['instances'])
    .map(parseInstance)
    .filter((instance): instance is InstanceVisits => instance !== undefined)
    .sort((a, b) => b.visits - a.visits || a.instanceId.localeCompare(b.instanceId));
  renderInstances();
  return true;
}
