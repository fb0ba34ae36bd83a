// A warning about a config that needs no run (from building its model): what it says and, when it is about one field,
// where a scenario file writes that field — so a loader can name the file's line and column.

/** A field as a scenario file writes it, key by key: `['services', 'web', 'calls', 0, 'timeout']`. */
export type ScenarioFieldPath = readonly (string | number)[];

/** One warning a run of a config gives before it starts (see `staticWarnings`). */
export interface ConfigWarning {
  /** The warning, as `SimulationResult.warnings` holds it. */
  readonly message: string;
  /**
   * The scenario field it is about, in the scenario file's terms (services by name, a call by its place in
   * `calls`: `['services', 'web', 'calls', 0, 'timeout']`, or `…, 'calls', 1, 'parallel', 0, …` in a parallel
   * group); absent when it is about no single field (a node, the cluster).
   */
  readonly path?: ScenarioFieldPath;
}

/**
 * Where a scenario file writes call `index` of stage `stage` of `service`'s calls: `calls[stage]`, or
 * `calls[stage].parallel[index]` for a stage of several calls (a group of one is found at `calls[stage]`).
 */
export function callFieldPath(
  service: string,
  stage: number,
  index: number,
  stageSize: number,
): ScenarioFieldPath {
  const at = ['services', service, 'calls', stage] as const;
  return stageSize > 1 ? [...at, 'parallel', index] : at;
}
