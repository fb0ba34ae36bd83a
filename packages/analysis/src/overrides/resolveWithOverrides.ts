// Applies `--set` overrides to a scenario's plain data and validates the result with the scenario schema,
// so a wrong path or a value of the wrong type is reported like any error in the file.

import { SCENARIO_RULES, findRuleRow } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';
import {
  SCENARIO_DEFAULTS,
  ScenarioError,
  applyOverrides,
  didYouMean,
  parseDurationMs,
  parseScenario,
  resolveScenario,
  scenarioField,
} from '@meshsim/scenario';

import { closestName } from '../internal/closestName.js';
import { OverrideError } from './OverrideError.js';
import { writtenScalar } from './parseSetOption.js';
import type { Override } from './SetAxis.js';
import { rawScenario } from './ScenarioSource.js';
import type { ScenarioSource } from './ScenarioSource.js';

/** The longest run a scenario may ask for [ms] (SCENARIO_RULES `duration`: 720 h). */
const MAX_DURATION_MS = findRuleRow(SCENARIO_RULES, 'duration').max?.value ?? Infinity;

type Container = Record<string, unknown> | unknown[];

/** A container a --set created where the file had none: by which --set, and whether it is a list's new item. */
interface CreatedPath {
  override: Override;
  item: boolean;
}

/** Path segments that would reach an object's prototype instead of a field: refused (the file refuses them too). */
const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** `services.a.calls.0.retry` → `services.a.calls[0].retry` (how scenario errors write paths). */
export function issuePath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/**
 * Sets `override` in `raw`, creating what is missing below a name the file defines: a field of an object, a
 * list, or a list's next item (index = its length), so `daemonSets.0.name=…` starts a list of objects and
 * `faults.2.service=…` adds a third fault (the schema then asks for the item's required fields). Returns a
 * problem or null.
 */
function setAt(
  raw: Record<string, unknown>,
  override: Override,
  createdItems: Map<string, CreatedPath>,
): string | null {
  const segments = override.path.split('.');
  const option = `--set ${override.path}=${writtenScalar(override.value)}`;
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden !== undefined) return `${option}: "${forbidden}" is not a field of a scenario`;
  if (override.value === null) return removeAt(raw, segments, option);
  // `mesh=<shape>` on a scenario whose mesh is an object keeps its options (like --mesh).
  if (override.path === 'mesh' && isContainer(raw['mesh']) && !Array.isArray(raw['mesh'])) {
    (raw['mesh'] as Record<string, unknown>)['shape'] = override.value;
    return null;
  }
  // A mesh option (`mesh.istioVersion=…`) on a scenario whose mesh is a shape name, or not written: the mesh becomes
  // an object with that shape (the format's default shape when none is written), as the file could have said.
  if (segments[0] === 'mesh' && segments.length > 1 && !isContainer(raw['mesh'])) {
    raw['mesh'] = { shape: raw['mesh'] ?? SCENARIO_DEFAULTS.mesh };
  }
  let node: Container = raw;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i] as string;
    const next: unknown = Array.isArray(node) ? node[Number(key)] : node[key];
    const here = segments.slice(0, i + 1).join('.');
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(key))
        return `${option}: ${issuePath(segments.slice(0, i).join('.'))} is a list: use an index 0..${node.length - 1}`;
      if (Number(key) > node.length) {
        const list = issuePath(segments.slice(0, i).join('.'));
        return node.length === 0
          ? `${option}: ${issuePath(here)} does not exist (${list} is empty or not written: its first item is ${issuePath(`${segments.slice(0, i).join('.')}.0`)})`
          : `${option}: ${issuePath(here)} does not exist (the list has ${node.length} item${node.length === 1 ? '' : 's'}: indices 0..${node.length - 1}, or ${node.length} for a new item)`;
      }
    }
    if (next === undefined) {
      // A service must exist; a field of a known object, or a list's next item, may be new.
      const keys = Array.isArray(node) ? [] : Object.keys(node);
      if (i === 1 && segments[0] === 'services') {
        const near = closestName(key, keys);
        return `${option}: ${issuePath(here)} does not exist${near === undefined ? '' : ` (nearest: ${issuePath([...segments.slice(0, i), near].join('.'))})`}`;
      }
      const created: Container = /^\d+$/.test(segments[i + 1] ?? '') ? [] : {};
      if (Array.isArray(node)) node[Number(key)] = created;
      else node[key] = created;
      if (!createdItems.has(issuePath(here))) {
        createdItems.set(issuePath(here), { override, item: Array.isArray(node) });
      }
      node = created;
      continue;
    }
    if (!isContainer(next)) {
      return `${option}: ${issuePath(here)} is a value (${JSON.stringify(next)}), not an object: set ${issuePath(here)} itself`;
    }
    node = next;
  }
  const last = segments[segments.length - 1] as string;
  if (Array.isArray(node)) {
    if (!/^\d+$/.test(last) || Number(last) > node.length)
      return node.length === 0
        ? `${option}: ${issuePath(override.path)} is not an index of the list (it is empty: its first item is 0)`
        : `${option}: ${issuePath(override.path)} is not an index of the list (0..${node.length - 1}, or ${node.length} for a new item)`;
    node[Number(last)] = override.value;
  } else {
    node[last] = override.value;
  }
  return null;
}

