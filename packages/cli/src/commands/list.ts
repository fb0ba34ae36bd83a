// `meshsim list`: the bundled scenarios with their one-line descriptions; `--shapes`: the mesh shapes.

import { meshShapes } from '@meshsim/mesh';
import { listBundledScenarios } from '@meshsim/scenario';

import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import { UsageError } from '../CliError.js';
import { maxOf } from '@meshsim/mesh';

/** Lines of `name  description`, names padded to one width. */
function writeRows(io: CliIo, rows: readonly (readonly [string, string])[]): void {
  const width = maxOf(
    rows.map(([name]) => name.length),
    0,
  );
  for (const [name, description] of rows)
    io.stdout.write(`${name.padEnd(width)}  ${description}`.trimEnd() + '\n');
}

/** A JSON array, two-space indented, one line per field. */
function writeJson(io: CliIo, rows: readonly Record<string, string>[]): void {
  io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
}

/**
 * Prints one line per bundled scenario: its name, padded, then its description; with `--shapes`,
 * one line per registered mesh shape instead. `--json` prints a JSON array of `{name, description}` (of
 * `{name, summary}` with `--shapes`).
 *
 * @param args - Arguments after `list`.
 * @returns The exit code: 0, or 2 for a usage error (thrown as {@link UsageError}).
 */
export function listCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('list', args, {
    help: { type: 'boolean', short: 'h' },
    shapes: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values['help'] === true) {
    io.stdout.write(commandHelp('list'));
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`'meshsim list' takes no arguments (got '${positionals.join(' ')}')`, 'list');
  }
  const json = values['json'] === true;
  if (values['shapes'] === true) {
    if (json) {
      writeJson(
        io,
        meshShapes().map((shape) => ({ name: shape.name, summary: shape.summary })),
      );
      return 0;
    }
    writeRows(
      io,
      meshShapes().map((shape) => [shape.name, shape.summary] as const),
    );
    return 0;
  }
  const scenarios = listBundledScenarios().map(
    (scenario) => [scenario.name, scenario.description.split('\n')[0]?.trim() ?? ''] as const,
  );
  if (json)
    writeJson(
      io,
      scenarios.map(([name, description]) => ({ name, description })),
    );
  else writeRows(io, scenarios);
  return 0;
}
