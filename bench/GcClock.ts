// Garbage-collection time of stretches of synchronous work, from the `gc` performance entries V8
// reports (no --trace-gc needed): each timed run's GC time and collection count.

import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** GC time and collections inside one stretch of wall time. */
export interface GcFigures {
  /** Time spent in garbage collection [ms] (pauses of the main thread V8 reports). */
  gcMs: number;
  /** Collections (minor and major). */
  gcCount: number;
}

/**
 * Observes `gc` entries for as long as it lives. Node emits an entry shortly after each collection
 * (on the next turn of the event loop), so `between` yields to the loop before it reads them: call
 * it after the synchronous work it measures, with that work's `performance.now()` start and end.
 */
export class GcClock {
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer: PerformanceObserver;

  constructor() {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.entries.push(entry);
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** GC time of collections that started within [startMs, endMs] (performance.now() time) [ms]. */
  async between(startMs: number, endMs: number): Promise<GcFigures> {
    // Entries reach the observer one or two loop turns after the collection.
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    for (const entry of this.observer.takeRecords()) this.entries.push(entry);
    let gcMs = 0;
    let gcCount = 0;
    const kept: PerformanceEntry[] = [];
    for (const entry of this.entries) {
      if (entry.startTime > endMs) kept.push(entry);
      else if (entry.startTime >= startMs) {
        gcMs += entry.duration;
        gcCount++;
      }
    }
    this.entries.length = 0;
    this.entries.push(...kept);
    return { gcMs, gcCount };
  }

  /** Stops observing. */
  stop(): void {
    this.observer.disconnect();
  }
}
