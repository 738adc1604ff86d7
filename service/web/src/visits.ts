import { pickArray, pickNumber, pickString, request } from './api';
import { byId, element } from './dom';
import { instanceBadge } from './instance-colour';
import { formatNumber, formatTime } from './i18n';

/** Rows shown in the recent visits table; the API accepts 1 to 100. */
const recentLimit = 10;

interface Visit {
  time?: Date;
  name?: string;
  company?: string;
  purpose?: string;
  instanceId?: string;
}

let lastTotal: number | undefined;
let lastVisits: Visit[] = [];

function parseDate(value: string | undefined): Date | undefined {
  if (value === undefined) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function parseVisit(raw: unknown): Visit {
  return {
    time: parseDate(pickString(raw, ['created_at'])),
    name: pickString(raw, ['name']),
    company: pickString(raw, ['company']),
    purpose: pickString(raw, ['purpose']),
    instanceId: pickString(raw, ['instance_id']),
  };
}

function cell(text: string | undefined): HTMLTableCellElement {
  // An empty value is shown as a dash, which needs no translation.
  return element('td', undefined, text ?? '—');
}

/** Redraws the total and the table from the last response, in the current language. */
export function renderVisits(): void {
  byId('total-visits').textContent = lastTotal === undefined ? '–' : formatNumber(lastTotal);

  const rows = lastVisits.map((visit) => {
    const row = element('tr');
    const instance = element('td');
    if (visit.instanceId) {
      instance.append(instanceBadge(visit.instanceId));
    } else {
      instance.textContent = '—';
    }
    row.append(
      cell(visit.time ? formatTime(visit.time) : undefined),
      cell(visit.name),
      cell(visit.company),
      cell(visit.purpose),
      instance,
    );
    return row;
  });
  byId('recent-visits').replaceChildren(...rows);
  byId('recent-empty').hidden = lastVisits.length > 0 || lastTotal === undefined;
}

/** Shows a total known before the next refresh, such as the one a new visit returns. */
export function showTotal(total: number): void {
  lastTotal = total;
  renderVisits();
}

/** Fetches the total and the recent visits; returns false when the request failed. */
export async function refreshVisits(): Promise<boolean> {
  const response = await request('GET', `/api/visits?limit=${recentLimit}`);
  if (!response.ok) {
    return false;
  }
  lastTotal = pickNumber(response.body, ['total_visits']);
  lastVisits = pickArray(response.body, ['recent_visits']).map(parseVisit);
  renderVisits();
  return true;
}
