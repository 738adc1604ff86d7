import { pickNumber, pickString, request } from './api';
import { byId } from './dom';
import { formatFixed, setText } from './i18n';

// Bounds that /api/stress accepts. The service responds with 400 to values outside them, and a
// test compares these bounds with the service's.
export const stressBounds = {
  duration: { min: 1, max: 120, initial: 30 },
  intensity: { min: 1, max: 100, initial: 100 },
};

/** Writes the bounds into the labels and inputs, so both languages show them. */
function labelInputs(): void {
  for (const name of ['duration', 'intensity'] as const) {
    const bounds = stressBounds[name];
    const input = byId<HTMLInputElement>(`stress-${name}`);
    input.min = String(bounds.min);
    input.max = String(bounds.max);
    if (input.value === '') {
      input.value = String(bounds.initial);
    }
    setText(byId(`stress-${name}-label`), `stress.${name}`, { min: bounds.min, max: bounds.max });
  }
}

/** Disables the whole stress form and shows why in its status line. */
function disableStress(reason: 'stress.unavailable' | 'stress.disabled'): void {
  for (const id of ['stress-duration', 'stress-intensity', 'stress-submit']) {
    byId<HTMLInputElement | HTMLButtonElement>(id).disabled = true;
  }
  const status = byId('stress-status');
  status.classList.add('error');
  setText(status, reason);
}

/** Requests the API description to check whether this server runs stress jobs, and disables the form when it does not. */
async function checkStressEnabled(): Promise<void> {
  const response = await request('GET', '/');
  // Only an explicit false disables the form, because an older server without the field still runs stress jobs.
  if (response.ok && response.body.stress_enabled === false) {
    disableStress('stress.unavailable');
  }
}

/** Wires the stress form: one request that lasts the whole duration, with a progress bar meanwhile. */
export function setUpStress(): void {
  labelInputs();
  void checkStressEnabled();
  const form = byId<HTMLFormElement>('stress-form');
  const submit = byId<HTMLButtonElement>('stress-submit');
  const progress = byId<HTMLProgressElement>('stress-progress');
  // The ticking text stays out of the live region, which announces only the outcome.
  const progressText = byId('stress-progress-text');
  const status = byId('stress-status');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const duration = Number(byId<HTMLInputElement>('stress-duration').value);
    const intensity = Number(byId<HTMLInputElement>('stress-intensity').value);

    void (async () => {
      submit.disabled = true;
      status.classList.remove('error');
      status.replaceChildren();
      progress.hidden = false;
      progress.value = 0;
      const started = performance.now();

      // The server responds only when the job ends, so progress is the time elapsed since the request left.
      const showProgress = (): void => {
        const elapsed = (performance.now() - started) / 1000;
        const fraction = Number.isFinite(duration) && duration > 0 ? Math.min(elapsed / duration, 0.99) : 0;
        progress.value = fraction * 100;
        setText(progressText, 'stress.running', { elapsed: Math.floor(elapsed), duration: Number.isFinite(duration) ? duration : '?' });
      };
      showProgress();
      const timer = window.setInterval(showProgress, 250);

      const query = new URLSearchParams({ duration: String(duration), intensity: String(intensity) });
      const response = await request('POST', `/api/stress?${query.toString()}`);
      window.clearInterval(timer);
      submit.disabled = false;
      progress.value = response.ok ? 100 : 0;
      progress.hidden = !response.ok;
      progressText.replaceChildren();
      delete progressText.dataset.i18n;

      if (response.ok) {
        setText(status, 'stress.finished', {
          instance: pickString(response.body, ['instance_id']) ?? '?',
          operations: pickNumber(response.body, ['operations']) ?? 0,
          seconds: formatFixed((pickNumber(response.body, ['elapsed_ms']) ?? 0) / 1000, 1),
        });
        return;
      }

      status.classList.add('error');
      if (response.status === 429) {
        setText(status, 'stress.busy', { seconds: response.retryAfterSeconds ?? '?' });
      } else if (response.status === 404) {
        disableStress('stress.disabled');
      } else if (response.status === 0) {
        setText(status, 'error.network');
      } else {
        setText(status, 'error.http', { status: response.status, message: response.message });
      }
    })();
  });
}
