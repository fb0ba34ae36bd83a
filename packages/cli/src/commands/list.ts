// `meshsim list`: the bundled scenarios with their one-line descriptions.

import { listBundledScenarios } from '@meshsim/scenario';

import type { CliIo } from '../CliIo.js';
import { COMMAND_HELP } from '../help.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import { UsageError } from '../CliError.js';

/**
 * Prints one line per bundled scenario: its name, padded, then its description.
 *
 * @param args - Arguments after `list`.
 * @returns The exit code: 0, or 2 for a usage error (thrown as {@link UsageError}).
 */
export function listCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('list', args, {
    help: { type: 'boolean', short: 'h' },
  });
  if (values['help'] === true) {
    io.stdout.write(COMMAND_HELP.list);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`'meshsim list' takes no arguments (got '${positionals.join(' ')}')`, 'list');
  }
  const scenarios = listBundledScenarios();
  const width = Math.max(0, ...scenarios.map((scenario) => scenario.name.length));
  for (const scenario of scenarios) {
    const description = scenario.description.split('\n')[0]?.trim() ?? '';
    io.stdout.write(`${scenario.name.padEnd(width)}  ${description}`.trimEnd() + '\n');
  }
  return 0;
}
