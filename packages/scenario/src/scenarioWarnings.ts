// The warnings of a scenario that need no run, as issues of its file, each about one field placed at the line and
// column the file writes it at, as errors are: those a run gives (`staticWarnings` of @meshsim/mesh), the
// quantities the file writes as bare numbers easily meant in another unit (durations, CPU), and under Istio's shapes
// a retry's `attempts`, easily meant as Istio's (which counts retries, not tries).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { staticWarnings } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';
import { findBareNumbers } from './internal/bareNumbers.js';
import type { BareNumber } from './internal/bareNumbers.js';
import { formatPath } from './internal/path.js';
import type { PathSegment } from './internal/path.js';
import { isObject } from './internal/rawAccess.js';
import { sourceOf } from './internal/scenarioSources.js';
import type { Locate } from './internal/positions.js';
import type { ScenarioIssue } from './ScenarioError.js';
import { listBundledScenarios } from './bundled.js';

/**
 * The warnings `simulate(config)` would give before it runs — the same checks, made by building its model without
 * running it (`staticWarnings`) — one {@link ScenarioIssue} each, in the order a run lists them: `reason` is the
 * warning, `path` the field it is about (`''` when about none). For a config `parseScenario`, `loadScenarioFile` or
 * `loadScenario` read (or `resolveScenario` was given the text of), `file` defaults to the name they used and each
 * warning about a field has the line and column of that field (or of its closest written parent); print one with
 * `formatScenarioIssue`. The durations a file writes as bare numbers are not among them: {@link bareDurationWarnings}.
 *
 * @param config - A resolved scenario (from a file, `resolveScenario` or code).
 * @param file - The file name the issues give. Default: the name the config was read as, else `scenario`.
 * @throws the errors of `simulate` for a config that is not valid.
 * @example
 * ```ts
 * const config = loadScenario('my-scenario.yaml');
 * for (const warning of scenarioWarnings(config)) console.warn(`warning: ${formatScenarioIssue(warning)}`);
 * // warning: my-scenario.yaml:14:9: services.web.calls[0].timeout: web → db: its timeout (1 ms) is under half …
 * ```
 */
export function scenarioWarnings(config: SimulationConfig, file?: string): ScenarioIssue[] {
  const warnings = staticWarnings(config);
  const source = sourceOf(config);
  const name = file ?? source?.file ?? 'scenario';
  let locate: Locate | undefined;
  if (source !== undefined && warnings.some((warning) => warning.path !== undefined))
    locate = source.parse()?.locate;
  return warnings.map(({ message, path: modelPath }): ScenarioIssue => {
    if (modelPath === undefined) return { file: name, path: '', reason: message };
    const path = source === undefined ? modelPath : writtenPath(source.input, modelPath);
    const position = locate?.(path);
    return { file: name, path: formatPath(path), reason: message, ...position };
  });
}

/**
 * Where `data` writes the field at `path`: `path` itself, but a `perTryTimeout` of a call, a traffic source or
 * `mesh.defaultPolicy` that `data` writes in its `retry` instead (the same field, Istio's spelling) is there.
 */
function writtenPath(data: unknown, path: readonly PathSegment[]): readonly PathSegment[] {
  if (path[path.length - 1] !== 'perTryTimeout') return path;
  let parent: unknown = data;
  for (const segment of path.slice(0, -1)) {
    parent =
      isObject(parent) || Array.isArray(parent)
        ? (parent as Record<PathSegment, unknown>)[segment]
        : undefined;
  }
  if (!isObject(parent) || 'perTryTimeout' in parent) return path;
  const retry = parent['retry'];
  return isObject(retry) && 'perTryTimeout' in retry
    ? [...path.slice(0, -1), 'retry', 'perTryTimeout']
    : path;
}

