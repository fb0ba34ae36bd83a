// The random streams of one run: a named stream per purpose, plus streams whose name must be unique even
// when the same purpose recurs (a caller holding two clients of one destination).

import type { Random, RandomStreams } from '@meshsim/engine';

/** Named seeded streams for the model's parts (never the unseeded global generator). */
export class RunStreams {
  private readonly issued = new Map<string, number>();

  constructor(private readonly streams: RandomStreams) {}

  /** The stream `name`: its draws depend only on the root seed and the name. */
  stream(name: string): Random {
    return this.streams.stream(name);
  }

  /**
   * A new stream named `base`, or `base#n` for the n-th later request of the same base in this run,
   * so every stream is used by one part only. Deterministic: parts are built in config order.
   */
  unique(base: string): Random {
    const n = this.issued.get(base) ?? 0;
    this.issued.set(base, n + 1);
    return this.streams.stream(n === 0 ? base : `${base}#${n}`);
  }
}
