// The error of `sweep merge` when two stores hold a run stopped by a guard under different event guards and none holds
// it finished: neither copy is the run under any one set of guards, so merge refuses rather than pick one by order.

/** A run two stores being merged hold stopped by a guard under different event guards, and none finished. */
export interface MergeConflict {
  /** The run's key (`run_key`). */
  key: string;
  /** Its replication (0: the root seed). */
  replication: number;
  /** Its overrides as the store keeps them (canonical JSON, `[["traffic.0.rate",20000]]`). */
  overrides: string;
  /** The first two copies whose guards differ: the store each is in (as given) and its `stopped_guards`. */
  copies: readonly [MergeConflictCopy, MergeConflictCopy];
}

/** One stopped copy of a run in a store being merged. */
export interface MergeConflictCopy {
  /** The store's path as given (the target's own path for a copy it holds already). */
  store: string;
  /** The event guards it stopped under, as the store records them (`stopped_guards`). */
  guards: string;
}

/** The overrides' canonical JSON as `path=value` pairs (`traffic.0.rate=20000 mesh=linkerd`); none: `no overrides`. */
function overridesText(overrides: string): string {
  try {
    const pairs = JSON.parse(overrides) as [string, unknown][];
    if (pairs.length === 0) return 'no overrides';
    return pairs
      .map(([path, value]) => `${path}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
  } catch {
    return overrides;
  }
}

/**
 * `sweep merge` refused: some run is held stopped by a guard under different event guards by two of the stores (the
 * target included), and no store holds it finished. Nothing was merged. The message names the first such run and
 * both stores; `conflicts` lists them all.
 */
export class MergeConflictError extends Error {
  /** Every conflicting run, in the order the stores were read. */
  readonly conflicts: readonly MergeConflict[];

  constructor(conflicts: readonly MergeConflict[]) {
    const [first] = conflicts;
    const more = conflicts.length - 1;
    super(
      first === undefined
        ? 'cannot merge: conflicting stopped runs'
        : `cannot merge: the run ${overridesText(first.overrides)}, replication ${first.replication} ` +
            `(key ${first.key.slice(0, 12)}…) is stopped by a guard in ${first.copies[0].store} ` +
            `(under ${first.copies[0].guards}) and in ${first.copies[1].store} (under ${first.copies[1].guards}), ` +
            'and no store holds it finished: a stopped run is kept only under the guards it stopped with, and these ' +
            `differ${more > 0 ? ` (so do the copies of ${more} more run${more === 1 ? '' : 's'})` : ''}. ` +
            "Nothing was merged: run the sweep again into one of the stores with the other's " +
            '--max-events and --max-events-per-instant (or with limits under which the run finishes), then merge again',
    );
    this.name = 'MergeConflictError';
    this.conflicts = conflicts;
  }
}
