// CoDel (Controlled Delay) active queue management applied to a server's request queue: the
// dequeue-side algorithm of Nichols & Jacobson (ACM Queue 2012) as specified in RFC 8289 §5.

/** Something that waited in a queue since `arrivedMs`. */
export interface Queued {
  /** When it entered the queue [ms]. */
  readonly arrivedMs: number;
}

/** The queue CoDel works on: it takes items in the queue's own order and reports the ones it drops. */
export interface SheddableQueue<T extends Queued> {
  /** Items waiting now. */
  readonly length: number;
  /** Removes and returns the next item to serve (FIFO or LIFO), or undefined when empty. */
  take(): T | undefined;
  /** CoDel dropped `item` (it has already been taken): answer it and count it. */
  drop(item: T): void;
}

/**
 * One CoDel controller per queue (RFC 8289 §5.3–5.5, the Linux variant of the re-entry rule):
 * - every dequeued item's sojourn is compared with `targetMs`; the first time it is at or above
 *   the target (with more work still queued) CoDel notes `firstAbove = now + intervalMs`;
 *   a sojourn below target, or an empty queue, clears it;
 * - a dequeue at or after `firstAbove` while still above target enters the dropping state: it drops
 *   that item and schedules the next drop at `now + intervalMs/√count`;
 * - while dropping, each dequeue at or after `dropNext` drops the head and advances
 *   `dropNext += intervalMs/√count` (count + 1 each drop), until a dequeued item is below target.
 * The RFC's "less than one MTU queued" exception becomes "nothing left in the queue".
 */
export class CoDel {
  /** Items dropped so far. */
  drops = 0;
  /** Whether the controller is in the dropping state. */
  dropping = false;
  /** When sojourn first went (and stayed) above target, + interval; -1 when below. */
  private firstAboveMs = -1;
  private dropNextMs = 0;
  private count = 0;
  private lastCount = 0;
  /** Result flag of the last `doDequeue` (RFC: `ok_to_drop`). */
  private okToDrop = false;

  constructor(
    /** Acceptable standing queue delay [ms] (RFC 8289 TARGET, 5 ms for packets). */
    readonly targetMs: number,
    /** Window a sojourn must stay above target before dropping starts [ms] (RFC INTERVAL, 100 ms). */
    readonly intervalMs: number,
  ) {}

  /** The next item to serve at `nowMs`, after dropping whatever the control law says (RFC `dequeue`). */
  dequeue<T extends Queued>(queue: SheddableQueue<T>, nowMs: number): T | undefined {
    let item = this.doDequeue(queue, nowMs);
    if (this.dropping) {
      if (!this.okToDrop) this.dropping = false;
      while (nowMs >= this.dropNextMs && this.dropping) {
        this.drop(queue, item as T);
        this.count++;
        item = this.doDequeue(queue, nowMs);
        if (!this.okToDrop) this.dropping = false;
        else this.dropNextMs = this.controlLawMs(this.dropNextMs);
      }
    } else if (this.okToDrop) {
      this.drop(queue, item as T);
      item = this.doDequeue(queue, nowMs);
      this.dropping = true;
      // Re-entry soon after the last dropping state resumes at the drop rate that controlled it.
      const delta = this.count - this.lastCount;
      this.count = delta > 1 && nowMs - this.dropNextMs < 16 * this.intervalMs ? delta : 1;
      this.dropNextMs = this.controlLawMs(nowMs);
      this.lastCount = this.count;
    }
    return item;
  }

  /** The control law: next drop time after `fromMs` [ms] = fromMs + interval / √count. */
  controlLawMs(fromMs: number): number {
    return fromMs + this.intervalMs / Math.sqrt(this.count);
  }

  private doDequeue<T extends Queued>(queue: SheddableQueue<T>, nowMs: number): T | undefined {
    const item = queue.take();
    this.okToDrop = false;
    if (item === undefined) {
      this.firstAboveMs = -1;
      return undefined;
    }
    const sojournMs = nowMs - item.arrivedMs;
    if (sojournMs < this.targetMs || queue.length === 0) {
      this.firstAboveMs = -1;
    } else if (this.firstAboveMs < 0) {
      this.firstAboveMs = nowMs + this.intervalMs;
    } else if (nowMs >= this.firstAboveMs) {
      this.okToDrop = true;
    }
    return item;
  }

  private drop<T extends Queued>(queue: SheddableQueue<T>, item: T): void {
    this.drops++;
    queue.drop(item);
  }
}
