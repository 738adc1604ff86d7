/** The readiness state that `/health` reports: starting until migrations finish, then ready, then draining at shutdown. */
export type ReadinessState = 'starting' | 'ready' | 'draining';

export class Readiness {
  private current: ReadinessState;
  readonly startedAt = Date.now();

  constructor(initial: ReadinessState = 'starting') {
    this.current = initial;
  }

  get state(): ReadinessState {
    return this.current;
  }

  markReady(): void {
    if (this.current === 'starting') {
      this.current = 'ready';
    }
  }

  /** Makes `/health` return 503 from now on; there is no way back. */
  markDraining(): void {
    this.current = 'draining';
  }
}