/** Whether the scenario format has the field at a `--set` path and a file may leave it out. */
function optionalField(path: string): boolean {
  return scenarioField(fieldPath(path.split('.'))).optional;
}

/** A `--set` path's segments as the format's path: list indices as numbers (a name, such as a service's, starts with a letter). */
function fieldPath(segments: readonly string[]): (string | number)[] {
  return segments.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Removes the field at `segments` from `raw` (`--set PATH=null`), as if the file did not write it: only a field the
 * scenario format has and a file may leave out; nothing happens when the file does not write it. Returns a problem
 * or null.
 */
function removeAt(raw: Record<string, unknown>, segments: readonly string[], option: string): string | null {
  const path = issuePath(segments.join('.'));
  const field = scenarioField(fieldPath(segments));
  const last = segments[segments.length - 1] as string;
  if (!field.known) return `${option}: ${path}: unknown field${didYouMean(last, field.siblings)}`;
  if (/^\d+$/.test(last)) {
    return `${option}: ${path} is a list item: null removes an optional field, not an item`;
  }
  if (!field.optional) {
    return `${option}: ${path} is required: null removes only an optional field (as if the file did not write it)`;
  }
  let node: unknown = raw;
  for (const segment of segments.slice(0, -1)) {
    // A parent the file does not write as an object (not written, or a word such as shedding: codel) holds nothing.
    if (!isContainer(node)) return null;
    node = Array.isArray(node) ? node[Number(segment)] : node[segment];
  }
  if (isContainer(node) && !Array.isArray(node)) delete node[last];
  return null;
}

/**
 * The scenario with the overrides applied, resolved and validated. Without overrides the text is parsed
 * as is (errors keep their line numbers). A `duration` override is applied to the resolved scenario, as
 * `applyOverrides` (and `meshsim run --duration`) does: a run shorter than the file's faults or policy
 * steps is valid, those just do not happen in it (the run warns of each such fault).
 *
 * @throws OverrideError naming each `--set` whose path does not exist (with the nearest one) or whose
 *   value the schema rejects (the field and the expected type); ScenarioError for other problems.
 * @example
 * ```ts
 * resolveWithOverrides(readScenarioSource('retry-storm'), [{ path: 'traffic.0.rate', value: 800 }]);
 * ```
 */
export function resolveWithOverrides(
  source: ScenarioSource,
  overrides: readonly Override[],
): SimulationConfig {
  // `duration=null` removes the file's duration, in the file (the format's default then applies).
  const isDuration = (o: Override): boolean => o.path === 'duration' && o.value !== null;
  const duration = overrides.filter(isDuration).at(-1);
  const config = resolveFileOverrides(
    source,
    overrides.filter((o) => !isDuration(o)),
  );
  if (duration === undefined) return config;
  const written = String(duration.value);
  let durationMs: number;
  try {
    durationMs = parseDurationMs(duration.value as string | number);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OverrideError([`--set duration=${written}: duration: ${reason}`]);
  }
  // In the file's terms, as --duration says it (the run's duration rule, SCENARIO_RULES): not in raw milliseconds.
  if (durationMs > MAX_DURATION_MS) {
    throw new OverrideError([
      `--set duration=${written}: duration: longer than the limit of ${MAX_DURATION_MS / 3_600_000}h`,
    ]);
  }
  try {
    return applyOverrides(config, { durationMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OverrideError([`--set duration=${written}: duration: ${reason}`]);
  }
}

/** The scenario with `overrides` set in the file's own structure, resolved and validated. */
function resolveFileOverrides(source: ScenarioSource, overrides: readonly Override[]): SimulationConfig {
  if (overrides.length === 0) return parseScenario(source.text, source.file);
  const raw = rawScenario(source);
  // A list item a --set added (its path in issue form), with the --set that added it.
  // What the --sets created (in issue form), with the first --set that created each.
  const createdItems = new Map<string, CreatedPath>();
  const problems = overrides
    .map((override) => setAt(raw, override, createdItems))
    .filter((p): p is string => p !== null);
  if (problems.length > 0) throw new OverrideError(problems);
  try {
    // The file's text too: the config's warnings are placed at its lines, as those of the file without overrides.
    return resolveScenario(raw, source.file, source.text);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // Name the --set behind each issue on an overridden path (or inside it): the one with the longest such path, so
    // `mesh.istioCni.cpuRequest=…` is named rather than `mesh=…` (as --mesh is given).
    const lines = error.issues.map((issue) => {
      const override = overrides
        .filter((o) => {
          const path = issuePath(o.path);
          // A removed field leaves its object incomplete (a shedding with no kind): the issue is on that object.
          const parent = o.value === null ? issuePath(o.path.split('.').slice(0, -1).join('.')) : undefined;
          return (
            issue.path === path ||
            issue.path.startsWith(`${path}.`) ||
            issue.path.startsWith(`${path}[`) ||
            (parent !== undefined && parent !== '' && issue.path === parent)
          );
        })
        .reduce<Override | undefined>(
          (best, o) => (best === undefined || o.path.length > best.path.length ? o : best),
          undefined,
        );
      const where = issue.path === '' ? issue.reason : `${issue.path}: ${issue.reason}`;
      if (override === undefined) {
        // On or inside what a --set created (a new list item missing a field, a field name the schema does not know):
        // name that --set, not the file. The deepest such path is the closest.
        const created = [...createdItems.keys()]
          .filter(
            (path) =>
              issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`),
          )
          .reduce<string | undefined>(
            (best, path) => (best === undefined || path.length > best.length ? path : best),
            undefined,
          );
        const by = created === undefined ? undefined : createdItems.get(created);
        if (by !== undefined) {
          const hint = by.item
            ? ` (${String(created)} is a new item: set its other fields with --set too)`
            : '';
          return `--set ${by.override.path}=${writtenScalar(by.override.value)}: ${where}${hint}`;
        }
        return `${issue.file}: ${where}`;
      }
      // A list (`[a, b]`) or an object (`{attempts: 3}`) written as one value is a string here: say how it is set.
      const written = typeof override.value === 'string' ? override.value : '';
      const hint =
        written.startsWith('[') && issue.reason.startsWith('must be a list')
          ? ` (--set takes one value: set a list by its items, ${override.path}.0=…, ${override.path}.1=…)`
          : written.startsWith('{') && issue.reason.startsWith('must be a mapping')
            ? ` (--set takes one value: set an object by its fields, ${override.path}.<field>=…)`
            : // `none` where the field takes no such word: removing it is `null` (where it may be left out).
              written === 'none' && issue.path === issuePath(override.path) && optionalField(override.path)
              ? ` (to remove the field, as if the file did not write it: ${override.path}=null)`
              : '';
      return `--set ${override.path}=${writtenScalar(override.value)}: ${where}${hint}`;
    });
    throw new OverrideError(lines);
  }
}
