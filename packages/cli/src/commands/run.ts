// `meshsim run <name|file>`: load a scenario, apply the flags, simulate, render, write.

import { simulate } from '@meshsim/mesh';
import type { MeshShapeName, SimulateOptions, SimulationResult } from '@meshsim/mesh';
import { renderEdgesCsv, renderJson, renderOpenMetrics, renderText } from '@meshsim/report';
import { applyOverrides, loadScenario } from '@meshsim/scenario';

import { UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { COMMAND_HELP } from '../help.js';
import { parseDuration, parseMesh, parseSeed, stringFlag, writeOutput } from '../internal/flags.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import { ProgressBar, formatDoneLine } from '../progress.js';

/** Output formats of `meshsim run`, selected by `--json`, `--csv`, `--openmetrics` (default `text`). */
export type RunFormat = 'text' | 'json' | 'csv' | 'openmetrics';

const RENDERERS: Readonly<Record<RunFormat, (result: SimulationResult) => string>> = {
  text: renderText,
  json: renderJson,
  csv: renderEdgesCsv,
  openmetrics: renderOpenMetrics,
};

/** The parsed command line of `meshsim run`. */
export interface RunArgs {
  scenario: string;
  seed?: number;
  durationMs?: number;
  mesh?: MeshShapeName;
  format: RunFormat;
  out?: string;
  progress: boolean;
}

/**
 * Runs a scenario and writes its results to stdout (or `--out FILE`). Progress and the final
 * `done in …` line go to stderr.
 *
 * @returns 0 on success.
 * @throws {UsageError} for a bad command line; `ScenarioError` for an unknown scenario name, a missing
 * or invalid scenario file; {@link CliError} for an unwritable output file; any error `simulate` throws.
 */
export function runCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseRunArgs(args);
  if (parsed === 'help') {
    io.stdout.write(COMMAND_HELP.run);
    return 0;
  }

  // loadScenario reports an unknown name (listing the bundled ones) or a missing file as a ScenarioError.
  const base = loadScenario(parsed.scenario);
  const config = applyOverrides(base, {
    ...(parsed.seed !== undefined && { seed: parsed.seed }),
    ...(parsed.durationMs !== undefined && { durationMs: parsed.durationMs }),
    ...(parsed.mesh !== undefined && { mesh: parsed.mesh }),
  });

  // The bar is for people watching a terminal: never when stderr is piped, nor with --json.
  const bar =
    parsed.progress && parsed.format !== 'json' && io.stderr.isTTY === true
      ? new ProgressBar(io.stderr)
      : null;
  const options: SimulateOptions = bar === null ? {} : { onProgress: (at, total) => bar.update(at, total) };

  const startedMs = performance.now();
  let result: SimulationResult;
  try {
    result = simulate(config, options);
  } finally {
    bar?.clear();
  }
  const wallMs = performance.now() - startedMs;

  writeOutput(io, parsed.out, parsed.format, RENDERERS[parsed.format](result));
  io.stderr.write(formatDoneLine(wallMs, result.events) + '\n');
  return 0;
}

/**
 * Parses and checks the arguments of `meshsim run`.
 *
 * @returns The run arguments, or `'help'` for `--help`.
 * @throws {UsageError} naming the flag and the value for any mistake.
 */
export function parseRunArgs(args: readonly string[]): RunArgs | 'help' {
  const { values, positionals } = parseCommandArgs('run', args, {
    seed: { type: 'string' },
    duration: { type: 'string' },
    mesh: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    openmetrics: { type: 'boolean' },
    out: { type: 'string' },
    'no-progress': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values['help'] === true) return 'help';

  const [scenario, ...extra] = positionals;
  if (scenario === undefined) {
    throw new UsageError(`missing scenario: 'meshsim run <name|file>' (see 'meshsim list')`, 'run');
  }
  if (extra.length > 0) {
    throw new UsageError(`'meshsim run' takes one scenario (got also '${extra.join(' ')}')`, 'run');
  }

  const formats = (['json', 'csv', 'openmetrics'] as const).filter((flag) => values[flag] === true);
  if (formats.length > 1) {
    throw new UsageError(
      `choose one output format (got ${formats.map((flag) => `--${flag}`).join(' and ')})`,
      'run',
    );
  }

  const run: RunArgs = {
    scenario,
    format: formats[0] ?? 'text',
    progress: values['no-progress'] !== true,
  };
  const seed = stringFlag(values, 'seed');
  if (seed !== undefined) run.seed = parseSeed(seed, 'run');
  const duration = stringFlag(values, 'duration');
  if (duration !== undefined) run.durationMs = parseDuration(duration, 'run');
  const mesh = stringFlag(values, 'mesh');
  if (mesh !== undefined) run.mesh = parseMesh(mesh, 'run');
  const out = stringFlag(values, 'out');
  if (out !== undefined) {
    if (out.trim() === '')
      throw new UsageError(`invalid value for --out: '${out}' (expected a file path)`, 'run');
    run.out = out;
  }
  return run;
}
