// The error an import ends with when it cannot produce a scenario: unreadable or malformed input, nothing
// importable, or an invalid result. It lists every problem with its file (and line and column when known).

/** One reason an import failed. */
export interface ImportIssue {
  /** The input file as shown to the user ('' when the problem is not about one file). */
  file: string;
  /** 1-based line, when the problem has a position (YAML syntax errors, a --graph fragment's invalid field). */
  line?: number;
  /** 1-based column, with `line`. */
  column?: number;
  /** What is wrong. */
  reason: string;
}

/** Renders an issue as `file:line:column: reason` (or `file: reason`, or `reason`). */
export function formatImportIssue(issue: ImportIssue): string {
  if (issue.file === '') return issue.reason;
  const position =
    issue.line === undefined
      ? ''
      : `:${String(issue.line)}${issue.column === undefined ? '' : `:${String(issue.column)}`}`;
  return `${issue.file}${position}: ${issue.reason}`;
}

/** Thrown by `importScenario` when no scenario can be produced; `issues` lists every reason. */
export class ImportError extends Error {
  /** Every problem found, in input order. */
  readonly issues: readonly ImportIssue[];

  constructor(issues: readonly ImportIssue[]) {
    super(issues.map(formatImportIssue).join('\n'));
    this.name = 'ImportError';
    this.issues = issues;
  }
}
