// The concurrency slots a bulkhead counts: shared by a caller instance's clients of one service.

/** The concurrency slots one caller instance has towards one downstream service. */
export class BulkheadSlots {
  /** Calls in flight now (including retries' waits; a call counts from start to end). */
  active = 0;
  constructor(readonly maxConcurrent: number) {}
}
