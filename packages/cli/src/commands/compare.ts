// `meshsim compare <name|file> --mesh a,b,c`: the same scenario and seeds under each mesh shape, side by
// side, run on the worker pool; with --replications N, paired differences against the baseline.

import { planSweep, resolveWithOverrides, runTasks } from '@meshsim/analysis';
import type { Diagnosis, Override, RunFigures, ScenarioSource } from '@meshsim/analysis';
import { meshShapeNames } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';
import {
  renderComparisonCsv,
  renderComparisonHtml,
  renderComparisonJson,
  renderComparisonText,
  summarizeComparison,
} from '@meshsim/report';
import type { ComparisonSummary } from '@meshsim/report';

import { UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { parseMeshList, parseShare, stringFlag, writeHtmlReport, writeOutput } from '../internal/flags.js';
import {
  HTML_FLAGS,
  SCENARIO_FLAGS,
  confirmRuns,
  fixedOverrides,
  parseScenarioArgs,
  readScenarioArg,
  setsMeshShape,
  writeArgWarnings,
  writtenOverrides,
} from '../internal/scenarioArgs.js';
import { checkOutputPaths } from '../internal/checkOutputPaths.js';
import { bareNumberLines, placeWarnings, warningPlacesOfPoints } from '../internal/scenarioWarningLines.js';
import type { ScenarioArgs } from '../internal/scenarioArgs.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import { GUARD_FLAGS, STOPPED_EXIT_CODE, parseRunGuards, stoppedRunLines } from '../internal/runGuards.js';
import type { RunGuards } from '../internal/runGuards.js';
import { formatDoneLine } from '../progress.js';

/** The parsed command line of `meshsim compare`. */
export interface CompareArgs extends ScenarioArgs {
  shapes: string[];
  /** Output format: text (default), `--json` or `--csv`. */
  format: 'text' | 'json' | 'csv';
  /** The guards of each run: the event guards; the wall-time and heap budgets are `run`'s only. */
  guards: RunGuards;
  /** `--trace-sample` (with `--html`): the share of requests traced under every shape, or undefined. */
  traceSample?: number;
}

/**
 * Runs the scenario once per mesh shape and replication with the same seeds — so every shape sees the
 * same arrivals and service times (common random numbers: streams are named per purpose) — on the
 * worker pool, and prints the comparison (with paired differences when there are replications); with
 * `--html FILE` also writes it as an HTML report. One progress line per finished run goes to stderr.
 * The event guards (`--max-events`, `--max-events-per-instant`) bound every run on the pool; the
 * wall-time and heap budgets are `run`'s (a worker cannot be asked for its clock mid-run), so
 * `--max-wall-time`/`--max-heap` are not flags of `compare` (unknown flag, exit 2). A shape whose run a guard
 * stopped early keeps its column (covering the simulated time it reached); every stopped run, of any
 * replication, gets a line on stderr, and the command exits with 3 ({@link STOPPED_EXIT_CODE}). As `run`, it warns
 * first of the durations the scenario file writes as bare numbers, and its text gives each warning of the file's
 * model at the line and column of its field.
 */
export async function compareCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCompareArgs(args);
  if (parsed === 'help') {
    io.stdout.write(commandHelp('compare'));
    return 0;
  }
  writeArgWarnings(parsed, io);
  const source = readScenarioArg(parsed, io);
  checkOutputPaths(
    [
      { flag: '--out', path: parsed.out },
      { flag: '--html', path: parsed.html },
    ],
    'compare',
  );
  const fixed = fixedOverrides(parsed, 'compare');
  // The scenario's own config: the comparison reads from it what the runs' results do not carry — each shape's load
  // balancer, and whether it runs sidecars with the proxy resources the scenario wrote for its own mesh — and the
  // HTML the faults' windows (the same under every shape). Its file's bare-number durations are said first.
  const config = resolveWithOverrides(source, fixed);
  for (const line of bareNumberLines(source, config, parsed.sets)) io.stderr.write(line + '\n');
  const plan = planSweep(source, [{ path: 'mesh', values: parsed.shapes }], fixed, parsed.replications);
  // The first replication of each shape keeps its full result (the side-by-side table).
  const tasks = plan.tasks.map((task) => ({ ...task, keepResult: task.replication === 0 }));
  const startedMs = performance.now();
  const outcomes = await runTasks(source, tasks, {
    workers: parsed.workers,
    guards: {
      maxEvents: parsed.guards.maxEvents,
      maxEventsAtOneInstant: parsed.guards.maxEventsAtOneInstant,
    },
    // The same head-sampling draws under every shape: the n-th traced request is the same request in each run.
    ...(parsed.traceSample !== undefined && { telemetry: { traceSampleRate: parsed.traceSample } }),
    onOutcome: (outcome, done, total) => {
      if (!parsed.progress) return;
      const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
      const replication = parsed.replications > 1 ? ` replication ${outcome.replication + 1}` : '';
      io.stderr.write(`[${done}/${total}] ${outcome.mesh}${replication}: done at ${seconds} s\n`);
    },
  });
  const results: SimulationResult[] = [];
  const diagnoses: Diagnosis[] = [];
  const figures: RunFigures[][] = parsed.shapes.map(() => []);
  // Every replication's diagnosis per shape: its cascade figures get intervals and paired differences too.
  const replicationDiagnoses: Diagnosis[][] = parsed.shapes.map(() => []);
  for (const outcome of outcomes) {
    if (outcome.result !== undefined) {
      results.push(outcome.result);
      diagnoses.push(outcome.diagnosis);
    }
    figures[outcome.point]?.push(outcome.figures);
    replicationDiagnoses[outcome.point]?.push(outcome.diagnosis);
  }
  // Every stopped run, of any replication (only the first keeps its full result).
  const stops = stoppedRunLines(outcomes, parsed.replications);
  const overrides = writtenOverrides(parsed);
  const summary = summarizeComparison(results, {
    config,
    diagnoses,
    overrides,
    ...(parsed.replications > 1 && { replications: figures, replicationDiagnoses }),
  });
  const output =
    parsed.format === 'json'
      ? renderComparisonJson(summary)
      : parsed.format === 'csv'
        ? renderComparisonCsv(summary)
        : renderComparisonText(placedShapeWarnings(summary, source, fixed));
  writeOutput(io, parsed.out, parsed.format, output);
  if (parsed.html !== undefined) {
    const html = renderComparisonHtml(results, {
      config,
      diagnoses,
      overrides,
      ...(parsed.replications > 1 && { replications: figures, replicationDiagnoses }),
    });
    writeHtmlReport(io, parsed.html, html);
  }
  const events = outcomes.reduce((n, o) => n + o.events, 0);
  io.stderr.write(formatDoneLine(performance.now() - startedMs, events) + '\n');
  for (const line of stops) io.stderr.write(line + '\n');
  return stops.length === 0 ? 0 : STOPPED_EXIT_CODE;
}

