/**
 * Rehearses a short spike end to end: real service processes, the local load balancer, real
 * CPU readings, the autoscale engine with every duration divided by 60, and Artillery.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateAutoscale } from '../../../dsl/autoscale/engine';
import { settingFromFile } from '../../../dsl/autoscale/explain/setting-source';
import { PERCENTAGE_CPU, runRehearsal, type RehearsalResult } from '../rehearsal';
import type { RehearsalTimeline } from '../timeline';

const fixtures = join(__dirname, 'fixtures');

describe('rehearsal of a short spike', () => {
  let outDir: string;
  let result: RehearsalResult;
  let timeline: RehearsalTimeline;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'rehearsal-test-'));
    result = await runRehearsal({
      profile: 'short spike',
      scriptPath: join(fixtures, 'short-spike.yml'),
      setting: settingFromFile(join(fixtures, 'cpu-75-45.json')),
      probe: { requestPath: '/health', intervalInSeconds: 5, numberOfProbes: 2 },
      timeScale: 60,
      evaluationIntervalSeconds: 60,
      port: 0,
      outDir,
      bootDelaySeconds: 0,
      settleTimeoutSeconds: 120,
      cpuMeasure: 'demand',
      log: () => undefined,
    });
    timeline = JSON.parse(readFileSync(result.timelinePath, 'utf8')) as RehearsalTimeline;
  }, 300_000);

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('scales out during the spike', () => {
    const scaleOuts = timeline.decisions.filter((decision) => decision.newCapacity > decision.currentCapacity);
    const duringSpike = scaleOuts.filter((decision) => decision.offsetMs >= timeline.loadStartOffsetMs && decision.offsetMs <= timeline.loadEndOffsetMs);

    expect(duringSpike.length).toBeGreaterThanOrEqual(1);
    expect(duringSpike[0]?.reason).toBe('ScaleOut');
    expect(timeline.summary.peakInstances).toBeGreaterThanOrEqual(2);
  });

  it('returns to the minimum after the spike', () => {
    const last = timeline.decisions[timeline.decisions.length - 1];

    expect(last?.newCapacity).toBe(1);
    expect(timeline.summary.timeBackToMinimumMs).not.toBeNull();
    expect(timeline.summary.scaleIns).toBeGreaterThanOrEqual(1);
  });

  it('fails no request during scale-in', () => {
    // Every scale-in removes one instance (ChangeCount 1), which drains and exits cleanly.
    expect(timeline.drains.length).toBe(timeline.summary.scaleIns);
    expect(timeline.drains.map((drain) => drain.exitCode)).toEqual(timeline.drains.map(() => 0));
    expect(timeline.summary.failuresDuringScaleIn).toBe(0);
    expect(timeline.summary.requests).toBeGreaterThanOrEqual(25);
  });

  it('records decisions the engine reproduces', () => {
    expect(timeline.decisions.length).toBeGreaterThan(10);
    for (const decision of timeline.decisions) {
      const replay = evaluateAutoscale({
        setting: timeline.setting,
        samples: { [PERCENTAGE_CPU]: timeline.samples.slice(0, decision.sampleCount) },
        currentCapacity: decision.currentCapacity,
        now: decision.time,
        state: decision.stateBefore,
        options: { timeScale: timeline.timeScale, ingestionDelayMs: 0 },
      });

      expect({ offsetMs: decision.offsetMs, reason: replay.reason, newCapacity: replay.newCapacity, message: replay.message }).toEqual({
        offsetMs: decision.offsetMs,
        reason: decision.reason,
        newCapacity: decision.newCapacity,
        message: decision.message,
      });
    }
  });

  it('writes the timeline and the chart', () => {
    expect(existsSync(result.chartPath)).toBe(true);
    expect(readFileSync(result.chartPath, 'utf8')).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    expect(timeline.traffic.reduce((sum, point) => sum + point.requests, 0)).toBe(timeline.summary.requests);
  });
});
