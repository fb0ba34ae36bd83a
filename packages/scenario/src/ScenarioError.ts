// The error thrown for an invalid scenario: every problem found, each naming the file, the field
// path and the reason, so a user can fix them all in one pass.

/** One problem in a scenario file. */
export interface ScenarioIssue {
  /** File name as given to the loader (`retry-storm.yaml`, `./my/scenario.json`). */
  file: string;
  /** Field path such as `services.checkout.calls[0].retry.attempts`; `''` for the whole file. */
  path: string;
  /** What is wrong, e.g. `must be an integer >= 1 (got 0)`. */
  reason: string;
  /** 1-based line of the field (or of its closest written parent), when known. */
  line?: number;
  /** 1-based column of the field, when known. */
  column?: number;
}

/**
 * Formats one issue as `file:line:column: path: reason` when its position is known, else
 * `file: path: reason`; the path is left out when it is empty. For example
 * `retry-storm.yaml:12:11: services.checkout.replicas: must be an integer >= 1 (got 0)`.
 * The one rendering of an issue: `ScenarioError.message`, and so `meshsim run` and `meshsim validate`, use it.
 */
export function formatScenarioIssue(issue: ScenarioIssue): string {
  const position =
    issue.line === undefined
      ? ''
      : `:${String(issue.line)}${issue.column === undefined ? '' : `:${String(issue.column)}`}`;
  const where = `${issue.file}${position}`;
  return issue.path === '' ? `${where}: ${issue.reason}` : `${where}: ${issue.path}: ${issue.reason}`;
}

/**
 * An invalid scenario. `issues` lists every problem found (all of them, not just the first), in
 * file order; the message has one {@link formatScenarioIssue} line per issue.
 *
 * @example
 * ```ts
 * try {
 *   loadScenario('my-scenario.yaml');
 * } catch (error) {
 *   if (error instanceof ScenarioError) for (const issue of error.issues) console.error(issue.path, issue.reason);
 * }
 * ```
 */
export class ScenarioError extends Error {
  /** Every problem found, in file order. Never empty. */
  readonly issues: readonly ScenarioIssue[];

  /** @param issues - The problems; at least one. */
  constructor(issues: readonly ScenarioIssue[]) {
    super(issues.map(formatScenarioIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}
