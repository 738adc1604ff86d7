import { languages, strings, type Language, type StringKey } from './strings';

export type Params = Record<string, string | number>;

const storageKey = 'vmss-autoscaling.language';
const listeners: Array<() => void> = [];
let current: Language = 'en';

function isLanguage(value: string | null | undefined): value is Language {
  return (languages as readonly string[]).includes(value ?? '');
}

/**
 * Chooses the language: the one stored by the switch, else the first of the
 * browser's preferred languages (the same list it sends as Accept-Language)
 * that the page has, else English.
 */
export function detectLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(storageKey);
  } catch {
    // Storage can be blocked by the browser's privacy settings: fall back to the preferences.
  }
  if (isLanguage(stored)) {
    return stored;
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) {
      return primary;
    }
  }
  return 'en';
}

export function currentLanguage(): Language {
  return current;
}

/** Fills `{name}` placeholders; numbers are formatted for the current language. */
export function t(key: StringKey, params: Params = {}): string {
  return strings[current][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) {
      return whole;
    }
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** Picks the `.one` or `.other` form of `base` for `count`. */
export function plural(base: string, count: number, params: Params = {}): string {
  const form = new Intl.PluralRules(current).select(count) === 'one' ? 'one' : 'other';
  return t(`${base}.${form}` as StringKey, { ...params, count });
}

/** Formats a number for the current language with up to `maximumFractionDigits` decimals. */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(current, { maximumFractionDigits }).format(value);
}

/** Formats a number with exactly `fractionDigits` decimals, so figures that change keep their width. */
export function formatFixed(value: number, fractionDigits: number): string {
  return new Intl.NumberFormat(current, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

/**
 * Formats how long ago `date` was, such as "12 sec. ago" or "hace 12 s". A
 * date slightly ahead of this browser's clock counts as now.
 */
export function formatAgo(date: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  const format = new Intl.RelativeTimeFormat(current, { numeric: 'auto', style: 'short' });
  if (seconds < 60) {
    return format.format(-seconds, 'second');
  }
  if (seconds < 3600) {
    return format.format(-Math.floor(seconds / 60), 'minute');
  }
  if (seconds < 86_400) {
    return format.format(-Math.floor(seconds / 3600), 'hour');
  }
  return format.format(-Math.floor(seconds / 86_400), 'day');
}

/**
 * Sets an element's text from a key and remembers both, so that a language
 * switch rewrites it.
 */
export function setText(element: HTMLElement, key: StringKey, params: Params = {}): void {
  element.dataset.i18n = key;
  if (Object.keys(params).length > 0) {
    element.dataset.i18nParams = JSON.stringify(params);
  } else {
    delete element.dataset.i18nParams;
  }
  element.textContent = t(key, params);
}

/** Registers a function that redraws text built from several strings. */
export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

/**
 * Switches every `data-i18n` text, the document language and the title, then
 * calls the registered listeners.
 */
export function applyLanguage(language: Language, remember: boolean): void {
  current = language;
  if (remember) {
    try {
      window.localStorage.setItem(storageKey, language);
    } catch {
      // Without storage the choice lasts until the page is reloaded.
    }
  }
  document.documentElement.lang = language;
  document.title = t('page.title');

  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const params = element.dataset.i18nParams ? (JSON.parse(element.dataset.i18nParams) as Params) : {};
    element.textContent = t(element.dataset.i18n as StringKey, params);
  }
  for (const listener of listeners) {
    listener();
  }
}
