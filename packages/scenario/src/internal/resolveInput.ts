// The validation pipeline shared by every entry point: schema, cross-references, then resolution.
// Collects every issue from all stages and throws one ScenarioError; nothing is built from invalid input.

import type { SimulationConfig } from '@meshsim/mesh';
import { basename, extname } from 'node:path';
import { ScenarioError } from '../ScenarioError.js';
import type { ScenarioIssue } from '../ScenarioError.js';
import { ScenarioSchema } from '../schema.js';
import { buildConfig } from './buildConfig.js';
import { checkInputShape } from './checkInputShape.js';
import { checkReferences } from './checkReferences.js';
import { createErrorMap } from './errorMap.js';
import type { KnownKeys } from './errorMap.js';
import { formatPath } from './path.js';
import type { PathSegment } from './path.js';
import type { Locate, ReadWritten } from './positions.js';
import { flattenZodIssues } from './zodIssues.js';
import type { PathIssue } from './PathIssue.js';
import { pushAll } from '@meshsim/mesh';

/** The scenario name used when the file has none: the file name without its extension. */
function nameFromFile(file: string): string {
  const stem = basename(file, extname(file));
  return stem === '' || stem.startsWith('<') ? 'scenario' : stem;
}

function toScenarioIssues(
  file: string,
  issues: readonly PathIssue[],
  locate: Locate | undefined,
): ScenarioIssue[] {
  const seen = new Set<string>();
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    const key = `${path}\u0000${issue.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const position = locate?.(issue.path);
    out.push(
      position === undefined
        ? { file, path, reason: issue.reason }
        : { file, path, reason: issue.reason, ...position },
    );
  }
  // File order; issues at the same place keep the order they were found in (Array.prototype.sort is stable).
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Whether `path` is `prefix` or inside it. */
function isWithin(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/**
 * Validates a parsed scenario and resolves it into a {@link SimulationConfig}.
 *
 * @param input - The parsed file (plain data).
 * @param file - The file name used in issues.
 * @param locate - Maps field paths to source positions, when the text is available.
 * @param written - Maps field paths to the values' text as written, when the text is available.
 * @throws ScenarioError listing every problem found.
 */
export function resolveInput(
  input: unknown,
  file: string,
  locate?: Locate,
  written?: ReadWritten,
): SimulationConfig {
  // Depth, size, `__proto__` keys and non-finite numbers first: the schema only sees input that passed
  // the fatal ones, and does not repeat a problem found here.
  const shape = checkInputShape(input, written);
  if (shape.fatal) throw new ScenarioError(toScenarioIssues(file, shape.issues, locate));
  const knownKeys: KnownKeys = new Map();
  const parsed = ScenarioSchema.safeParse(input, { reportInput: true, error: createErrorMap(knownKeys) });
  const issues: PathIssue[] = [...shape.issues];
  const found = shape.issues.map((issue) => issue.path);
  const notFound = (issue: PathIssue): boolean => !found.some((path) => isWithin(issue.path, path));
  const schemaIssues = parsed.success
    ? []
    : flattenZodIssues(parsed.error.issues, knownKeys).filter(notFound);
  // A number beyond the largest exact integer: the field's own bound where the schema gives one (`concurrency: 1e20`
  // is told it must be between 1 and 100000), else the largest exact integer.
  const bounded = (issue: PathIssue): boolean =>
    schemaIssues.some((other) => formatPath(other.path) === formatPath(issue.path));
  pushAll(
    issues,
    shape.tooLarge.filter((issue) => !bounded(issue)),
  );
  pushAll(issues, schemaIssues);
  pushAll(issues, checkReferences(input).filter(notFound));
  if (parsed.success && issues.length === 0) {
    const config = buildConfig(parsed.data, nameFromFile(file), issues);
    if (issues.length === 0) return config;
  }
  throw new ScenarioError(toScenarioIssues(file, issues, locate));
}
