// A direct reference of the node CPU model, for model-based tests of NodeCpu: weighted sharing between
// containers (each busy container's share of the cores by its weight, split among its runnable tasks, at most one
// core per task, the rest re-shared; level by level of a cgroup tree when given) and CFS quotas (a container stops once its tasks used limit × 100 ms in a
// period, until the next), stepped from event to event with every task's remaining work kept explicitly — no
// virtual clocks, O(tasks) per step, and the shares found by bisection rather than by the model's water-filling.

import { CFS_PERIOD_MS } from '../../src/internal/index.js';

/** A task of the reference: when it arrives, its work [ms of one core], and its container's index. */
export interface ReferenceTask {
  atMs: number;
  workMs: number;
  container: number;
}

/** Slack under which remaining work or quota counts as used up (floating-point rounding). */
const SLACK = 1e-9;

/**
 * The work per ms each runnable task of each container gets, from the containers' runnable tasks `counts`
 * and `weights`: one core per task when they fit, else the level θ with Σ min(counts, θ × weights) = cores,
 * found by bisection, each task at min(1, θ × weight / count).
 */
export function referenceRates(
  cores: number,
  counts: readonly number[],
  weights: readonly number[],
): number[] {
  const shares = referenceShares(cores, counts, weights);
  return counts.map((n, c) => (n === 0 ? 0 : Math.min(1, (shares[c] as number) / n)));
}

/**
 * The shares of `alloc` cores among siblings of `demands` [cores] and `weights`: each its demand when they fit,
 * else min(demand, θ × weight) with Σ = alloc, θ found by bisection.
 */
function referenceShares(alloc: number, demands: readonly number[], weights: readonly number[]): number[] {
  const total = demands.reduce((sum, d) => sum + d, 0);
  if (total <= alloc) return [...demands];
  const used = (theta: number): number =>
    demands.reduce((sum, d, i) => sum + Math.min(d, theta * (weights[i] as number)), 0);
  let low = 0;
  let high = 1;
  while (used(high) < alloc) high *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (used(mid) < alloc) low = mid;
    else high = mid;
  }
  return demands.map((d, i) => Math.min(d, high * (weights[i] as number)));
}

/**
 * A cgroup tree for the reference: each container's group (−1: the node's root), each group's weight and parent
 * group (−1: the root). Groups are listed after their parents.
 */
export interface ReferenceTree {
  containerGroups: readonly number[];
  groupWeights: readonly number[];
  groupParents: readonly number[];
}

/**
 * The work per ms each runnable task of each container gets under the cgroup tree `tree`: the cores shared among
 * the root's busy children by weight ({@link referenceShares}), each group's share among its own, a container's
 * share split among its tasks. The same as {@link referenceRates} when every container is in the root.
 */
export function referenceTreeRates(
  cores: number,
  counts: readonly number[],
  weights: readonly number[],
  tree: ReferenceTree,
): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total <= cores) return counts.map(() => 1);
  const groupDemand = tree.groupWeights.map(() => 0);
  counts.forEach((n, c) => {
    for (let g = tree.containerGroups[c] as number; g >= 0; g = tree.groupParents[g] as number) {
      groupDemand[g] = (groupDemand[g] as number) + n;
    }
  });
  const rates = counts.map(() => 0);
  const share = (group: number, alloc: number): void => {
    const kids: { demand: number; weight: number; go: (a: number) => void }[] = [];
    counts.forEach((n, c) => {
      if (tree.containerGroups[c] === group && n > 0) {
        kids.push({ demand: n, weight: weights[c] as number, go: (a) => (rates[c] = Math.min(1, a / n)) });
      }
    });
    tree.groupParents.forEach((parent, g) => {
      if (parent === group && (groupDemand[g] as number) > 0) {
        kids.push({
          demand: groupDemand[g] as number,
          weight: tree.groupWeights[g] as number,
          go: (a) => share(g, a),
        });
      }
    });
    const shares = referenceShares(
      alloc,
      kids.map((k) => k.demand),
      kids.map((k) => k.weight),
    );
    kids.forEach((k, i) => k.go(shares[i] as number));
  };
  share(-1, cores);
  return rates;
}

/**
 * The completion time of each task [ms] (NaN if not done by `untilMs`) on a node of `cores` cores whose
 * containers have the CPU limits `limits` [cores; Infinity: none] and the weights `weights` (all 1 when
 * omitted), in the cgroup tree `tree` (none: every container in the root); periods start at 0.
 */
export function referenceCompletions(
  cores: number,
  limits: readonly number[],
  tasks: readonly ReferenceTask[],
  untilMs: number,
  weights: readonly number[] = limits.map(() => 1),
  tree: ReferenceTree | undefined = undefined,
): number[] {
  const remaining = tasks.map((task) => task.workMs);
  const done = tasks.map(() => NaN);
  const started = tasks.map(() => false);
  const used = limits.map(() => 0);
  const throttled = limits.map(() => false);
  let now = 0;
  for (let guard = 0; guard < 1_000_000; guard++) {
    // Arrivals due now; a task without work is done as soon as its container may run (a throttled one
    // runs nothing until its next period, however little the work: the limit of a tiny task).
    tasks.forEach((task, i) => {
      if (!started[i] && task.atMs <= now + SLACK) started[i] = true;
    });
    const waiting = tasks
      .map((task, i) => i)
      .filter((i) => started[i] && Number.isNaN(done[i]) && !throttled[tasks[i]?.container as number]);
    for (const i of waiting) if ((remaining[i] as number) <= SLACK) done[i] = now;
    const runnable = waiting.filter((i) => Number.isNaN(done[i]));
    const perContainer = limits.map((_, c) => runnable.filter((i) => tasks[i]?.container === c).length);
    const rates =
      tree === undefined
        ? referenceRates(cores, perContainer, weights)
        : referenceTreeRates(cores, perContainer, weights, tree);
    const rateOf = (i: number): number => rates[tasks[i]?.container as number] as number;
    // The next instant something changes: an arrival, a period's end, a completion, a quota used up.
    let next = (Math.floor(now / CFS_PERIOD_MS + SLACK) + 1) * CFS_PERIOD_MS;
    for (const [i, task] of tasks.entries()) if (!started[i] && task.atMs < next) next = task.atMs;
    for (const i of runnable) next = Math.min(next, now + (remaining[i] as number) / rateOf(i));
    limits.forEach((limit, c) => {
      const k = perContainer[c] as number;
      if (limit !== Infinity && k > 0)
        next = Math.min(
          next,
          now + (limit * CFS_PERIOD_MS - (used[c] as number)) / (k * (rates[c] as number)),
        );
    });
    if (next > untilMs) break;
    const dt = next - now;
    for (const i of runnable) remaining[i] = (remaining[i] as number) - rateOf(i) * dt;
    limits.forEach(
      (_, c) => (used[c] = (used[c] as number) + (perContainer[c] as number) * (rates[c] as number) * dt),
    );
    now = next;
    for (const i of runnable) if ((remaining[i] as number) <= SLACK) done[i] = now;
    limits.forEach((limit, c) => {
      if (limit !== Infinity && (used[c] as number) >= limit * CFS_PERIOD_MS - SLACK) throttled[c] = true;
    });
    if (Math.abs(now / CFS_PERIOD_MS - Math.round(now / CFS_PERIOD_MS)) < SLACK && now > 0) {
      used.fill(0);
      throttled.fill(false);
    }
  }
  return done;
}
