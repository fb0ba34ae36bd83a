// `meshsim compare <name|file> --mesh a,b,c`: the same scenario and seed under each mesh shape, side by side.

import { meshShapeNames, simulate } from '@meshsim/mesh';
import type { SimulationConfig, SimulationResult } from '@meshsim/mesh';
import {
  renderComparisonCsv,
  renderComparisonHtml,
  renderComparisonJson,
  renderComparisonText,
  summarizeComparison,
} from '@meshsim/report';

import { UsageError } from '../CliError.js';

import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { parseMeshList, stringFlag, writeHtmlReport, writeOutput } from '../internal/flags.js';
import { SCENARIO_FLAGS, loadScenarioConfig, parseScenarioArgs } from '../internal/scenarioArgs.js';
import type { ScenarioArgs } from '../internal/scenarioArgs.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import {
  GUARD_FLAGS,
  STOPPED_EXIT_CODE,
  guardOptions,
  parseRunGuards,
  stoppedLine,
} from '../internal/runGuards.js';
import type { RunGuards } from '../internal/runGuards.js';
import { formatDoneLine } from '../progress.js';

/** The parsed command line of `meshsim compare`. */
export interface CompareArgs extends ScenarioArgs {
  shapes: string[];
  /** Output format: text (default), `--json` or `--csv`. */
  format: 'text' | 'json' | 'csv';
  /** The guards of each shape's run (the wall-time budget is per run). */
  guards: RunGuards;
}

/**
 * Runs the scenario once per mesh shape with the same seed — so every run sees the same arrivals and
 * service times (common random numbers: streams are named per purpose) — and prints the comparison;
 * with `--html FILE` also writes it as an HTML report. One progress line per shape goes to stderr. A shape whose run a guard stopped
 * early keeps its column (covering the simulated time it reached), gets a line on stderr, and the command
 * exits with 3 ({@link STOPPED_EXIT_CODE}).
 */
export function compareCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCompareArgs(args);
  if (parsed === 'help') {
    io.stdout.write(commandHelp('compare'));
    return 0;
  }
  const results: SimulationResult[] = [];
  let firstConfig: SimulationConfig | undefined;
  const startedMs = performance.now();
  let events = 0;
  const stops: string[] = [];
  parsed.shapes.forEach((shape, index) => {
    const config = loadScenarioConfig(parsed, shape, io);
    firstConfig ??= config;
    const shapeStart = performance.now();
    const result = simulate(config, guardOptions(parsed.guards));
    if (result.stopped !== undefined) stops.push(stoppedLine(result.stopped, `${shape} run`));
    events += result.events;
    results.push(result);
    if (parsed.progress) {
      const seconds = ((performance.now() - shapeStart) / 1000).toFixed(1);
      io.stderr.write(`[${index + 1}/${parsed.shapes.length}] ${shape}: done in ${seconds} s\n`);
    }
  });
  const summary = summarizeComparison(results);
  const output =
    parsed.format === 'json'
      ? renderComparisonJson(summary)
      : parsed.format === 'csv'
        ? renderComparisonCsv(summary)
        : renderComparisonText(summary);
  writeOutput(io, parsed.out, parsed.format, output);
  if (parsed.html !== undefined) {
    writeHtmlReport(
      io,
      parsed.html,
      renderComparisonHtml(results, firstConfig === undefined ? {} : { config: firstConfig }),
    );
  }
  io.stderr.write(formatDoneLine(performance.now() - startedMs, events) + '\n');
  for (const line of stops) io.stderr.write(line + '\n');
  return stops.length === 0 ? 0 : STOPPED_EXIT_CODE;
}

/**
 * Parses and checks the arguments of `meshsim compare`.
 * @returns The arguments, or `'help'` for `--help`.
 * @throws {UsageError} naming the flag and value for any mistake.
 */
export function parseCompareArgs(args: readonly string[]): CompareArgs | 'help' {
  const { values, positionals } = parseCommandArgs('compare', args, {
    ...SCENARIO_FLAGS,
    mesh: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    ...GUARD_FLAGS,
  });
  if (values['help'] === true) return 'help';
  if (values['json'] === true && values['csv'] === true) {
    throw new UsageError('choose one output format (got --json and --csv)', 'compare');
  }
  const mesh = stringFlag(values, 'mesh');
  return {
    ...parseScenarioArgs('compare', values, positionals, 'meshsim compare <name|file|-> --mesh a,b,c'),
    shapes: mesh === undefined ? meshShapeNames() : parseMeshList(mesh, 'compare'),
    format: values['json'] === true ? 'json' : values['csv'] === true ? 'csv' : 'text',
    guards: parseRunGuards(values, 'compare'),
  };
}
