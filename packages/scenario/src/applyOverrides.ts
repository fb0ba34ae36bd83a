// Command-line style overrides of a resolved scenario: another seed, duration or mesh shape.

import {
  SCENARIO_RULES,
  checkField,
  findRuleRow,
  meshShapeNames,
  resolveMeshConfig,
  seedProblem,
} from '@meshsim/mesh';
import type { MeshOptions, SimulationConfig } from '@meshsim/mesh';

import { carrySource } from './internal/scenarioSources.js';
import { didYouMean, meshShapeHint } from './internal/suggest.js';

/** Overrides for {@link applyOverrides}; omitted fields keep the scenario's values. */
export interface ScenarioOverrides {
  /** Root seed of the random streams: a non-negative integer or a non-empty string, as a scenario's `seed`. */
  seed?: number | string;
  /** Simulated duration [ms], > 0. */
  durationMs?: number;
  /** A mesh shape (keeps the scenario's mesh options), or mesh options to merge into the scenario's. */
  mesh?: string | Partial<MeshOptions>;
}

/** The fields of {@link ScenarioOverrides}: any other key is refused (a misspelt one would be silently dropped). */
const OVERRIDE_KEYS: readonly (keyof ScenarioOverrides)[] = ['seed', 'durationMs', 'mesh'];

/** The run's duration rule (SCENARIO_RULES `duration`): a scenario's `duration`, `--duration` and `simulate`'s. */
const DURATION_RULE = findRuleRow(SCENARIO_RULES, 'duration');

/**
 * Returns a copy of `config` with the overrides applied; `config` is not modified.
 *
 * The mesh is resolved again from the scenario's mesh options (what its file wrote) with the
 * overrides merged in: with `mesh` as a shape name, every option the scenario wrote (library services,
 * endpoint delay, a profile field, the Istio release, …) is kept and everything else takes the new
 * shape's defaults; with `mesh` as an object, its options replace the scenario's.
 *
 * @throws RangeError for a key that is not one of `seed`, `durationMs` and `mesh` (naming it, with "did you mean"), a
 *   `durationMs` outside the bounds of a scenario's `duration` (a finite number > 0, at most 30 days: SCENARIO_RULES,
 *   as `--duration` and `simulate` check it), a `seed` a scenario may not have (a non-negative integer up to 2^53 − 1
 *   or a non-empty string: the file's rule), or a mesh shape that is not registered.
 * @example
 * ```ts
 * const base = loadScenario('retry-storm');
 * const runs = meshShapeNames().map((shape) => applyOverrides(base, { mesh: shape, seed: 7 }));
 * ```
 */
export function applyOverrides(config: SimulationConfig, overrides: ScenarioOverrides): SimulationConfig {
  for (const key of Object.keys(overrides)) {
    if (!(OVERRIDE_KEYS as readonly string[]).includes(key))
      throw new RangeError(
        `unknown override ${JSON.stringify(key)}${didYouMean(key, OVERRIDE_KEYS)}: applyOverrides takes ${OVERRIDE_KEYS.join(', ')}`,
      );
  }
  const { seed, durationMs, mesh } = overrides;
  // The one rule of a run's duration, as `simulate` checks it (checkConfigBounds): a RangeError naming durationMs.
  if (durationMs !== undefined) checkField(DURATION_RULE, durationMs, 'durationMs');
  // The rule of every seed (SEED_RULE, as `seed:` in a file and `--seed`): no negative or fractional seed.
  const seedWrong = seed === undefined ? null : seedProblem(seed);
  if (seedWrong !== null) throw new RangeError(`seed ${seedWrong}`);
  const written: Partial<MeshOptions> | undefined = typeof mesh === 'string' ? { shape: mesh } : mesh;
  const shape = written?.shape;
  if (shape !== undefined && !meshShapeNames().includes(shape)) {
    throw new RangeError(
      `mesh must be one of ${meshShapeNames().join(', ')} (got ${JSON.stringify(shape)})${meshShapeHint(shape, meshShapeNames())}`,
    );
  }
  const applied: SimulationConfig = {
    ...config,
    ...(seed !== undefined && { seed }),
    ...(durationMs !== undefined && { durationMs }),
    ...(written !== undefined && { mesh: resolveMeshConfig({ ...config.mesh.options, ...written }) }),
  };
  // Read from a file, the copy keeps its file (scenarioWarnings places its warnings there), but not what it overrode.
  const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);
  return carrySource(config, applied, {
    ...(seed !== undefined && { seed: () => seed }),
    ...(durationMs !== undefined && { duration: () => `${durationMs}ms` }),
    // The mesh options written (a shape keeps the file's other options, as the config does).
    ...(written !== undefined && {
      mesh: (mesh: unknown) => (isObject(mesh) ? { ...mesh, ...written } : written),
    }),
  });
}
