import { fieldErrors, pickNumber, pickString, request, type JsonObject } from './api';
import { byId } from './dom';
import { setText } from './i18n';
import type { StringKey } from './strings';

const fields = ['name', 'email', 'company', 'purpose'] as const;

function clearErrors(): void {
  for (const field of fields) {
    const input = byId<HTMLInputElement>(`visit-${field}`);
    input.removeAttribute('aria-invalid');
    const error = byId(`visit-${field}-error`);
    error.hidden = true;
    error.replaceChildren();
  }
}

/**
 * Shows a server message under its field. The message comes from the API in
 * English, so it is marked `lang="en"` after a prefix in the page's language.
 */
function showFieldError(field: (typeof fields)[number], message: string): void {
  const input = byId<HTMLInputElement>(`visit-${field}`);
  input.setAttribute('aria-invalid', 'true');

  const error = byId(`visit-${field}-error`);
  const prefix = document.createElement('span');
  setText(prefix, 'form.fieldRejected');
  const detail = document.createElement('span');
  detail.lang = 'en';
  detail.textContent = message;
  error.replaceChildren(prefix, ' ', detail);
  error.hidden = false;
}

/** Wires the visit form: posts to /api/visit and calls `onRegistered` with the new total. */
export function setUpVisitForm(onRegistered: (totalVisits: number | undefined) => void): void {
  const form = byId<HTMLFormElement>('visit-form');
  const submit = byId<HTMLButtonElement>('visit-submit');
  const status = byId('visit-status');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      clearErrors();
      submit.disabled = true;
      status.classList.remove('error');
      setText(status, 'form.sending');

      const body: JsonObject = {};
      for (const field of fields) {
        const value = byId<HTMLInputElement>(`visit-${field}`).value;
        if (value.trim() !== '') {
          body[field] = value;
        }
      }
      const response = await request('POST', '/api/visit', body);
      submit.disabled = false;

      if (response.ok) {
        const total = pickNumber(response.body, ['total_visits']);
        setText(status, 'form.registered', {
          id: pickString(response.body, ['id']) ?? '?',
          instance: pickString(response.body, ['instance_id']) ?? '?',
          total: total ?? '?',
        });
        form.reset();
        onRegistered(total);
        return;
      }

      if (response.status === 400) {
        const errors = fieldErrors(response.body);
        const unplaced: string[] = [];
        for (const { field, message } of errors) {
          const known = fields.find((name) => name === field || field.endsWith(`.${name}`));
          if (known) {
            showFieldError(known, message);
          } else {
            unplaced.push(message);
          }
        }
        status.classList.add('error');
        if (unplaced.length === 0 && errors.length > 0) {
          setText(status, 'form.rejected');
          const firstInvalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
          firstInvalid?.focus();
          return;
        }
        setText(status, 'error.http', { status: 400, message: [response.message, ...unplaced].join(' ') });
        return;
      }

      const key: StringKey = response.status === 0 ? 'error.network' : 'error.http';
      setText(status, key, { status: response.status, message: response.message });
      status.classList.add('error');
    })();
  });
}
