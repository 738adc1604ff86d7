/**
 * Calls to the service's JSON API. Every response names the instance that
 * sent it (`instance_id` in the body, `X-Instance-Id` header). Each call
 * reports that instance to `onInstance`, so the page can show which instance
 * served each refresh.
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

/** Sends a request and parses its JSON body. A network error becomes a result with status 0, not an exception. */
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
  // The service also names the instance in a header, which error responses without a JSON body still carry.
  const instanceId = typeof json.instance_id === 'string' ? json.instance_id : response.headers.get('X-Instance-Id');
  if (instanceId) {
    instanceListener(instanceId);
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
 * Reads the field errors of a 400 `{error, details}` body, where `details`
 * lists `{field, message}` objects; anything else yields no field error.
 */
export function fieldErrors(body: JsonObject): FieldError[] {
  if (!Array.isArray(body.details)) {
    return [];
  }
  return body.details.map((entry: unknown) => ({
    field: pickString(entry, ['field']) ?? '',
    message: pickString(entry, ['message']) ?? '',
  }));
}
