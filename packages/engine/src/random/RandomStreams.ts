// Seeded random streams: one root seed, one independent generator per named purpose (seedrandom's alea).
// Adding a new stream never shifts the draws of existing ones, because each is seeded from (root seed, name).

import seedrandom from 'seedrandom';

/** A source of uniform random numbers in [0, 1). */
export type Random = () => number;

/**
 * One root seed → independent named streams. Each stream is an `alea` generator seeded from the
 * root seed and the stream's name only, so streams do not depend on each other or on the order
 * in which they are created. Asking twice for the same name is a bug (two components would
 * draw the same numbers) and throws.
 */
export class RandomStreams {
  /** The root seed. */
  readonly seed: number | string;
  private readonly taken = new Set<string>();

  constructor(seed: number | string) {
    if (typeof seed === 'number' && !Number.isFinite(seed)) {
      throw new RangeError(`RandomStreams: seed must be a finite number or a string (got ${seed})`);
    }
    if (typeof seed !== 'number' && typeof seed !== 'string') {
      // A config built in code: an object would silently become the seed "[object Object]".
      throw new TypeError(`RandomStreams: seed must be a finite number or a string (got ${describe(seed)})`);
    }
    this.seed = seed;
  }

  /** A new generator for `name`, e.g. `"arrivals/frontend"`. Throws if `name` was already taken. */
  stream(name: string): Random {
    if (this.taken.has(name)) {
      throw new Error(`RandomStreams: stream "${name}" was already created; give each purpose its own name`);
    }
    this.taken.add(name);
    return RandomStreams.create(this.seed, name);
  }

  /** Names of the streams created so far, in creation order. */
  names(): string[] {
    return [...this.taken];
  }

  /** A generator for (seed, name) that does not register the name; for tests and tools. */
  static create(seed: number | string, name: string): Random {
    const prng = seedrandom.alea(`${String(seed)}\u0000${name}`);
    return prng as Random;
  }
}

/** What a value that is not a seed is, for the error message. */
function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}
