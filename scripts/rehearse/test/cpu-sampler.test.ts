import { spawn } from 'node:child_process';
import { CpuSampler, processCpuDemandSeconds, processCpuSeconds } from '../cpu-sampler';

describe('CpuSampler', () => {
  it('turns CPU seconds into Percentage CPU per instance', () => {
    const readings = new Map<number, number>([[101, 10], [102, 3]]);
    const sampler = new CpuSampler(1, (pid) => readings.get(pid));
    const instances = [
      { id: 'a', pid: 101 },
      { id: 'b', pid: 102 },
    ];

    expect(sampler.sample(instances, 1_000)).toEqual([]);

    readings.set(101, 10.5);
    readings.set(102, 3.1);
    expect(sampler.sample(instances, 2_000)).toEqual([
      { instanceId: 'a', timestamp: 1_000, value: 50 },
      { instanceId: 'b', timestamp: 1_000, value: expect.closeTo(10, 6) as number },
    ]);
  });

  it('divides by the cores an instance stands for', () => {
    let seconds = 0;
    const sampler = new CpuSampler(2, () => seconds);
    sampler.sample([{ id: 'a', pid: 1 }], 0);

    seconds = 1;

    expect(sampler.sample([{ id: 'a', pid: 1 }], 1_000)[0]?.value).toBe(50);
  });

  it('caps at 100 % and skips exited processes', () => {
    let seconds: number | undefined = 0;
    const sampler = new CpuSampler(1, () => seconds);
    sampler.sample([{ id: 'a', pid: 1 }], 0);

    seconds = 3;
    expect(sampler.sample([{ id: 'a', pid: 1 }], 1_000)[0]?.value).toBe(100);

    seconds = undefined;
    expect(sampler.sample([{ id: 'a', pid: 1 }], 2_000)).toEqual([]);
  });
});

describe('processCpuSeconds', () => {
  it('reads the CPU time of a busy process from /proc', async () => {
    const busy = spawn(process.execPath, ['-e', 'const end = Date.now() + 3000; while (Date.now() < end) {}']);
    try {
      const first = processCpuSeconds(busy.pid as number) as number;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const second = processCpuSeconds(busy.pid as number) as number;

      expect(first).toBeGreaterThanOrEqual(0);
      expect(second).toBeGreaterThan(first);
    } finally {
      busy.kill('SIGKILL');
    }
  });

  it('returns undefined for a process that does not exist', () => {
    expect(processCpuSeconds(2 ** 22 + 12345)).toBeUndefined();
  });
});

describe('processCpuDemandSeconds', () => {
  it('counts at least the CPU time of a busy process', async () => {
    const busy = spawn(process.execPath, ['-e', 'const end = Date.now() + 3000; while (Date.now() < end) {}']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const demand = processCpuDemandSeconds(busy.pid as number) as number;
      const usage = processCpuSeconds(busy.pid as number) as number;

      expect(demand).toBeGreaterThan(0);
      // schedstat counts nanoseconds and /proc/<pid>/stat whole clock ticks, read a moment earlier.
      expect(demand).toBeGreaterThanOrEqual(usage - 0.05);
    } finally {
      busy.kill('SIGKILL');
    }
  });

  it('returns undefined for a process that does not exist', () => {
    expect(processCpuDemandSeconds(2 ** 22 + 12345)).toBeUndefined();
  });
});
