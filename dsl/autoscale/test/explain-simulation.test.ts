import { parseCpuSpec } from '../explain/cpu-series';
import { simulateExplain } from '../explain/simulate';
import { T0, cpuSetting } from './fixtures';

const setting = cpuSetting({ out: { operator: 'GreaterThan', threshold: 70 }, in: { operator: 'LessThan', threshold: 30 }, limits: [1, 5, 1] });

function changes(steps: ReturnType<typeof simulateExplain>) {
  return steps
    .filter((step) => step.decision.newCapacity !== step.decision.currentCapacity)
    .map((step) => [step.offsetMs / 60_000, step.decision.reason, step.decision.newCapacity]);
}

describe('simulateExplain', () => {
  it('scales out during a spike and back in after it', () => {
    const steps = simulateExplain({ setting, cpu: parseCpuSpec('20x5,90x10,10x20'), startInstances: 1, evaluationIntervalSeconds: 60, start: T0, cpuMode: 'instance' });

    expect(steps).toHaveLength(35);
    expect(changes(steps)).toEqual([
      [9, 'ScaleOut', 2],
      [14, 'ScaleOut', 3],
      [19, 'ScaleIn', 2],
      [24, 'ScaleIn', 1],
    ]);
    expect(steps[8]!.windowCpu).toBe(76);
  });

  it('evaluates every 30 seconds when asked', () => {
    const steps = simulateExplain({ setting, cpu: parseCpuSpec('20x5,90x10,10x20'), startInstances: 1, evaluationIntervalSeconds: 30, start: T0, cpuMode: 'instance' });

    expect(steps).toHaveLength(70);
    expect(changes(steps)[0]).toEqual([9, 'ScaleOut', 2]);
  });

  it('delays decisions by the ingestion delay', () => {
    const steps = simulateExplain({
      setting,
      cpu: parseCpuSpec('20x5,90x10,10x20'),
      startInstances: 1,
      evaluationIntervalSeconds: 60,
      start: T0,
      cpuMode: 'instance',
      ingestionDelaySeconds: 120,
    });

    expect(changes(steps)[0]).toEqual([11, 'ScaleOut', 2]);
  });

  it('spreads the load over the instances in load mode', () => {
    // 90 % on one instance is 45 % on two: the scale-out stops at two instances.
    const steps = simulateExplain({ setting, cpu: parseCpuSpec('90x20'), startInstances: 1, evaluationIntervalSeconds: 60, start: T0, cpuMode: 'load' });

    expect(changes(steps)).toEqual([[1, 'ScaleOut', 2]]);
    expect(steps[steps.length - 1]!.windowCpu).toBe(45);
  });

  it('decides a long series as its prefix does', () => {
    // Evaluation reads only each window's samples, so a long series gives the same decisions
    // for its first hours as the short series alone.
    const short = simulateExplain({ setting, cpu: parseCpuSpec('20x5,90x10,10x20'), startInstances: 1, evaluationIntervalSeconds: 60, start: T0, cpuMode: 'instance' });
    const long = simulateExplain({ setting, cpu: parseCpuSpec('20x5,90x10,10x20,20x20000'), startInstances: 1, evaluationIntervalSeconds: 60, start: T0, cpuMode: 'instance' });

    expect(long).toHaveLength(20_035);
    expect(changes(long.slice(0, 35))).toEqual(changes(short));
    expect(long.slice(0, 35).map((step) => step.windowCpu)).toEqual(short.map((step) => step.windowCpu));
    expect(long[long.length - 1]!.decision.newCapacity).toBe(1);
    expect(long[long.length - 1]!.windowCpu).toBe(20);
  });
});
