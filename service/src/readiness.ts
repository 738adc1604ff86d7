/** The readiness state that `/health` reports: starting until migrations finish, then ready, then draining at shutdown. */
export type ReadinessState = 'starting' | 'ready' | 'draining';

export class Readiness {
  private current: ReadinessState;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
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

  /** Makes `/health` return 503 from now on. The change cannot be undone. */
  markDraining(): void {
    this.current = 'draining';
  }

  /** Counts a request as in flight until the returned function is called. */
  track(): () => void {
    this.inFlight += 1;
    let done = false;
    return () => {
      if (done) {
        return;
      }
      done = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) {
        this.idleWaiters.splice(0).forEach((resolve) => resolve());
      }
    };
  }

  /**
   * Resolves when no request is in flight, or after `timeoutMs`, with whether it became idle.
   * A handler keeps running after its client disconnects, so a closed server may still have some.
   */
  waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
