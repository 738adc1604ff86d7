import { STRESS_DURATION, STRESS_INTENSITY } from '../../src/handlers/stress';
import { stressBounds } from '../src/stress';

describe('stress bounds', () => {
  it('match the duration the service accepts', () => {
    expect(stressBounds.duration.min).toBe(STRESS_DURATION.minimum);
    expect(stressBounds.duration.max).toBe(STRESS_DURATION.maximum);
  });

  it('match the intensity the service accepts', () => {
    expect(stressBounds.intensity.min).toBe(STRESS_INTENSITY.minimum);
    expect(stressBounds.intensity.max).toBe(STRESS_INTENSITY.maximum);
  });
});
