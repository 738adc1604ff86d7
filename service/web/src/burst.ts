import { pickString, request } from './api';
import { byId, element } from './dom';
import { instanceBadge } from './instance-colour';
import { formatNumber, onLanguageChange, plural, setText, t } from './i18n';

/** Visits sent at once; a browser opens at most 6 HTTP/1.1 connections per host, the rest queue. */
const burstSize = 50;

interface BurstResult {
  registered: number;
  byInstance: Map<string, number>;
  failures: Map<string, number>;
}

let last: BurstResult | undefined;

function render(): void {
  const status = byId('burst-status');
  const list = byId('burst-instances');
  if (!last) {
    return;
  }
  const instances = [...last.byInstance.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const summary = plural('burst.answered', instances.length, {
    registered: last.registered,
    sent: burstSize,
    list: instances.map(([id, count]) => `${id} (${formatNumber(count)})`).join(', '),
  });
  const failed = [...last.failures.values()].reduce((sum, count) => sum + count, 0);
  const reasons = [...last.failures.entries()].map(([reason, count]) => `${reason} × ${formatNumber(count)}`).join(', ');
  status.textContent = failed > 0 ? `${summary} ${t('burst.failed', { failed, reasons })}` : summary;
  status.classList.toggle('error', failed > 0);
  delete status.dataset.i18n;

  list.replaceChildren(
    ...instances.map(([id, count]) => {
      const item = element('li');
      item.append(instanceBadge(id), element('span', 'number', formatNumber(count)));
      return item;
    }),
  );
}

/** Wires the button that sends `burstSize` visits at once and reports which instances responded. */
export function setUpBurst(onDone: () => void): void {
  const button = byId<HTMLButtonElement>('burst-submit');
  onLanguageChange(render);

  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      const status = byId('burst-status');
      status.classList.remove('error');
      setText(status, 'burst.running');
      byId('burst-instances').replaceChildren();

      const responses = await Promise.all(Array.from({ length: burstSize }, () => request('POST', '/api/visit', {})));
      const result: BurstResult = { registered: 0, byInstance: new Map(), failures: new Map() };
      for (const response of responses) {
        if (response.ok) {
          result.registered += 1;
          const instanceId = pickString(response.body, ['instance_id']) ?? '?';
          result.byInstance.set(instanceId, (result.byInstance.get(instanceId) ?? 0) + 1);
        } else {
          const reason = response.status === 0 ? t('error.network') : `HTTP ${response.status}`;
          result.failures.set(reason, (result.failures.get(reason) ?? 0) + 1);
        }
      }
      last = result;
      button.disabled = false;
      render();
      onDone();
    })();
  });
}
