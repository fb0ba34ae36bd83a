// How the commands print the warnings of a scenario file that need no run, in one form (formatScenarioIssue):
// `validate` lists them; `run`, `compare` and `sweep` say before running which durations and CPU quantities the file
// writes as bare numbers, and give the warnings of its model among a run's at the file's line and column.

import { mergeOverrides, resolveWithOverrides } from '@meshsim/analysis';
import type { Override, ScenarioSource, SetAxis } from '@meshsim/analysis';
import type { SimulationConfig } from '@meshsim/mesh';
import {
  bareCpuOverrideReason,
  bareNumberWarnings,
  formatScenarioIssue,
  scenarioWarnings,
} from '@meshsim/scenario';
import type { ScenarioIssue } from '@meshsim/scenario';
import { escapeControls } from '@meshsim/report';

/** A warning of a scenario file, as every command prints it: `warning: file:line:column: path: reason`. */
export function scenarioWarningLine(issue: ScenarioIssue): string {
  // On one line: the warning can hold a name from the file (a traffic source's may hold a newline).
  return `warning: ${escapeControls(formatScenarioIssue(issue))}`;
}

/**
 * The stderr lines a command that runs `config` starts with: each CPU quantity a `--set` of `sets` gives as a bare
 * number implausible as cores (`meshsim: warning: --set services.api.cpuLimit=500 is 500 cores (…); write 500m for
 * millicores …`), by the rule of a file's, as `--set` of a bare duration warns (`parseScenarioArgs`); then each
 * duration its file writes as a bare number (5 is 5 ms), `meshsim: warning: my.yaml:1:1: duration: 5 is 5 ms (a bare
 * number is milliseconds); …` — as `--duration 5` warns — and each CPU quantity implausible as cores (`cpuLimit: 500`:
 * `500 is 500 cores …; write 500m for millicores …`), `bareNumberWarnings`; none of the file's for a bundled scenario
 * read by name (none writes one, and the user has no file of it to edit), nor one at a field a `--set` gives (the
 * `--set`'s line says it: one warning, not two).
 *
 * @param sets - The command's `--set`s; `config` resolved with their (first) values, whose largest node the rule uses.
 */
export function bareNumberLines(
  source: ScenarioSource,
  config: SimulationConfig,
  sets: readonly SetAxis[] = [],
): string[] {
  const overrides = sets.map((axis) => ({ path: axis.path, value: axis.values[0] ?? null }));
  return bareNumberLinesOfPoints(source, [{ config, overrides }], sets);
}

/** A point of a command's runs: its config, and the overrides it was resolved with. */
export interface ResolvedPoint {
  readonly config: SimulationConfig;
  readonly overrides: readonly Override[];
}

/**
 * {@link bareNumberLines} of several points (a sweep's), each value checked against the point it runs in — its own
 * largest node, as the point's `--set`s leave it (`--set nodeCpu=64,8 --set services.api.cpuLimit=32`: 32 cores is
 * implausible on the 8-core point only) — each line once: a `--set`'s with the values implausible at some point, a
 * file's bare number at the first point where it is implausible. With several points, each line ends with the point
 * it was judged at, by the values of the axes that vary among them (`…; at the sweep point nodeCpu=8`).
 */
export function bareNumberLinesOfPoints(
  source: ScenarioSource,
  points: readonly ResolvedPoint[],
  sets: readonly SetAxis[],
): string[] {
  const at = pointNamer(points, sets);
  const lines = sets.flatMap((axis) => bareCpuSetLine(points, axis, at));
  if (source.bundled !== undefined) return lines;
  // A field a --set gives is the command line's, which warns of its own bare number (a CPU quantity above, a duration
  // in parseScenarioArgs): the file's line is not said again when the --set gives the same value (`cpuLimit: 500` and
  // `--set services.api.cpuLimit=500`). A --set of another value already leaves the file's line unwarned.
  const setPaths = new Set(sets.map((axis) => setPath(axis.path)));
  const said = new Set<string>();
  for (const point of points) {
    for (const issue of bareNumberWarnings(point.config)) {
      if (setPaths.has(setPath(overridePath(issue.path))) || said.has(issue.path)) continue;
      said.add(issue.path);
      lines.push(`meshsim: ${scenarioWarningLine({ ...issue, reason: issue.reason + at(point) })}`);
    }
  }
  // What the file's retry.attempts counts under Istio's shapes is `validate`'s alone (istioAttemptsWarnings): a run
  // does not say it again each time, once read.
  return lines;
}

/** A `--set` path as compared: list indices as numbers (`calls.00` is `calls.0`). */
function setPath(path: string): string {
  return path
    .split('.')
    .map((segment) => (/^\d+$/.test(segment) ? String(Number(segment)) : segment))
    .join('.');
}

/**
 * How a line names the point it was judged at: `; at the sweep point nodeCpu=8` — the point's values of the axes
 * (`--set`s of several values) whose value varies among `points` — or nothing when there is one point (`run`, or a
 * sweep whose axes set no CPU field: every point has the same nodes). `except`: an axis the line names already (a
 * `--set`'s own).
 */
