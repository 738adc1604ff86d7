/**
 * The single cooldown clock of an autoscale setting. After any scale action the engine waits
 * for the cooldown of the rule that caused it before scaling again in either direction. There is
 * no separate clock per direction.
 * Source: https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings#how-does-autoscale-evaluate-cooldown
 */
import type { EvaluationOptions } from './evaluation-options';
import { scaledDuration } from './evaluation-options';

/** The engine's memory between runs. */
export interface AutoscaleState {
  lastScaleAction?: {
    /** Epoch milliseconds of the scale action. */
    time: number;
    direction: 'Increase' | 'Decrease';
    /** ISO 8601 cooldown of the rule that caused the action. */
    cooldown: string;
  };
}

export interface CooldownStatus {
  active: boolean;
  /** Epoch milliseconds at which the next scale action may happen. */
  until: number;
  remainingMs: number;
  lastDirection: 'Increase' | 'Decrease';
  cooldown: string;
}

/** Returns the cooldown in force at `now`, or undefined when no scale action has happened yet. */
export function cooldownStatus(state: AutoscaleState, now: number, options?: EvaluationOptions): CooldownStatus | undefined {
  const last = state.lastScaleAction;
  if (!last) {
    return undefined;
  }
  const until = last.time + scaledDuration(last.cooldown, options);
  return {
    active: now < until,
    until,
    remainingMs: Math.max(0, until - now),
    lastDirection: last.direction,
    cooldown: last.cooldown,
  };
}