/**
 * `summary` with each shape's warnings as the text prints them: those of the file's model under that shape at the
 * file's line and column (as `meshsim validate` prints them), the others as the runs gave them.
 */
function placedShapeWarnings(
  summary: ComparisonSummary,
  source: ScenarioSource,
  fixed: readonly Override[],
): ComparisonSummary {
  const places = warningPlacesOfPoints(
    source,
    fixed,
    summary.shapes.map((s) => [{ path: 'mesh', value: s.shape }]),
  );
  if (places.size === 0) return summary;
  return {
    ...summary,
    shapes: summary.shapes.map((s) => ({ ...s, warnings: placeWarnings(s.warnings, places) })),
  };
}

/**
 * Parses and checks the arguments of `meshsim compare`.
 * @returns The arguments, or `'help'` for `--help`.
 * @throws {UsageError} naming the flag and value for any mistake.
 */
export function parseCompareArgs(args: readonly string[]): CompareArgs | 'help' {
  const { values, positionals } = parseCommandArgs('compare', args, {
    ...SCENARIO_FLAGS,
    ...HTML_FLAGS,
    mesh: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    // The event guards only: the wall-time and heap budgets are run's (see compareCommand).
    'max-events': GUARD_FLAGS['max-events'],
    'max-events-per-instant': GUARD_FLAGS['max-events-per-instant'],
    'trace-sample': { type: 'string' },
  });
  if (values['help'] === true) return 'help';
  if (values['json'] === true && values['csv'] === true) {
    throw new UsageError('choose one output format (got --json and --csv)', 'compare');
  }
  const mesh = stringFlag(values, 'mesh');
  const common = parseScenarioArgs(
    'compare',
    values,
    positionals,
    'meshsim compare <name|file|-> --mesh a,b,c',
  );
  // Every column would run the --set's shape (it is applied after each column's --mesh shape).
  const shapeSet = common.sets.find(setsMeshShape);
  if (shapeSet !== undefined) {
    const written = `--set ${shapeSet.path}=${shapeSet.values.map(String).join(',')}`;
    throw new UsageError(
      `${written}: 'meshsim compare' chooses the mesh shapes with --mesh (e.g. --mesh none,linkerd), not --set; ` +
        `mesh options stay settable (--set mesh.loadBalancer=random)`,
      'compare',
    );
  }
  const parsed: CompareArgs = {
    ...common,
    shapes: mesh === undefined ? meshShapeNames() : parseMeshList(mesh, 'compare'),
    format: values['json'] === true ? 'json' : values['csv'] === true ? 'csv' : 'text',
    guards: parseRunGuards(values, 'compare'),
  };
  const sample = stringFlag(values, 'trace-sample');
  if (sample !== undefined) {
    if (parsed.html === undefined) throw new UsageError('--trace-sample goes with --html', 'compare');
    const share = parseShare(sample);
    if (!(share > 0 && share <= 1)) {
      throw new UsageError(
        `invalid value for --trace-sample: '${sample}' (expected a share in (0, 1], e.g. 0.05)`,
        'compare',
      );
    }
    parsed.traceSample = share;
  }
  const { shapes, replications } = parsed;
  confirmRuns(
    shapes.length * replications,
    `${shapes.length} shapes × ${replications} replications`,
    parsed,
    'compare',
  );
  return parsed;
}
