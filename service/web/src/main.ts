/**
 * Entry point of the page: picks the language, wires the forms and polls the
 * API. Every request goes to the origin that served the page.
 */
import { onInstance } from './api';
import { setUpBurst } from './burst';
import { byId } from './dom';
import { applyLanguage, detectLanguage, onLanguageChange } from './i18n';
import { refreshInstances, renderInstances } from './instances-chart';
import { refreshMetrics, renderMetrics } from './metrics';
import { recordServingInstance, recordUnreachable } from './served';
import { setUpStress } from './stress';
import { languages, type Language } from './strings';
import { setUpVisitForm } from './visit-form';
import { refreshVisits, renderVisits, showTotal } from './visits';

const dataIntervalMs = 5000;
const metricsIntervalMs = 2000;

/**
 * Runs `task` now and then `intervalMs` after each run ends, so slow responses
 * never pile up. The returned function runs it at once (after the run in
 * flight, if any) and restarts the interval.
 */
function poll(task: () => Promise<unknown>, intervalMs: number): () => void {
  let timer: number | undefined;
  let running = false;
  let runAgain = false;

  const run = async (): Promise<void> => {
    if (running) {
      runAgain = true;
      return;
    }
    running = true;
    window.clearTimeout(timer);
    try {
      await task();
    } finally {
      running = false;
    }
    if (runAgain) {
      runAgain = false;
      void run();
      return;
    }
    timer = window.setTimeout(() => void run(), intervalMs);
  };

  void run();
  return () => void run();
}

async function refreshData(): Promise<void> {
  const [visitsOk, instancesOk] = await Promise.all([refreshVisits(), refreshInstances()]);
  if (!visitsOk && !instancesOk) {
    recordUnreachable();
  }
}

function start(): void {
  const select = byId<HTMLSelectElement>('language');
  const language = detectLanguage();
  select.value = language;
  select.addEventListener('change', () => {
    if ((languages as readonly string[]).includes(select.value)) {
      applyLanguage(select.value as Language, true);
    }
  });
  onLanguageChange(renderVisits);
  onLanguageChange(renderInstances);
  onLanguageChange(renderMetrics);
  onInstance(recordServingInstance);

  setUpStress();
  applyLanguage(language, false);

  const refreshNow = poll(refreshData, dataIntervalMs);
  poll(refreshMetrics, metricsIntervalMs);
  setUpVisitForm((total) => {
    if (total !== undefined) {
      showTotal(total);
    }
    refreshNow();
  });
  setUpBurst(refreshNow);
}

start();
