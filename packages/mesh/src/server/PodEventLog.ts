// The run's pod events: when service instances crashed, started again, became Ready and NotReady, capped so a
// flapping readiness probe cannot flood the result (the first POD_EVENT_LIMIT are kept, the rest only counted).

import type { PodEvent, PodEventKind, PodEvents } from '../config/SimulationResult.js';

/** How many pod events a run keeps; later ones are counted in `PodEvents.omitted`. */
export const POD_EVENT_LIMIT = 200;

/** Collects pod events in the order they happen (simulated time, then event order). */
export class PodEventLog {
  private readonly events: PodEvent[] = [];
  private omitted = 0;

  constructor(private readonly limit = POD_EVENT_LIMIT) {}

  record(atMs: number, service: string, pod: string, kind: PodEventKind): void {
    if (this.events.length < this.limit) this.events.push({ atMs, service, pod, kind });
    else this.omitted++;
  }

  /** The record for the result, or undefined when nothing happened. */
  result(): PodEvents | undefined {
    if (this.events.length === 0) return undefined;
    return { events: this.events.map((event) => ({ ...event })), omitted: this.omitted, limit: this.limit };
  }
}
