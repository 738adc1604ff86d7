import type { ScaleAction } from '../model';
import { compare, requestedCapacity } from '../rule-evaluation';

function action(direction: 'Increase' | 'Decrease', type: ScaleAction['type'], value: string): ScaleAction {
  return { direction, type, value, cooldown: 'PT5M' };
}

describe('requestedCapacity', () => {
  it.each([
    ['Increase', 'ChangeCount', '2', 4, 6],
    ['Decrease', 'ChangeCount', '2', 4, 2],
    ['Increase', 'PercentChangeCount', '50', 4, 6],
    ['Decrease', 'PercentChangeCount', '50', 4, 2],
    ['Increase', 'PercentChangeCount', '10', 4, 5],
    ['Decrease', 'PercentChangeCount', '10', 4, 3],
    ['Increase', 'ExactCount', '7', 4, 7],
    ['Increase', 'ExactCount', '3', 4, 4],
    ['Decrease', 'ExactCount', '2', 4, 2],
    ['Decrease', 'ExactCount', '6', 4, 4],
  ] as const)('%s %s %s from %d asks for %d', (direction, type, value, current, expected) => {
    expect(requestedCapacity(action(direction, type, value), current)).toBe(expected);
  });

  it('rejects a value that is not a number', () => {
    expect(() => requestedCapacity(action('Increase', 'ChangeCount', 'one'), 1)).toThrow(/scaleAction.value "one"/);
  });

  it('rejects ServiceAllowedNextValue', () => {
    expect(() => requestedCapacity(action('Increase', 'ServiceAllowedNextValue', '1'), 1)).toThrow(/ServiceAllowedNextValue is not supported/);
  });
});

describe('compare', () => {
  it.each([
    [80, 'GreaterThan', 80, false],
    [80, 'GreaterThanOrEqual', 80, true],
    [60, 'LessThan', 60, false],
    [60, 'LessThanOrEqual', 60, true],
    [5, 'Equals', 5, true],
    [5, 'NotEquals', 5, false],
  ] as const)('%d %s %d is %s', (value, operator, threshold, expected) => {
    expect(compare(value, operator, threshold)).toBe(expected);
  });
});
