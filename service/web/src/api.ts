/**
 * Calls to the service's JSON API. Every response body carries `instance_id`,
 * the instance that answered; each call reports it to `onInstance` so the page
 * can show which instance served each refresh.
 */

export type JsonObject = Record<string, unknown>;

export type ApiResponse =
  | { ok: true; status: number; body: JsonObject }
  | { ok: false; status: number; body: JsonObject; message: string; retryAfterSeconds?: number }
  | { ok: false; status: 0; body: JsonObject; message: string; networkError: true };

let instanceListener: (instanceId: string) => void = () => undefined;

export function onInstance(listener: (instanceId: string) => void): void {
  instanceListener = listener;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sends a request and parses its JSON body; never throws. */
export async function request(method: 'GET' | 'POST', path: string, body?: JsonObject): Promise<ApiResponse> {
  const init: RequestInit = { method, headers: { Accept: 'application/json' }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, body: {}, message: 'network error', networkError: true };
  }

  let parsed: unknown = {};
  try {
    parsed = await response.json();
  } catch {
    parsed = {};
  }
  const json = isObject(parsed) ? parsed : {};
  if (typeof json.instance_id === 'string') {
    instanceListener(json.instance_id);
  }
  if (response.ok) {
    return { ok: true, status: response.status, body: json };
  }

  const retryAfter = Number(response.headers.get('Retry-After'));
  return {
    ok: false,
    status: response.status,
    body: json,
    message: typeof json.error === 'string' ? json.error : response.statusText,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
}

/** Reads the first numeric value found at one of the dotted `paths` (`load.0` indexes a list). */
export function pickNumber(source: unknown, paths: string[]): number | undefined {
  for (const path of paths) {
    let value: unknown = source;
    for (const part of path.split('.')) {
      if (Array.isArray(value)) {
        value = value[Number(part)];
      } else {
        value = isObject(value) ? value[part] : undefined;
      }
    }
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value;
    }
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      return Number(value);
    }
  }
  return undefined;
}

export function pickString(source: unknown, keys: string[]): string | undefined {
  if (!isObject(source)) {
    return undefined;
  }
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string' && value !== '') {
      return value;
    }
    if (typeof value === 'number') {
      return String(value);
    }
  }
  return undefined;
}

export function pickArray(source: unknown, keys: string[]): unknown[] {
  if (Array.isArray(source)) {
    return source;
  }
  for (const key of keys) {
    const value = isObject(source) ? source[key] : undefined;
    if (Array.isArray(value)) {
      return value;
    }
  }
  return [];
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Reads the field errors of a 400 `{error, details}` body. `details` may be a
 * list of `{field|path|key, message}` objects, a map from field to message,
 * or a single message; the result names one field per entry.
 */
export function fieldErrors(body: JsonObject): FieldError[] {
  const details = body.details;
  if (Array.isArray(details)) {
    return details.flatMap((entry): FieldError[] => {
      if (typeof entry === 'string') {
        return [{ field: '', message: entry }];
      }
      const rawField = isObject(entry) ? (entry.field ?? entry.path ?? entry.key ?? entry.name) : undefined;
      const field = Array.isArray(rawField) ? rawField.join('.') : String(rawField ?? '');
      const message = pickString(entry, ['message', 'error', 'detail']) ?? '';
      return [{ field, message }];
    });
  }
  if (isObject(details)) {
    return Object.entries(details).map(([field, message]) => ({
      field,
      message: Array.isArray(message) ? message.join(' ') : String(message),
    }));
  }
  if (typeof details === 'string') {
    return [{ field: '', message: details }];
  }
  return [];
}
