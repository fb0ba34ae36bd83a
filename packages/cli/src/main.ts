// The meshsim command line as a function: parse argv, dispatch to a command, map errors to exit codes.

import { CliError, UsageError } from './CliError.js';
import type { CliIo } from './CliIo.js';
import { COMMANDS, commandHelp, MAIN_HELP, usageHint } from './help.js';
import type { CommandName } from './help.js';
import { SHAPE_MODULE_FLAG, takeLeadingShapeModules, takeShapeModules } from './internal/shapeModuleArgs.js';
import { readVersion } from './version.js';

/** A command's handler. */
type Handler = (args: readonly string[], io: CliIo) => number | Promise<number>;

// Each command's module is loaded when the command runs: `--help` and `--version` start without the simulator,
// and each command loads only what it uses (DuckDB, the HTML assets and the importers only where needed).
const HANDLERS: Readonly<Record<CommandName, () => Promise<Handler>>> = {
  list: async () => (await import('./commands/list.js')).listCommand,
  run: async () => (await import('./commands/run.js')).runCommand,
  compare: async () => (await import('./commands/compare.js')).compareCommand,
  sweep: async () => (await import('./commands/sweep.js')).sweepCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
};

/**
 * Runs the `meshsim` command line. Never throws and never calls `process.exit`: every error is
 * printed to `io.stderr` and turned into an exit code.
 *
 * @param argv - The arguments after the program name (`process.argv.slice(2)`).
 * @param io - Where to write results (`stdout`) and messages (`stderr`).
 * @returns The exit code: 0 success, 1 simulation or validation error, 2 usage error (a bad `--set`
 *   included), 130 when a sweep is interrupted (Ctrl-C).
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return await reportError(error, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  // `--shape-module FILE` may come before the command's name as well as after it.
  const leading = takeLeadingShapeModules(argv);
  const [first, ...rest] = leading.rest;
  if (first === undefined && leading.files.length > 0) {
    throw new UsageError(
      `${SHAPE_MODULE_FLAG} needs a command after it: meshsim ${SHAPE_MODULE_FLAG} ${leading.files[0]} compare …`,
    );
  }
  if (first === undefined) {
    io.stderr.write(MAIN_HELP);
    return 2;
  }
  if (first === '--help' || first === '-h') {
    io.stdout.write(MAIN_HELP);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`meshsim ${readVersion()}\n`);
    return 0;
  }
  if (first === 'help') {
    // `meshsim --shape-module FILE help run`: the help names the module's shapes, as `run --help` does.
    if (leading.files.length > 0) await loadModules(leading.files, undefined);
    return help(rest, io);
  }
  if (first.startsWith('-') || !isCommand(first)) {
    // Loaded only for this message: --help and --version start without the simulator.
    const { didYouMean } = await import('@meshsim/scenario');
    if (first.startsWith('-')) {
      const hint = first.startsWith('--') ? didYouMean(first, ['--help', '--version']) : '';
      throw new UsageError(`unknown flag '${first}'${hint}`);
    }
    throw new UsageError(
      `unknown command '${first}'${didYouMean(first, COMMANDS)} (commands: ${COMMANDS.join(', ')})`,
    );
  }
  // The user's mesh shapes first: the command's flags (--mesh, --set mesh=…) and help may name them.
  const { files, rest: args } = takeShapeModules(rest, first);
  await loadModules([...leading.files, ...files], first);
  const handler = await HANDLERS[first]();
  return await Promise.resolve(handler(args, io));
}

/** Imports the user's shape modules (`--shape-module`), if any, for `command` (its usage hint on an error). */
async function loadModules(files: readonly string[], command: string | undefined): Promise<void> {
  if (files.length === 0) return;
  const { loadShapeModules } = await import('./internal/loadShapeModules.js');
  await loadShapeModules(files, command);
}

function help(args: readonly string[], io: CliIo): number {
  const [topic, ...extra] = args;
  if (topic === undefined) {
    io.stdout.write(MAIN_HELP);
    return 0;
  }
  if (!isCommand(topic) || extra.length > 0) {
    throw new UsageError(`no help for '${args.join(' ')}' (commands: ${COMMANDS.join(', ')})`);
  }
  io.stdout.write(commandHelp(topic));
  return 0;
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof UsageError) {
    io.stderr.write(`meshsim: ${error.message}\n${usageHint(error.command)}\n`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    io.stderr.write(`meshsim: ${error.message}\n`);
    return error.exitCode;
  }
  // The command that threw has loaded these modules already.
  const [{ OverrideError }, { ScenarioError }] = await Promise.all([
    import('@meshsim/analysis'),
    import('@meshsim/scenario'),
  ]);
  if (error instanceof OverrideError) {
    io.stderr.write(`${error.problems.map((line) => `meshsim: ${line}`).join('\n')}\n`);
    return 2;
  }
  if (error instanceof ScenarioError) {
    io.stderr.write(error.message.endsWith('\n') ? error.message : error.message + '\n');
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`meshsim: error: ${message}\n`);
  if (process.env['MESHSIM_DEBUG'] !== undefined && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(error.stack + '\n');
  }
  return 1;
}
