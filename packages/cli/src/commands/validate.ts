// `meshsim validate <file...>`: load each scenario file (or `-`, standard input) and report every error, and
// the warnings a run would give before it starts, without running it; `--json` prints one machine-readable report.

import {
  ScenarioError,
  bareNumberWarnings,
  istioAttemptsWarnings,
  loadScenario,
  parseScenario,
  scenarioWarnings,
} from '@meshsim/scenario';
import type { SimulationConfig } from '@meshsim/mesh';
import type { ScenarioIssue } from '@meshsim/scenario';

import { CliError, UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import { STDIN, STDIN_NAME } from '../internal/scenarioArgs.js';
import { scenarioWarningLine } from '../internal/scenarioWarningLines.js';

/** Version of the `validate --json` document; bumped on any incompatible change. */
export const VALIDATE_SCHEMA_VERSION = 1;

/** What validating one file found. */
interface Checked {
  file: string;
  issues: readonly ScenarioIssue[];
  /**
   * What a run of a valid file would warn of before it starts: the durations and CPU quantities it writes as bare
   * numbers easily meant in another unit (`bareNumberWarnings`), under Istio's shapes its first `retry.attempts`
   * (`istioAttemptsWarnings`), then its model's warnings (`scenarioWarnings`); none for an invalid one.
   */
  warnings: readonly ScenarioIssue[];
  /** The text to print about an invalid file (text output). */
  message: string | null;
}

/**
 * Validates each file: prints `ok <file>` on stdout, or the file's errors on stderr, one
 * `file:line:column: path: reason` line each (`formatScenarioIssue`, as `run` prints them), and carries
 * on with the next file. The warnings a run of a valid file would give before it starts — the durations and CPU
 * quantities it writes as bare numbers (`bareNumberWarnings`), under Istio's shapes its first `retry.attempts`
 * (`istioAttemptsWarnings`), then its model's (`scenarioWarnings`): no run needed — follow its `ok`
 * line on stderr, one `warning: file:line:column: path: reason` line each (as `run` places them). With
 * `--json`, prints
 * `{"schemaVersion":1,"valid":…,"files":[{"file","valid","issues":[…],"warnings":[…]}]}` on stdout instead, each
 * issue and warning `{"file","path","reason","line","column"}`. `-` reads a scenario from standard input (once).
 *
 * @returns 0 if every file is valid (warnings or not), 1 if any is invalid or unreadable.
 * @throws {UsageError} when no file is given or a flag is unknown.
 */
export function validateCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('validate', args, {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
  });
  if (values['help'] === true) {
    io.stdout.write(commandHelp('validate'));
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError(`missing file: 'meshsim validate <file...>'`, 'validate');
  }
  if (positionals.filter((file) => file === STDIN).length > 1) {
    throw new UsageError(`'-' (standard input) can be given once`, 'validate');
  }

  const checked = positionals.map((file) => check(file, io));
  const invalid = checked.filter((c) => c.message !== null).length;
  if (values['json'] === true) {
    const document = {
      schemaVersion: VALIDATE_SCHEMA_VERSION,
      valid: invalid === 0,
      files: checked.map((c) => ({
        file: c.file,
        valid: c.message === null,
        issues: c.issues.map(issueJson),
        warnings: c.warnings.map(issueJson),
      })),
    };
    io.stdout.write(JSON.stringify(document, null, 2) + '\n');
    return invalid > 0 ? 1 : 0;
  }
  for (const c of checked) {
    if (c.message === null) io.stdout.write(`ok ${c.file}\n`);
    else io.stderr.write(c.message.endsWith('\n') ? c.message : c.message + '\n');
    for (const warning of c.warnings) io.stderr.write(`${scenarioWarningLine(warning)}\n`);
  }
  if (invalid > 0 && positionals.length > 1) {
    io.stderr.write(`${String(invalid)} of ${String(positionals.length)} files invalid\n`);
  }
  return invalid > 0 ? 1 : 0;
}

/** An issue or a warning in the `--json` report (`line` and `column` null when unknown). */
function issueJson(issue: ScenarioIssue): object {
  return {
    file: issue.file,
    path: issue.path,
    reason: issue.reason,
    line: issue.line ?? null,
    column: issue.column ?? null,
  };
}

/** Loads `file` (or standard input for `-`) and reports what is wrong with it, or what a run of it would warn of. */
function check(file: string, io: CliIo): Checked {
  const name = file === STDIN ? STDIN_NAME : file;
  try {
    let config: SimulationConfig;
    if (file === STDIN) {
      if (io.readStdin === undefined) throw new CliError('cannot read the scenario: no standard input');
      config = parseScenario(io.readStdin(), STDIN_NAME);
    } else {
      config = loadScenario(file);
    }
    // A model that cannot be built is an error `run` would stop on too: reported as one below.
    const warnings = [
      ...bareNumberWarnings(config),
      ...istioAttemptsWarnings(config),
      ...scenarioWarnings(config),
    ];
    return { file: name, issues: [], warnings, message: null };
  } catch (error) {
    if (error instanceof ScenarioError) {
      // The message names the file; if it ever does not, say which file it is about.
      const message = error.message.includes(name) ? error.message : `${name}:\n${error.message}`;
      return { file: name, issues: error.issues, warnings: [], message };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return {
      file: name,
      issues: [{ file: name, path: '', reason }],
      warnings: [],
      message: `${name}: ${reason}`,
    };
  }
}
