// The connections of a load generator (`connections`, like `wrk2 -c`): at most `limit` requests in flight. An
// arrival that finds them all busy waits in one FIFO; a request that ends hands its slot to the oldest waiting
// arrival. One source's own, or shared by the sources of one `connectionGroup` (one generator, several targets).

import type { Engine } from '@meshsim/engine';

/** What a waiting arrival's source does once it has a slot: send it, counted from when it was due. */
export interface SlotWaiter {
  sendWaiting(dueMs: number, offeredInterval: number): void;
}

/** The slots of one load generator. */
export class ConnectionSlots {
  /** Requests sent and not yet ended, plus slots handed to waiting arrivals whose send event has not fired yet. */
  private inFlight = 0;
  /** Waiting arrivals, oldest first from `head`: their sources, when each was due [ms] and the interval it was counted in. */
  private readonly waitingSources: SlotWaiter[] = [];
  private readonly waitingDueMs: number[] = [];
  private readonly waitingIntervals: number[] = [];
  private head = 0;
  /** Freed slots handed to waiting arrivals whose send event has not fired yet. */
  private handoffs = 0;

  constructor(
    private readonly engine: Engine,
    /** Most requests in flight; `Infinity`: no limit. */
    readonly limit: number,
  ) {}

  /** Takes a slot for an arrival due now; false when all are busy (then `wait` it). */
  tryTake(): boolean {
    if (this.inFlight >= this.limit) return false;
    this.inFlight++;
    return true;
  }

  /**
   * Queues an arrival of `source` that was due at `dueMs`, counted in the time series' interval `offeredInterval`,
   * and found every slot busy.
   */
  wait(source: SlotWaiter, dueMs: number, offeredInterval: number): void {
    this.waitingSources.push(source);
    this.waitingDueMs.push(dueMs);
    this.waitingIntervals.push(offeredInterval);
  }

  /**
   * A request sent on a slot ended. The slot goes to the oldest waiting arrival not yet handed one (kept
   * counted in flight, so an arrival at this same instant cannot take it first). Sent from an event, not from
   * here: an instantly refused request would otherwise recurse through the whole backlog.
   */
  release(): void {
    if (this.head + this.handoffs < this.waitingSources.length) {
      this.handoffs++;
      this.engine.schedule(0, onSlotFreed, this);
    } else {
      this.inFlight--;
    }
  }

  /** @internal Sends the oldest waiting arrival on the slot a request freed. */
  sendOldest(): void {
    this.handoffs--;
    const index = this.head++;
    const source = this.waitingSources[index] as SlotWaiter;
    const dueMs = this.waitingDueMs[index] as number;
    const offeredInterval = this.waitingIntervals[index] as number;
    if (this.head === this.waitingSources.length) {
      this.waitingSources.length = 0;
      this.waitingDueMs.length = 0;
      this.waitingIntervals.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.waitingSources.length) {
      // Drop the sent prefix now and then: amortised O(1) per arrival.
      this.waitingSources.splice(0, this.head);
      this.waitingDueMs.splice(0, this.head);
      this.waitingIntervals.splice(0, this.head);
      this.head = 0;
    }
    source.sendWaiting(dueMs, offeredInterval);
  }
}

function onSlotFreed(slots: ConnectionSlots): void {
  slots.sendOldest();
}
