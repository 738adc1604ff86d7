/** Validation of visit bodies and query parameters. Each problem names its field. */
import type { ParsedUrlQuery } from 'node:querystring';
import { ValidationError, type FieldProblem } from './errors';

export interface VisitInput {
  name: string | null;
  email: string | null;
  company: string | null;
  purpose: string | null;
}

/** Maximum length of each visit field, in characters. The table columns have the same sizes. */
export const VISIT_FIELD_LIMITS: Readonly<Record<keyof VisitInput, number>> = Object.freeze({
  name: 100,
  // RFC 5321 limits a forward path to 256 octets including the angle brackets.
  email: 254,
  company: 100,
  purpose: 500,
});

// A pragmatic check (one @, no spaces, a dot in the domain). Full RFC 5322 parsing rejects nothing useful here.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

// C0 control characters other than tab, line feed and carriage return. PostgreSQL text cannot store U+0000,
// and the others have no use in a form field, so the service rejects them all before any database query.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function describeCharacter(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates the optional body of POST /api/visit. Throws a ValidationError that lists every invalid field. */
export function parseVisitInput(body: unknown): VisitInput {
  const input: VisitInput = { name: null, email: null, company: null, purpose: null };
  if (body === undefined) {
    return input;
  }
  if (!isPlainObject(body)) {
    let kind = `a ${typeof body}`;
    if (Array.isArray(body)) {
      kind = 'an array';
    } else if (body === null) {
      kind = 'null';
    }
    throw new ValidationError('Request body must be a JSON object', [
      { field: 'body', message: `must be a JSON object, got ${kind}` },
    ]);
  }

  const problems: FieldProblem[] = [];
  for (const key of Object.keys(body)) {
    // Object.hasOwn, not `in`: `in` also finds names inherited from Object.prototype, such as constructor and __proto__.
    if (!Object.hasOwn(VISIT_FIELD_LIMITS, key)) {
      problems.push({ field: key, message: `unknown field; expected ${Object.keys(VISIT_FIELD_LIMITS).join(', ')}` });
    }
  }
  for (const [field, limit] of Object.entries(VISIT_FIELD_LIMITS) as Array<[keyof VisitInput, number]>) {
    const value = body[field];
    if (value === undefined || value === null) {
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({ field, message: `must be a string, got ${Array.isArray(value) ? 'an array' : typeof value}` });
      continue;
    }
    const control = CONTROL_CHARACTER.exec(value);
    if (control) {
      problems.push({ field, message: `must not contain the control character ${describeCharacter(control[0])} (tab, line feed and carriage return are the only control characters allowed)` });
      continue;
    }
    const trimmed = value.trim();
    if ([...trimmed].length > limit) {
      problems.push({ field, message: `must be at most ${limit} characters` });
      continue;
    }
    if (field === 'email' && trimmed !== '' && !EMAIL_PATTERN.test(trimmed)) {
      problems.push({ field, message: 'must be an email address such as name@example.com' });
      continue;
    }
    input[field] = trimmed === '' ? null : trimmed;
  }

  if (problems.length > 0) {
    throw new ValidationError('Invalid visit', problems);
  }
  return input;
}

export interface IntegerRule {
  minimum: number;
  maximum: number;
  fallback: number;
}

/**
 * Reads an integer parameter from a query string or a JSON body. Throws a ValidationError that names it.
 * A query value must be plain decimal digits: no sign, no spaces, not empty.
 */
export function parseIntegerParameter(source: ParsedUrlQuery | Record<string, unknown>, name: string, rule: IntegerRule): number {
  const expected = `must be an integer from ${rule.minimum} to ${rule.maximum}`;
  const invalid = (message: string): ValidationError =>
    new ValidationError(`Invalid parameter ${name}`, [{ field: name, message: `${expected}, ${message}` }]);

  // The query parser keeps array syntax such as limit[]=5 as a key of its own, so such keys count as repeats.
  const bracketed = Object.keys(source).some((key) => key.startsWith(`${name}[`));
  // Only own properties count, so a name inherited from Object.prototype never reads as given.
  const raw = Object.hasOwn(source, name) ? source[name] : undefined;
  if (Array.isArray(raw) || bracketed) {
    throw invalid('given once (not repeated, not as an array)');
  }
  if (raw === undefined) {
    return rule.fallback;
  }
  if (raw === '') {
    throw invalid('got an empty value (give digits or leave the parameter out)');
  }

  let value: number | undefined;
  if (typeof raw === 'number' && Number.isInteger(raw)) {
    value = raw;
  } else if (typeof raw === 'string' && /^[0-9]+$/.test(raw)) {
    value = Number(raw);
  }
  if (value === undefined) {
    throw invalid(`got ${JSON.stringify(raw)}`);
  }
  if (value < rule.minimum || value > rule.maximum) {
    throw invalid(`got ${value}`);
  }
  return value;
}
