import { byId, element } from './dom';
import { instanceBadge } from './instance-colour';
import { setText } from './i18n';

/** Number of responses kept in the "latest responses" strip. */
const historyLength = 8;

const history: string[] = [];

/** Records the instance that sent a response and redraws the panel. */
export function recordServingInstance(instanceId: string): void {
  history.unshift(instanceId);
  history.length = Math.min(history.length, historyLength);

  byId('served-current').replaceChildren(instanceBadge(instanceId));

  const list = byId('served-history');
  list.replaceChildren(
    ...history.map((id) => {
      const item = element('li');
      item.append(instanceBadge(id));
      return item;
    }),
  );
  byId('served-status').textContent = '';
}

/** Shows that a refresh failed, and keeps the last known instance on display. */
export function recordUnreachable(): void {
  setText(byId('served-status'), 'served.unreachable');
}
