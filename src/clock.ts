// Time comes from here, injected, so flows, slots and jobs are testable
// without sleeping.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock a test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A clock that can be moved forward: the simulator's development clock and the tests' ManualClock. */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
}

export const isAdjustable = (clock: Clock): clock is AdjustableClock =>
  typeof (clock as Partial<AdjustableClock>).advance === "function";

/**
 * Real time plus an offset that only grows: outside production it lets a
 * clinic trying Zelo in the simulator jump ahead and see a reminder arrive
 * (POST /simulator/clock). Time never runs backwards, so nothing already
 * done is redone.
 */
export class DevelopmentClock implements AdjustableClock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    if (ms > 0) this.offsetMs += ms;
  }
}
