// How the commands print the warnings of a scenario file that need no run, in one form (formatScenarioIssue):
// `validate` lists them; `run`, `compare` and `sweep` say before running which durations the file writes as bare
// numbers.

import type { ScenarioSource } from '@meshsim/analysis';
import type { SimulationConfig } from '@meshsim/mesh';
import { bareDurationWarnings, formatScenarioIssue } from '@meshsim/scenario';
import type { ScenarioIssue } from '@meshsim/scenario';

/** A warning of a scenario file, as every command prints it: `warning: file:line:column: path: reason`. */
export function scenarioWarningLine(issue: ScenarioIssue): string {
  return `warning: ${formatScenarioIssue(issue)}`;
}

/**
 * The stderr lines a command that runs `config` starts with: each duration its file writes as a bare number (5 is
 * 5 ms), `meshsim: warning: my.yaml:1:1: duration: 5 is 5 ms (a bare number is milliseconds); …` — as `--duration 5`
 * warns; none for a bundled scenario read by name (none writes one, and the user has no file of it to edit).
 */
export function bareDurationLines(source: ScenarioSource, config: SimulationConfig): string[] {
  if (source.bundled !== undefined) return [];
  return bareDurationWarnings(config).map((issue) => `meshsim: ${scenarioWarningLine(issue)}`);
}
