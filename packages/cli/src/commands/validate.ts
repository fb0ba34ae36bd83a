// `meshsim validate <file...>`: load each scenario file and report every error, without running it.

import { ScenarioError, loadScenario } from '@meshsim/scenario';

import { UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';

/**
 * Validates each file: prints `ok <file>` on stdout, or the file's errors (file, field path, reason)
 * on stderr, and carries on with the next file.
 *
 * @returns 0 if every file is valid, 1 if any is invalid or unreadable.
 * @throws {UsageError} when no file is given or a flag is unknown.
 */
export function validateCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('validate', args, {
    help: { type: 'boolean', short: 'h' },
  });
  if (values['help'] === true) {
    io.stdout.write(commandHelp('validate'));
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError(`missing file: 'meshsim validate <file...>'`, 'validate');
  }

  let invalid = 0;
  for (const file of positionals) {
    const problem = check(file);
    if (problem === null) {
      io.stdout.write(`ok ${file}\n`);
    } else {
      invalid += 1;
      io.stderr.write(problem.endsWith('\n') ? problem : problem + '\n');
    }
  }
  if (invalid > 0 && positionals.length > 1) {
    io.stderr.write(`${String(invalid)} of ${String(positionals.length)} files invalid\n`);
  }
  return invalid > 0 ? 1 : 0;
}

/** `null` if `file` loads, else the text to print about it. */
function check(file: string): string | null {
  try {
    loadScenario(file);
    return null;
  } catch (error) {
    if (error instanceof ScenarioError) {
      // The message names the file; if it ever does not, say which file it is about.
      return error.message.includes(file) ? error.message : `${file}:\n${error.message}`;
    }
    return `${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
