// The error for a bad `--set`: its syntax, a path that does not exist in the scenario, or a value the
// scenario schema rejects. Each message names the option, the field path and the reason.

/** A `--set` option that cannot be applied; `message` has one line per problem. */
export class OverrideError extends Error {
  /** The problems, one line each (`--set a.b=1: a.b: unknown field (did you mean "c"?)`). */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'OverrideError';
    this.problems = problems;
  }
}
