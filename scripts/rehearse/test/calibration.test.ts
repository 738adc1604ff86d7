import { parse } from 'yaml';
import { cpuSecondsPerArrival, localPhases, steadyLoad, peakRate, percentAtRate, rateFactor, rewriteScript, scalePhases, targetPeakPercent } from '../calibration';

const script = `
config:
  processor: ./processor.js
  plugins:
    ensure:
      conditions:
        - expression: http.responses > 0
  environments:
    local:
      target: http://127.0.0.1:8080
      phases:
        - name: baseline
          duration: 20
          arrivalRate: 3
        - name: spike
          duration: 40
          arrivalRate: 20
        - name: quiet
          duration: 20
          arrivalRate: 2
scenarios:
  - flow:
      - get:
          url: /
`;

describe('calibration arithmetic', () => {
  it('takes the idle CPU off the cost of an arrival', () => {
    // 1.2 CPU s over 12 s of load, of which 0.02 CPU s/s × 12 s = 0.24 s is idle work:
    // (1.2 - 0.24) / 120 arrivals = 8 ms.
    const perArrival = cpuSecondsPerArrival({ idleCpuSeconds: 0.06, idleSeconds: 3, loadCpuSeconds: 1.2, loadSeconds: 12, arrivals: 120 });

    expect(perArrival).toBeCloseTo(0.008, 6);
  });

  it('falls back to the gross cost when the idle reading is larger', () => {
    const perArrival = cpuSecondsPerArrival({ idleCpuSeconds: 3, idleSeconds: 3, loadCpuSeconds: 1, loadSeconds: 10, arrivals: 100 });

    expect(perArrival).toBeCloseTo(0.01, 6);
  });

  it('rejects a calibration without arrivals', () => {
    expect(() => cpuSecondsPerArrival({ idleCpuSeconds: 0, idleSeconds: 3, loadCpuSeconds: 1, loadSeconds: 10, arrivals: 0 })).toThrow('expected arrivals');
  });

  it('measures the second half of the load', () => {
    // Requests every 100 ms from 0 to 10 s; CPU readings every 500 ms; the CPU rate halves after 5 s.
    const starts = Array.from({ length: 101 }, (_, index) => 1_000_000 + index * 100);
    const readings = Array.from({ length: 21 }, (_, index) => ({ time: 1_000_000 + index * 500, cpuSeconds: index <= 10 ? index * 0.2 : 2 + (index - 10) * 0.1 }));

    const steady = steadyLoad(readings, starts, 0.5);

    // From 5 s to 10 s: 1.0 CPU s over 5 s, 50 requests of 2 per arrival.
    expect(steady.loadSeconds).toBe(5);
    expect(steady.loadCpuSeconds).toBeCloseTo(1, 6);
    expect(steady.arrivals).toBe(25);
  });

  it('rejects a load without readings in its second half', () => {
    expect(() => steadyLoad([{ time: 0, cpuSeconds: 0 }], [0, 1000], 1)).toThrow('lengthen the calibration load');
  });

  it('aims halfway between the scale-out threshold and 100 %', () => {
    expect(targetPeakPercent(70)).toBe(85);
    expect(targetPeakPercent(80)).toBe(90);
  });

  it('sizes the spike of an idle machine above the threshold', () => {
    // 8 ms per arrival: 20 arrivals/s give 16 %, so the rates grow by 85 / 16 = 5.3125.
    const phases = localPhases(script);
    const factor = rateFactor(peakRate(phases), 0.008, 85);
    const scaled = scalePhases(phases, factor);

    expect(factor).toBeCloseTo(5.3125, 6);
    expect(scaled.map((phase) => phase.arrivalRate)).toEqual([16, 106, 11]);
    expect(percentAtRate(106, 0.008)).toBeCloseTo(84.8, 6);
    expect(percentAtRate(11, 0.008)).toBeCloseTo(8.8, 6);
  });

  it('sizes the spike of a loaded machine down', () => {
    // 80 ms per arrival: 20 arrivals/s would ask for 160 % of one core.
    const scaled = scalePhases(localPhases(script), rateFactor(20, 0.08, 85));

    expect(scaled.map((phase) => phase.arrivalRate)).toEqual([2, 11, 1]);
    expect(percentAtRate(11, 0.08)).toBeCloseTo(88, 6);
  });

  it('scales rampTo and keeps at least 1 arrival/s', () => {
    const scaled = scalePhases([{ duration: 10, arrivalRate: 1, rampTo: 10 }, { duration: 10, arrivalRate: 0.4 }], 0.5);

    expect(scaled).toEqual([{ duration: 10, arrivalRate: 1, rampTo: 5 }, { duration: 10, arrivalRate: 1 }]);
  });

  it('rewrites the local phases with an absolute processor path', () => {
    const rewritten = parse(rewriteScript(script, '/repo/artillery', [{ name: 'calibration', duration: 10, arrivalRate: 10 }], false)) as {
      config: { processor: string; plugins: Record<string, unknown>; environments: { local: { phases: unknown[]; target: string } } };
    };

    expect(rewritten.config.processor).toBe('/repo/artillery/processor.js');
    expect(rewritten.config.environments.local.phases).toEqual([{ name: 'calibration', duration: 10, arrivalRate: 10 }]);
    expect(rewritten.config.environments.local.target).toBe('http://127.0.0.1:8080');
    expect(rewritten.config.plugins.ensure).toBeUndefined();
  });

  it('keeps the checks of the rehearsal script', () => {
    const rewritten = parse(rewriteScript(script, '/repo/artillery', localPhases(script), true)) as { config: { plugins: Record<string, unknown> } };

    expect(rewritten.config.plugins.ensure).toEqual({ conditions: [{ expression: 'http.responses > 0' }] });
  });
});