/**
 * The durations a scenario file writes as bare numbers other than 0 — milliseconds, easily meant as seconds
 * (`duration: 5` runs 5 ms) — one {@link ScenarioIssue} each at the field's line and column, in the order the file
 * writes them: `reason` is `5 is 5 ms (a bare number is milliseconds); write 5s for seconds, or 5ms to keep
 * milliseconds without this warning` (the CLI's `--duration 5` says the same: `bareDurationReason`). Only for a config
 * read from text (`parseScenario`, `loadScenarioFile`, `loadScenario`, or `resolveScenario` given the text), and only
 * the values that text writes (not those the data was edited to); none for a config built in code. Nothing is built.
 * The durations of {@link bareNumberWarnings}, which also lists the CPU quantities.
 *
 * @param config - A resolved scenario.
 * @param file - The file name the issues give. Default: the name the config was read as.
 * @example
 * ```ts
 * for (const warning of bareDurationWarnings(loadScenario('my-scenario.yaml')))
 *   console.warn(`warning: ${formatScenarioIssue(warning)}`);
 * // warning: my-scenario.yaml:3:1: duration: 5 is 5 ms (a bare number is milliseconds); write 5s for seconds, …
 * ```
 */
export function bareDurationWarnings(config: SimulationConfig, file?: string): ScenarioIssue[] {
  return bareIssues(config, file, (found) => found.kind === 'duration');
}

/**
 * The quantities a scenario file writes as bare numbers easily meant in another unit, one {@link ScenarioIssue} each
 * at the field's line and column, in the order the file writes them: the durations of {@link bareDurationWarnings}
 * (milliseconds, easily meant as seconds), and the CPU quantities implausible as cores, easily meant as millicores —
 * `cpuLimit: 500` on nodes of 8 cores: `500 is 500 cores (a bare CPU quantity is cores, as Kubernetes reads it), more
 * than the largest node has (8 cores, nodeCpu); write 500m for millicores (0.5 cores)` (`bareCpuReason` says which:
 * a container's from 16 cores, when more than the largest node the file writes; a node's size from 1000). For a
 * config read from text only, as {@link bareDurationWarnings}. Nothing is built.
 *
 * @param config - A resolved scenario.
 * @param file - The file name the issues give. Default: the name the config was read as.
 * @example
 * ```ts
 * for (const warning of bareNumberWarnings(loadScenario('my-scenario.yaml')))
 *   console.warn(`warning: ${formatScenarioIssue(warning)}`);
 * // warning: my-scenario.yaml:7:5: services.api.cpuLimit: 500 is 500 cores (a bare CPU quantity is cores, …
 * ```
 */
export function bareNumberWarnings(config: SimulationConfig, file?: string): ScenarioIssue[] {
  return bareIssues(config, file, () => true);
}

/** The bare numbers of `config`'s text that `keep` keeps, as issues at their fields. */
function bareIssues(
  config: SimulationConfig,
  file: string | undefined,
  keep: (found: BareNumber) => boolean,
): ScenarioIssue[] {
  const source = sourceOf(config);
  if (source === undefined) return [];
  const parsed = source.parse();
  if (parsed === undefined) return [];
  const name = file ?? source.file;
  return findBareNumbers(source.input, parsed.data)
    .filter(keep)
    .map(({ path, reason }) => ({
      file: name,
      path: formatPath(path),
      reason,
      ...parsed.locate(path),
    }));
}

/** The shapes whose retries an SRE writes as Istio's VirtualService `retries.attempts`. */
const ISTIO_SHAPES: ReadonlySet<string> = new Set(['istio-sidecar', 'istio-ambient']);

/** Whether `config`'s proxies are Istio's: `istio-sidecar`, `istio-ambient`, or `layered` with either inside. */
function underIstio(config: SimulationConfig): boolean {
  const mesh = config.mesh;
  return ISTIO_SHAPES.has(mesh.shape) || (mesh.shape === 'layered' && ISTIO_SHAPES.has(mesh.inCluster.shape));
}

/** Whether `text`, read as `file`, is a bundled scenario: read by name or path, or an unchanged copy of the same name. */
function isBundledText(file: string, text: string): boolean {
  const name = basename(file);
  const match = listBundledScenarios().find((scenario) => basename(scenario.file) === name);
  return match !== undefined && readFileSync(match.file, 'utf8') === text;
}

/** The first line `meshsim import` writes in the scenarios it writes. */
const IMPORTED_HEADER = /^# Imported by `meshsim import`/;

/** An importer's comment naming where a part with `retry` among its fields came from (`# timeout, retry from …`). */
const IMPORTED_RETRY_COMMENT = /^#\s*(?:[\w-]+,\s*)*retry(?:,\s*[\w-]+)*\s+from\s/;

