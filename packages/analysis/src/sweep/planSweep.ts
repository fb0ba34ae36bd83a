// The plan of a sweep: the grid of overrides (the cartesian product of the axes, first axis slowest) ×
// replications, as run tasks with their keys. Every axis value is validated before anything runs.

import { isBuiltInMeshShape, meshShapeNames } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';
import { SCENARIO_DEFAULTS } from '@meshsim/scenario';

import { OverrideError } from '../overrides/OverrideError.js';
import type { Override, SetAxis } from '../overrides/SetAxis.js';
import { resolveWithOverrides } from '../overrides/resolveWithOverrides.js';
import type { ScenarioSource } from '../overrides/ScenarioSource.js';
import { replicationSeed } from '../replications/replicationSeed.js';
import type { RunTask } from './RunTask.js';
import { runKey } from './runKey.js';
import { shapeIdentity } from './shapeModules.js';

/** Runs (points × replications) above which a sweep needs confirming (`--yes`, `confirmLarge`). */
export const SWEEP_RUN_LIMIT = 1000;

/** One point of the grid. */
export interface SweepPoint {
  index: number;
  /** Every override of the point (fixed ones and the axes' values), sorted by path. */
  overrides: Override[];
  /** The point's own values, one per axis, in axis order. */
  values: Override[];
  /** The root seed of the point's replications. */
  rootSeed: number | string;
}

/** A planned sweep. */
export interface SweepPlan {
  axes: SetAxis[];
  points: SweepPoint[];
  replications: number;
  /** Every task, point by point, replication by replication (before sharding). */
  tasks: RunTask[];
  /** The base config (fixed overrides applied). */
  base: SimulationConfig;
}

/**
 * The identities of the registered (not built-in) mesh shapes `config` simulates — its mesh's, and a layered mesh's
 * in-cluster one — for its runs' keys (`shapeIdentity`: the name and its module's digest).
 */
function registeredShapes(config: SimulationConfig): string[] {
  const mesh = config.mesh;
  const names = [mesh.shape, ...('inCluster' in mesh ? [mesh.inCluster.shape] : [])];
  return names.flatMap((name) => {
    const identity = shapeIdentity(name);
    return identity === undefined ? [] : [identity];
  });
}

function sortByPath(overrides: readonly Override[]): Override[] {
  return [...overrides].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Merges overrides: later ones replace earlier ones at the same path. */
export function mergeOverrides(...lists: readonly (readonly Override[])[]): Override[] {
  const byPath = new Map<string, Override>();
  for (const list of lists) for (const o of list) byPath.set(o.path, o);
  return sortByPath([...byPath.values()]);
}

/**
 * Plans the grid of `axes` × `replications` on `source` with `fixed` overrides on every point. Points are in the
 * order of the axes' values (the first axis slowest), as given.
 * @throws OverrideError for a path or value that does not apply (each axis value is checked once), or a path that
 *   two axes, or an axis and a fixed override, both set (one of them would be ignored, and its points counted as
 *   runs they are not).
 */
export function planSweep(
  source: ScenarioSource,
  axes: readonly SetAxis[],
  fixed: readonly Override[] = [],
  replications = 1,
): SweepPlan {
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`replications must be an integer >= 1 (got ${replications})`);
  }
  const twice = axes.flatMap((axis, i) =>
    axes.slice(0, i).some((a) => a.path === axis.path) || fixed.some((o) => o.path === axis.path)
      ? [axis.path]
      : [],
  );
  if (twice.length > 0) {
    throw new OverrideError(
      [...new Set(twice)].map(
        (path) =>
          `--set ${path}: the path is set twice (${axes.filter((a) => a.path === path).length > 1 ? 'by two --set' : 'by an axis and a fixed value'}): give each path once, with all its values`,
      ),
    );
  }
  const base = resolveWithOverrides(source, fixed);
  for (const axis of axes) {
    for (const value of axis.values)
      resolveWithOverrides(source, mergeOverrides(fixed, [{ path: axis.path, value }]));
  }
  let combos: Override[][] = [[]];
  for (const axis of axes) {
    combos = combos.flatMap((combo) => axis.values.map((value) => [...combo, { path: axis.path, value }]));
  }
  const points = combos.map((values, index): SweepPoint => {
    const overrides = mergeOverrides(fixed, values);
    const seed = overrides.find((o) => o.path === 'seed');
    // `seed=null` removes the file's seed: the format's default seed, as the point's config has.
    const rootSeed =
      seed === undefined
        ? base.seed
        : seed.value === null
          ? SCENARIO_DEFAULTS.seed
          : typeof seed.value === 'number' || typeof seed.value === 'string'
            ? seed.value
            : base.seed;
    return { index, overrides, values, rootSeed };
  });
  // Registered shapes key their runs by their module's text too: the points whose overrides touch the mesh are
  // resolved for theirs (only when a shape is registered: built-in shapes need none of this).
  const anyRegistered = meshShapeNames().some((name) => !isBuiltInMeshShape(name));
  const baseShapes = anyRegistered ? registeredShapes(base) : [];
  const shapesOf = (point: SweepPoint): string[] =>
    !anyRegistered
      ? []
      : point.overrides.some((o) => o.path === 'mesh' || o.path.startsWith('mesh.'))
        ? registeredShapes(resolveWithOverrides(source, point.overrides))
        : baseShapes;
  const tasks = points.flatMap((point) => {
    const shapes = shapesOf(point);
    return Array.from({ length: replications }, (_, replication): RunTask => {
      const seed = replicationSeed(point.rootSeed, replication);
      return {
        key: runKey(source.hash, point.overrides, seed, undefined, shapes),
        point: point.index,
        replication,
        overrides: point.overrides,
        seed,
      };
    });
  });
  return { axes: [...axes], points, replications, tasks, base };
}
