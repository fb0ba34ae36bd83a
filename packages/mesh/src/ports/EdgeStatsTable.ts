// The stats of every caller→callee edge of a run, created on first use and kept in creation order.

import { EdgeStats } from './EdgeStats.js';
import type { IntervalClock } from './EdgeStats.js';

/** Edge stats by (source, destination). */
export class EdgeStatsTable {
  private readonly edges = new Map<string, EdgeStats>();
  /** The time series' current interval, shared by every edge (the recorder advances it). */
  readonly clock: IntervalClock = { interval: 0 };

  /** The stats of the edge `source → destination`, created on first use. */
  get(source: string, destination: string): EdgeStats {
    const key = `${source}\u0000${destination}`;
    let edge = this.edges.get(key);
    if (edge === undefined) {
      edge = new EdgeStats(source, destination, this.clock);
      this.edges.set(key, edge);
    }
    return edge;
  }

  /** Every edge, in creation order. */
  values(): IterableIterator<EdgeStats> {
    return this.edges.values();
  }
}