/**
 * Whether the `retry` of the call (or source, or policy) at `path`, in a file `meshsim import` wrote (`lines`), is the
 * importer's: the comment lines just above the call, or above its `retry` key, say `… retry from <file>#<n>
 * Kind/name`. The importer wrote such a retry's `attempts` in meshsim's counting (Istio's attempts: 3 → 4).
 */
function importerWroteRetry(lines: readonly string[], locate: Locate, path: readonly PathSegment[]): boolean {
  for (const at of [path, [...path, 'retry']]) {
    const line = locate(at)?.line;
    if (line === undefined) continue;
    for (let i = line - 2; i >= 0 && (lines[i] ?? '').trim().startsWith('#'); i--)
      if (IMPORTED_RETRY_COMMENT.test((lines[i] ?? '').trim())) return true;
  }
  return false;
}

/**
 * The path and value of the first `retry: { attempts: n }` in `data`, in the order the file writes it, or null;
 * passing over the retries of the parts `skip` says (given the path of the part holding `retry`).
 */
function firstRetryAttempts(
  data: unknown,
  path: readonly PathSegment[] = [],
  skip: (path: readonly PathSegment[]) => boolean = () => false,
): { path: readonly PathSegment[]; attempts: number } | null {
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const found = firstRetryAttempts(data[i], [...path, i], skip);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isObject(data)) return null;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'retry' && isObject(value) && typeof value['attempts'] === 'number') {
      if (!skip(path)) return { path: [...path, key, 'attempts'], attempts: value['attempts'] };
      continue;
    }
    const found = firstRetryAttempts(value, [...path, key], skip);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Under Istio's shapes, one {@link ScenarioIssue} at the first `retry.attempts` the scenario file writes: meshsim's
 * `attempts` counts every try including the first, Istio's VirtualService `retries.attempts` counts retries only, so
 * an `attempts: 2` copied from Istio makes one retry where Istio makes two — `attempts: 2 is 2 tries in all, the
 * first and 1 retry (Istio's attempts: 1): …; for Istio's attempts: 2 write attempts: 3 (said once, at the file's
 * first retry)`. Once per file (the semantics are the file's, not one call's); none under other shapes,
 * for a file without a retry, for a config not read from text (as {@link bareDurationWarnings}), or for a bundled
 * scenario (written in meshsim's counting by meshsim's authors; the user has no file of it to edit). The retries
 * `meshsim import` wrote (its header line, and `… retry from <file>#<n> Kind/name` above the call) are passed over:
 * the importer converted Istio's count. `appRetry` (the application's own tries) is no Istio field and is not looked
 * at. There is no other spelling of `attempts` to silence it with: the CLI says it in `validate` only, not on every
 * run.
 *
 * @param config - A resolved scenario.
 * @param file - The file name the issue gives. Default: the name the config was read as.
 */
export function istioAttemptsWarnings(config: SimulationConfig, file?: string): ScenarioIssue[] {
  if (!underIstio(config)) return [];
  const source = sourceOf(config);
  const parsed = source?.parse();
  if (source === undefined || parsed === undefined) return [];
  const lines = IMPORTED_HEADER.test(source.text) ? source.text.split('\n') : undefined;
  const imported = (path: readonly PathSegment[]): boolean =>
    lines !== undefined && importerWroteRetry(lines, parsed.locate, path);
  const found = firstRetryAttempts(parsed.data, [], imported);
  if (found === null || isBundledText(source.file, source.text)) return [];
  const n = found.attempts;
  const retries = `${n - 1} retr${n - 1 === 1 ? 'y' : 'ies'}`;
  const reason =
    `attempts: ${n} is ${n} tr${n === 1 ? 'y' : 'ies'} in all, the first and ${retries} (Istio's attempts: ${n - 1}): ` +
    "meshsim's attempts counts the first try, Istio's VirtualService retries.attempts counts retries only; " +
    `for Istio's attempts: ${n} write attempts: ${n + 1} (said once, at the file's first retry)`;
  return [{ file: file ?? source.file, path: formatPath(found.path), reason, ...parsed.locate(found.path) }];
}
