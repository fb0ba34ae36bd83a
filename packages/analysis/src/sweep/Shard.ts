// One deterministic slice of a sweep: `--shard k/N`, or Kubernetes' JOB_COMPLETION_INDEX (0-based) and
// JOB_COMPLETIONS in an Indexed Job. Shard k of N runs the tasks whose index i has i mod N = k − 1.

import { OverrideError } from '../overrides/OverrideError.js';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses `k/N` (1 ≤ k ≤ N).
 * @throws OverrideError naming the value when it is not of that form.
 */
export function parseShard(text: string, label = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !(count >= 1) || !(index >= 1 && index <= count)) {
    throw new OverrideError([`${label} ${text}: expected k/N with 1 <= k <= N, e.g. --shard 2/8`]);
  }
  return { index, count };
}

/**
 * The shard an Indexed Job's pod runs: JOB_COMPLETION_INDEX (0-based) + 1 of JOB_COMPLETIONS, when both
 * are set; undefined otherwise.
 * @throws OverrideError when they are set but inconsistent.
 */
export function shardFromEnv(env: Readonly<Record<string, string | undefined>>): Shard | undefined {
  const index = env['JOB_COMPLETION_INDEX'];
  const count = env['JOB_COMPLETIONS'];
  if (index === undefined || count === undefined) return undefined;
  return parseShard(`${Number(index) + 1}/${count}`, 'JOB_COMPLETION_INDEX/JOB_COMPLETIONS');
}

/** Whether task `taskIndex` belongs to `shard`. */
export function inShard(taskIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || taskIndex % shard.count === shard.index - 1;
}
