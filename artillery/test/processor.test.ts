import { VISIT_FIELD_LIMITS, parseVisitInput } from '../../service/src/validation';

interface Visitor {
  name?: string;
  email?: string;
  company?: string;
  purpose?: string;
}

interface ProcessorModule {
  VISIT_FIELD_LIMITS: Record<string, number>;
  buildVisitor(random?: () => number): Visitor;
  codePointLength(text: string): number;
  instanceIdOf(response: { headers: Record<string, string>; body: string }): string | undefined;
}

const processor = require('../processor.js') as ProcessorModule;

/** A seeded linear congruential generator, so every run checks the same bodies. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const random = seededRandom(42);
const visitors = Array.from({ length: 2000 }, () => processor.buildVisitor(random));

describe('processor visitor bodies', () => {
  it('uses the service limits', () => {
    expect(processor.VISIT_FIELD_LIMITS).toEqual(VISIT_FIELD_LIMITS);
  });

  it('are all accepted by the service validation', () => {
    const rejected = visitors.filter((visitor) => {
      try {
        parseVisitInput(visitor);
        return false;
      } catch {
        return true;
      }
    });
    expect(rejected).toEqual([]);
  });

  it('include names with accents', () => {
    const accented = visitors.filter((visitor) => /[^\x20-\x7e]/.test(visitor.name ?? ''));
    expect(accented.length).toBeGreaterThan(visitors.length / 2);
  });

  it('fill some fields to their limits', () => {
    const fieldsAtLimit = (field: keyof Visitor) =>
      visitors.filter((visitor) => processor.codePointLength(visitor[field] ?? '') === VISIT_FIELD_LIMITS[field]).length;
    expect(fieldsAtLimit('purpose')).toBeGreaterThan(100);
    expect(fieldsAtLimit('company')).toBeGreaterThan(100);
  });

  it('have more bytes than characters when long', () => {
    const longest = visitors.reduce((best, visitor) => ((visitor.purpose?.length ?? 0) > (best.purpose?.length ?? 0) ? visitor : best));
    const purpose = longest.purpose ?? '';
    expect(Buffer.byteLength(purpose, 'utf8')).toBeGreaterThan(processor.codePointLength(purpose));
  });

  it('include empty bodies', () => {
    expect(visitors.filter((visitor) => Object.keys(visitor).length === 0).length).toBeGreaterThan(0);
  });

  it('stay under the 16 KB body limit', () => {
    const largest = Math.max(...visitors.map((visitor) => Buffer.byteLength(JSON.stringify(visitor), 'utf8')));
    expect(largest).toBeLessThan(16 * 1024);
  });
});

describe('processor instance ids', () => {
  it('come from a JSON body', () => {
    expect(
      processor.instanceIdOf({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"instance_id":"vmss_1"}' }),
    ).toBe('vmss_1');
  });

  it('fall back to the X-Instance-Id header', () => {
    expect(processor.instanceIdOf({ headers: { 'content-type': 'text/html', 'x-instance-id': 'vmss_2' }, body: '<html>' })).toBe('vmss_2');
    expect(processor.instanceIdOf({ headers: { 'content-type': 'application/json', 'x-instance-id': 'vmss_3' }, body: '{"cut' })).toBe('vmss_3');
  });

  it('are undefined when the response names none', () => {
    expect(processor.instanceIdOf({ headers: {}, body: '' })).toBeUndefined();
  });
});
