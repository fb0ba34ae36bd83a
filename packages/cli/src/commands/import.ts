// `meshsim import <files or dirs...>`: turn isotope, Kubernetes, Istio and Linkerd files into a scenario.

import { ImportError, formatImportWarning, importScenario } from '@meshsim/import';
import type { ImportOptions } from '@meshsim/import';
import { parseRate } from '@meshsim/scenario';

import { CliError, UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { stringFlag, writeOutput } from '../internal/flags.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import { STDIN } from '../internal/scenarioArgs.js';

/** `--rate`: a rate > 0. */
function checkRate(text: string): string {
  let perSecond: number;
  try {
    perSecond = parseRate(text);
  } catch {
    perSecond = Number.NaN;
  }
  if (!(perSecond > 0)) {
    throw new UsageError(
      `invalid value for --rate: '${text}' (expected a rate > 0 such as 200/s, 12000/m or 50)`,
      'import',
    );
  }
  return text;
}

/**
 * Imports the inputs (`-`: standard input, read once) and writes the scenario to stdout (or `--out FILE`); every
 * warning goes to stderr as `warning: …` (a note on how a value was read as `note: …`), followed by a count.
 *
 * @returns 0 when the scenario was written, 1 when the import failed (every problem is printed).
 * @throws {UsageError} when no input is given, `-` is given twice or as `--graph`, or a flag is unknown or bad;
 *   {@link CliError} for an unwritable output file, or `-` without standard input.
 */
export function importCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('import', args, {
    help: { type: 'boolean', short: 'h' },
    graph: { type: 'string' },
    rate: { type: 'string' },
    name: { type: 'string' },
    out: { type: 'string' },
  });
  if (values['help'] === true) {
    io.stdout.write(commandHelp('import'));
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError(`missing input: 'meshsim import <files or dirs...>'`, 'import');
  }
  const options: ImportOptions = {};
  const graph = stringFlag(values, 'graph');
  if (graph === STDIN) {
    throw new UsageError(
      `--graph takes a file, not standard input (-): give the fragment as a file, and the resources on standard input ('meshsim import - --graph graph.yaml')`,
      'import',
    );
  }
  if (positionals.filter((input) => input === STDIN).length > 1) {
    throw new UsageError(`standard input (-) is given twice; it can be read once`, 'import');
  }
  if (positionals.includes(STDIN)) {
    if (io.readStdin === undefined) throw new CliError('cannot read the inputs: no standard input');
    options.stdin = io.readStdin();
  }
  const rate = stringFlag(values, 'rate');
  const name = stringFlag(values, 'name');
  if (graph !== undefined) options.graph = graph;
  if (rate !== undefined) options.rate = checkRate(rate);
  if (name !== undefined) options.name = name;

  let result: ReturnType<typeof importScenario>;
  try {
    result = importScenario(positionals, options);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
  for (const warning of result.warnings) {
    io.stderr.write(`${warning.severity ?? 'warning'}: ${formatImportWarning(warning)}\n`);
  }
  writeOutput(io, stringFlag(values, 'out'), 'scenario', result.scenario);
  const notes = result.warnings.filter((warning) => warning.severity === 'note').length;
  io.stderr.write(
    `imported with ${String(result.warnings.length - notes)} warning(s)${notes > 0 ? ` and ${String(notes)} note(s)` : ''}\n`,
  );
  return 0;
}
