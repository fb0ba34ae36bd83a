// The circuit-breaker state machine shared by every breaker (error-rate breaker, per-endpoint failure
// accrual): its states, the legal transitions in one table, and the bookkeeping of time spent open.

/** `closed`: traffic flows; `open`: refused for a while; `half-open`: probing with a few requests. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** The only legal transitions: closed → open → half-open → closed | open. */
export const LEGAL_BREAKER_TRANSITIONS: Readonly<Record<BreakerState, readonly BreakerState[]>> = {
  closed: ['open'],
  open: ['half-open'],
  'half-open': ['closed', 'open'],
};

/** Whether `from → to` is a legal breaker transition. */
export function isLegalBreakerTransition(from: BreakerState, to: BreakerState): boolean {
  return LEGAL_BREAKER_TRANSITIONS[from].includes(to);
}

/** Observer of transitions (tests use it to check every step). */
export type BreakerTransitionListener = (from: BreakerState, to: BreakerState, atMs: number) => void;

/**
 * One breaker's state. Every transition is checked against LEGAL_BREAKER_TRANSITIONS (an illegal
 * one throws). `open` ends lazily: the first look at or after `openUntilMs` moves to `half-open`,
 * dated `openUntilMs`, so the time spent open is exactly the open period.
 */
export class BreakerStateMachine {
  private current: BreakerState = 'closed';
  private openedAtMs = 0;
  private untilMs = 0;
  private finishedOpenMs = 0;
  private opened = 0;

  constructor(private readonly listener: BreakerTransitionListener | null = null) {}

  /** The state as last updated (without the lazy open → half-open step). */
  get state(): BreakerState {
    return this.current;
  }

  /** When the current or last open period ends [ms]. */
  get openUntilMs(): number {
    return this.untilMs;
  }

  /** Transitions into `open` so far. */
  get timesOpened(): number {
    return this.opened;
  }

  /** The state at `nowMs`, moving open → half-open once the open period is over. */
  stateAt(nowMs: number): BreakerState {
    if (this.current === 'open' && nowMs >= this.untilMs) this.move('half-open', this.untilMs);
    return this.current;
  }

  /** Opens (from closed or half-open) for `durationMs` from `nowMs`. */
  open(nowMs: number, durationMs: number): void {
    this.move('open', nowMs);
    this.openedAtMs = nowMs;
    this.untilMs = nowMs + durationMs;
    this.opened++;
  }

  /** Closes (from half-open). */
  close(nowMs: number): void {
    this.move('closed', nowMs);
  }

  /** Total time spent open up to `nowMs` [ms]. */
  openMsAt(nowMs: number): number {
    if (this.current !== 'open') return this.finishedOpenMs;
    return this.finishedOpenMs + Math.max(0, Math.min(nowMs, this.untilMs) - this.openedAtMs);
  }

  private move(to: BreakerState, atMs: number): void {
    const from = this.current;
    if (!isLegalBreakerTransition(from, to)) {
      throw new Error(`BreakerStateMachine: illegal transition ${from} → ${to} at ${atMs} ms`);
    }
    if (from === 'open') this.finishedOpenMs += atMs - this.openedAtMs;
    this.current = to;
    this.listener?.(from, to, atMs);
  }
}