function pointNamer(
  points: readonly ResolvedPoint[],
  sets: readonly SetAxis[],
): (point: ResolvedPoint, except?: string) => string {
  const valueAt = (point: ResolvedPoint, path: string) =>
    point.overrides.find((override) => setPath(override.path) === setPath(path))?.value;
  const varying = sets.filter(
    (axis) => axis.values.length > 1 && new Set(points.map((point) => valueAt(point, axis.path))).size > 1,
  );
  if (points.length < 2) return () => '';
  return (point, except) => {
    const named = varying.filter((axis) => except === undefined || setPath(axis.path) !== setPath(except));
    if (named.length === 0) return '';
    return `; at the sweep point ${named.map((axis) => `${axis.path}=${String(valueAt(point, axis.path))}`).join(', ')}`;
  };
}

/**
 * The line for a `--set` of a CPU quantity whose values include bare numbers implausible as cores at a point they run
 * in: the first such value (in the axis's order), and how many more (a sweep's axis), as the `--set` of a bare duration
 * says, and the point it was judged at (`at`); none otherwise.
 */
function bareCpuSetLine(
  points: readonly ResolvedPoint[],
  axis: SetAxis,
  at: (point: ResolvedPoint, except?: string) => string,
): string[] {
  const path = setPath(axis.path);
  const reasons = new Map<SetAxis['values'][number], string>();
  for (const point of points) {
    const value = point.overrides.find((override) => setPath(override.path) === path)?.value;
    if (value === undefined || reasons.has(value)) continue;
    const reason = bareCpuOverrideReason(point.config, axis.path, value);
    if (reason !== null) reasons.set(value, reason + at(point, axis.path));
  }
  const found = axis.values.flatMap((value) => {
    const reason = reasons.get(value);
    return reason === undefined ? [] : [reason];
  });
  const [first] = found;
  if (first === undefined) return [];
  const more =
    found.length > 1 ? ` (and ${found.length - 1} more bare number${found.length > 2 ? 's' : ''})` : '';
  return [`meshsim: warning: --set ${axis.path}=${first}${more}`];
}

/** Where a run's warnings are written in its scenario file: each placed warning's text → the line to print instead. */
export type WarningPlaces = ReadonlyMap<string, string>;

/**
 * The warnings of `configs`' models that are about a field their file writes (`scenarioWarnings`), each as
 * `validate` prints it — `my.yaml:7:24: services.api.calls[0].timeout: api → db: its timeout (1 ms) is …` — by the
 * text a run gives. None for a bundled scenario read by name: it has no file of the user's, so its warnings keep the
 * form a run gives them, as do a run's own warnings, those about no field, and those about a field `overrides` set
 * (the file's line there writes another value).
 *
 * @param configs - The configs whose runs' warnings are printed (one per mesh shape in `compare`).
 * @param overrides - The overrides the configs were resolved with (`--set`, `--seed`, …).
 */
export function warningPlaces(
  source: ScenarioSource,
  configs: readonly SimulationConfig[],
  overrides: readonly Override[] = [],
): WarningPlaces {
  const places = new Map<string, string>();
  if (source.bundled !== undefined) return places;
  // A field the command line set is not what the file writes at that line: its warnings keep the run's form.
  const set = new Set(overrides.map((override) => overridePath(override.path)));
  for (const config of configs) {
    for (const issue of scenarioWarnings(config)) {
      if (issue.line !== undefined && !set.has(overridePath(issue.path)) && !places.has(issue.reason))
        places.set(issue.reason, formatScenarioIssue(issue));
    }
  }
  return places;
}

/** A scenario field path as a `--set` writes it: `services.api.calls[0].timeout` → `services.api.calls.0.timeout`. */
function overridePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/** A run's warning as printed: at its file's line and column when {@link warningPlaces} knows it, else as it is. */
export function placeWarning(warning: string, places: WarningPlaces): string {
  return places.get(warning) ?? warning;
}

/** `warnings` as printed ({@link placeWarning}). */
export function placeWarnings(warnings: readonly string[], places: WarningPlaces): string[] {
  return warnings.map((warning) => placeWarning(warning, places));
}

/**
 * The {@link warningPlaces} of runs of `source` with `fixed` and each of `points`' overrides, in the order given —
 * e.g. the example point of each of a sweep's warnings, or each shape of a comparison — each point's config
 * resolved once; a point whose config does not resolve or build places nothing.
 */
export function warningPlacesOfPoints(
  source: ScenarioSource,
  fixed: readonly Override[],
  points: readonly (readonly Override[])[],
): WarningPlaces {
  if (source.bundled !== undefined) return new Map();
  const seen = new Set<string>();
  const configs: { config: SimulationConfig; overrides: Override[] }[] = [];
  for (const point of points) {
    const overrides = mergeOverrides(fixed, point);
    const key = JSON.stringify(overrides);
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      configs.push({ config: resolveWithOverrides(source, overrides), overrides });
    } catch {
      // Its runs ran: the point resolves; if it ever does not, its warnings keep the run's form.
    }
  }
  const places = new Map<string, string>();
  for (const { config, overrides } of configs) {
    try {
      for (const [reason, line] of warningPlaces(source, [config], overrides))
        if (!places.has(reason)) places.set(reason, line);
    } catch {
      // A model that does not build has no warnings to place (its run said why).
    }
  }
  return places;
}
