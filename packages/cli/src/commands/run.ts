// `meshsim run <name|file>`: load a scenario, apply the flags, simulate, diagnose, run the other
// replications on the worker pool, render, write.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  diagnose,
  planSweep,
  resolveWithOverrides,
  runOutcome,
  runTasks,
  summarizeReplications,
} from '@meshsim/analysis';
import type { Diagnosis, ReplicationSummary, RunOutcome } from '@meshsim/analysis';
import { simulate } from '@meshsim/mesh';
import type { SimulateOptions, SimulationResult } from '@meshsim/mesh';
import {
  renderEdgesCsv,
  renderFortio,
  renderHtml,
  renderIstioMetricsLines,
  renderJson,
  renderNodesCsv,
  renderOpenMetrics,
  renderProxiesCsv,
  renderReplicationsCsv,
  renderSmpResult,
  renderServiceSeriesCsv,
  renderTraceSummary,
  renderText,
  renderTimeSeriesCsv,
  renderVerdictsCsv,
  renderVersionsCsv,
} from '@meshsim/report';
import type { RunExtras } from '@meshsim/report';

import { CliError, UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { EXPORT_FLAGS, parseExportArgs, requestedLoad, telemetryFor } from '../internal/exportFlags.js';
import type { ExportArgs } from '../internal/exportFlags.js';
import { parseMesh, stringFlag, writeHtmlReport, writeOutput } from '../internal/flags.js';
import {
  HTML_FLAGS,
  SCENARIO_FLAGS,
  bareDurationFlagWarning,
  confirmRuns,
  fixedOverrides,
  parseScenarioArgs,
  readScenarioArg,
  setsMeshShape,
  writeArgWarnings,
  writtenOverrides,
} from '../internal/scenarioArgs.js';
import { otlpOutput, tracesHeapHint } from '../internal/otlpOutput.js';
import { bareNumberLines, placeWarnings, warningPlaces } from '../internal/scenarioWarningLines.js';
import { checkOutputPaths, fsErrorInWords } from '../internal/checkOutputPaths.js';
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
import { ProgressBar, SweepProgress, formatDoneLine } from '../progress.js';

/**
 * Output formats of `meshsim run`, selected by `--json`, `--csv`, `--openmetrics` (default `text`);
 * `--openmetrics` prints Istio's standard metrics unless `--metrics meshsim`.
 */
export type RunFormat = 'text' | 'json' | 'csv' | 'openmetrics';

/**
 * Tables `meshsim run --csv` prints, selected by `--table` (default `edges`); `replications` is the headline figures'
 * intervals and the verdict counts over the `--replications` (one row), the others are of the first replication.
 */
export type CsvTable =
  | 'edges'
  | 'proxies'
  | 'versions'
  | 'verdicts'
  | 'nodes'
  | 'timeseries'
  | 'service-timeseries'
  | 'replications';

/** What a CSV table is drawn from: the first replication's result and diagnosis, and the replications' summary. */
interface CsvSource {
  result: SimulationResult;
  diagnosis: Diagnosis;
  /** Present when `--replications N` is 2 or more, or the table is `replications`. */
  replications?: ReplicationSummary;
}

const CSV_TABLES: Readonly<Record<CsvTable, (source: CsvSource) => string>> = {
  edges: ({ result }) => renderEdgesCsv(result),
  proxies: ({ result }) => renderProxiesCsv(result),
  versions: ({ result }) => renderVersionsCsv(result),
  verdicts: ({ result, diagnosis }) => renderVerdictsCsv(diagnosis, result.scenario),
  nodes: ({ result }) => renderNodesCsv(result),
  timeseries: ({ result }) => renderTimeSeriesCsv(result),
  'service-timeseries': ({ result }) => renderServiceSeriesCsv(result),
  replications: ({ replications }) => {
    if (replications === undefined) throw new Error('the replications were not summarised');
    return renderReplicationsCsv(replications);
  },
};

const RENDERERS: Readonly<
  Record<Exclude<RunFormat, 'csv'>, (result: SimulationResult, extras: RunExtras) => string>
> = {
  text: renderText,
  json: renderJson,
  openmetrics: renderOpenMetrics,
};

/** The parsed command line of `meshsim run`. */
export interface RunArgs extends ScenarioArgs {
  mesh?: string;
  format: RunFormat;
  /** With `--csv`: the table to print. @defaultValue `'edges'` */
  csvTable?: CsvTable;
  /** `--metrics`, `--otlp`, `--trace-sample`, `--fortio`, `--smp`, `--start-time`. */
  exports: ExportArgs;
  /** The guards (`--max-events`, `--max-events-per-instant`, `--max-wall-time`, `--max-heap`). */
  guards: RunGuards;
}

/**
 * Runs a scenario and writes its results and diagnosis to stdout (or `--out FILE`), the exports it asks
 * for (`--otlp`, `--fortio`, `--smp`), and with `--html FILE` an HTML report. The durations a scenario file writes
 * as bare numbers are warned of on stderr first, at their lines; the text output gives each warning of the file's
 * model at the line and column of its field, as `meshsim validate` does (not for a bundled scenario by name). With
 * `--replications N`, replications 2..N run on the worker pool and the output adds each headline figure as
 * mean ± 95 % CI with the verdict counts — the text, `--json`, `--metrics meshsim`, `--csv --table replications` and
 * the HTML report's Replications section; the rest of each output is of the first replication, and a line on stderr
 * names the outputs that hold it alone ({@link firstReplicationNote}). Progress and the final `done in …`
 * line go to stderr. When a guard stops the run early, its results so far are still written, and a line on
 * stderr says why.
 *
 * @returns 0 on success, 3 ({@link STOPPED_EXIT_CODE}) when a guard stopped the run early.
 * @throws {UsageError} for a bad command line; `ScenarioError` for an unknown scenario name, a missing
 * or invalid scenario file; `OverrideError` for a `--set` that does not apply; {@link CliError} for an
 * unwritable output file; any error `simulate` throws.
 */
export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseRunArgs(args);
  if (parsed === 'help') {
    io.stdout.write(commandHelp('run'));
    return 0;
  }

  writeArgWarnings(parsed, io);
  const source = readScenarioArg(parsed, io);
  const { exports } = parsed;
  checkOutputPaths(
    [
      { flag: '--out', path: parsed.out },
      { flag: '--html', path: parsed.html },
      { flag: '--otlp', path: exports.otlp },
      { flag: '--smp', path: exports.smp },
      { flag: '--fortio', path: exports.fortio, kind: 'folder' },
    ],
    'run',
  );
  const fixed = fixedOverrides(parsed, 'run', parsed.mesh);
  const config = resolveWithOverrides(source, fixed);
  // The durations (and CPU quantities) the file writes as bare numbers, placed in it, as --duration 5 warns.
  for (const line of bareNumberLines(source, config, parsed.sets)) io.stderr.write(line + '\n');
  const istioMetrics = parsed.format === 'openmetrics' && parsed.exports.metrics === 'istio';

  // The bar is for people watching a terminal: drawn on stderr whenever it is one, whatever stdout is.
  const bar = parsed.progress && io.stderr.isTTY === true ? new ProgressBar(io.stderr) : null;
  const options: SimulateOptions = {
    ...guardOptions(parsed.guards),
    telemetry: telemetryFor(parsed.exports, istioMetrics),
    ...(bar !== null && {
      onProgress: (at: number, total: number, events: number) => bar.update(at, total, events),
    }),
  };

  const startedMs = performance.now();
  let result: SimulationResult;
  try {
    result = simulate(config, options);
  } finally {
    bar?.clear();
  }
  const diagnosis = diagnose(config, result);
  // The result does not hold what the command line changed of the scenario: the outputs are told.
  const overrides = writtenOverrides(parsed, parsed.mesh);
  const extras: RunExtras = { diagnosis, overrides };
  let events = result.events;
  // `--csv --table replications` gives the one-row table of a single run too (no interval).
  let summary: ReplicationSummary | undefined;
  if (parsed.replications > 1 || parsed.csvTable === 'replications') {
    // Replication 0 is the run above (the root seed); the others run on the pool.
    const [first, ...others] = planSweep(source, [], fixed, parsed.replications).tasks;
    if (first === undefined) throw new Error('no replication planned');
    if (parsed.progress && others.length > 0)
      io.stderr.write(
        `running ${others.length} more replication${others.length === 1 ? '' : 's'} on ${parsed.workers} worker${parsed.workers === 1 ? '' : 's'}\n`,
      );
    // As a sweep's: replications done of N (the first one above included) and the time left, on a terminal.
    const pool =
      parsed.progress && io.stderr.isTTY === true
        ? new SweepProgress(io.stderr, undefined, 'replications')
        : null;
    pool?.update(1, parsed.replications);
    // Not on a terminal (a CI log, a pipe): a line at every twentieth of the replications and at the last, as compare
    // prints a line per run, without a million lines for a million replications.
    const every = Math.max(1, Math.ceil(parsed.replications / 20));
    const logLine = (finished: number): void => {
      if (finished % every !== 0 && finished !== parsed.replications) return;
      const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
      io.stderr.write(`[${finished}/${parsed.replications}] replications done at ${seconds} s\n`);
    };
    const onOutcome =
      pool !== null
        ? (_: RunOutcome, done: number): void => pool.update(1 + done, parsed.replications)
        : parsed.progress
          ? (_: RunOutcome, done: number): void => logLine(1 + done)
          : null;
    let outcomes: RunOutcome[] = [];
    try {
      if (others.length > 0)
        outcomes = await runTasks(source, others, {
          workers: parsed.workers,
          guards: {
            maxEvents: parsed.guards.maxEvents,
            maxEventsAtOneInstant: parsed.guards.maxEventsAtOneInstant,
          },
          ...(onOutcome !== null && { onOutcome }),
        });
    } finally {
      pool?.clear();
    }
    for (const outcome of outcomes) events += outcome.events;
    summary = summarizeReplications([runOutcome(first, config, result), ...outcomes]);
    if (parsed.replications > 1) extras.replications = summary;
  }
  const wallMs = performance.now() - startedMs;

  const anchor = { startTimeMs: exports.startTimeMs };
  const output =
    parsed.format === 'csv'
      ? CSV_TABLES[parsed.csvTable ?? 'edges']({
          result,
          diagnosis,
          ...(summary !== undefined && { replications: summary }),
        })
      : istioMetrics
        ? renderIstioMetricsLines(result, anchor)
        : parsed.format === 'text'
          ? // The text places the warnings of the file's model at its lines, as validate prints them; the data
            // formats keep the run's strings (validate --json gives their fields and positions).
            renderText(
              { ...result, warnings: placeWarnings(result.warnings, warningPlaces(source, [config], fixed)) },
              extras,
            )
          : RENDERERS[parsed.format](result, extras);
  writeOutput(io, parsed.out, parsed.format, output);
  if (parsed.html !== undefined)
    writeHtmlReport(
      io,
      parsed.html,
      renderHtml(result, {
        config,
        diagnosis,
        overrides,
        ...(extras.replications !== undefined && { replications: extras.replications }),
      }),
    );
  if (exports.otlp !== undefined)
    writeOutput(
      io,
      exports.otlp,
      'OTLP traces',
      otlpOutput(result, anchor, exports.otlp, (line) => io.stderr.write(line + '\n')),
    );
  // What the trace export and the report's Traces section hold.
  const kept = renderTraceSummary(result);
  if (kept !== null) io.stderr.write(kept + '\n');
  if (exports.smp !== undefined) writeOutput(io, exports.smp, 'SMP', renderSmpResult(result, anchor));
  if (exports.fortio !== undefined) {
    const dir = exports.fortio;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new CliError(`cannot create '${dir}': ${fsErrorInWords(error)}`);
    }
    for (const file of renderFortio(result, { ...anchor, load: requestedLoad(config) })) {
      writeOutput(io, join(dir, file.fileName), `Fortio (${file.source})`, file.json);
    }
  }
  if (extras.replications !== undefined) {
    const note = firstReplicationNote(parsed, extras.replications);
    if (note !== null) io.stderr.write(note + '\n');
  }
  io.stderr.write(formatDoneLine(wallMs, events) + '\n');
  if (result.stopped === undefined) return 0;
  io.stderr.write(stoppedLine(result.stopped) + '\n');
  const hint = tracesHeapHint(result);
  if (hint !== null) io.stderr.write(hint + '\n');
  return STOPPED_EXIT_CODE;
}

/**
 * With `--replications N`, the line on stderr naming the outputs that hold the first replication alone (no
 * intervals): a CSV table other than `replications`, Istio's metrics, `--otlp`, `--fortio` and `--smp`; null when
 * every output asked for carries the replications (text, `--json`, `--metrics meshsim`, `--csv --table replications`,
 * `--html`).
 */
export function firstReplicationNote(parsed: RunArgs, summary: ReplicationSummary): string | null {
  const only: string[] = [];
  if (parsed.format === 'csv' && parsed.csvTable !== 'replications')
    only.push(`--csv --table ${parsed.csvTable ?? 'edges'} (--table replications has the intervals)`);
  if (parsed.format === 'openmetrics' && parsed.exports.metrics === 'istio')
    only.push(`Istio's metrics of --openmetrics (--metrics meshsim has the intervals)`);
  if (parsed.exports.otlp !== undefined) only.push('--otlp');
  if (parsed.exports.fortio !== undefined) only.push('--fortio');
  if (parsed.exports.smp !== undefined) only.push('--smp');
  if (only.length === 0) return null;
  const seed = String(summary.seeds[0]);
  return `meshsim: these outputs are of replication 1 of ${summary.n} (seed ${seed}) alone: ${only.join(', ')}`;
}

/**
 * Parses and checks the arguments of `meshsim run`.
 *
 * @returns The run arguments, or `'help'` for `--help`.
 * @throws {UsageError} naming the flag and the value for any mistake.
 */
export function parseRunArgs(args: readonly string[]): RunArgs | 'help' {
  const { values, positionals } = parseCommandArgs('run', args, {
    ...SCENARIO_FLAGS,
    mesh: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    openmetrics: { type: 'boolean' },
    table: { type: 'string' },
    ...HTML_FLAGS,
    ...EXPORT_FLAGS,
    ...GUARD_FLAGS,
  });
  if (values['help'] === true) return 'help';

  const formats = (['json', 'csv', 'openmetrics'] as const).filter((flag) => values[flag] === true);
  if (formats.length > 1) {
    throw new UsageError(
      `choose one output format (got ${formats.map((flag) => `--${flag}`).join(' and ')})`,
      'run',
    );
  }

  const format = formats[0] ?? 'text';
  const run: RunArgs = {
    ...parseScenarioArgs('run', values, positionals, 'meshsim run <name|file|->'),
    format,
    exports: parseExportArgs(values, format === 'openmetrics', values['html'] !== undefined),
    guards: parseRunGuards(values, 'run'),
  };
  confirmRuns(run.replications, `--replications ${run.replications}`, run, 'run');
  // Durations in milliseconds when bare, as --duration: `--max-wall-time 5` stops after 5 ms of wall time.
  for (const flag of ['max-wall-time', 'trace-slower-than']) {
    const text = stringFlag(values, flag);
    const warning = text === undefined ? null : bareDurationFlagWarning(`--${flag} `, text);
    if (warning !== null) run.warnings.push(warning);
  }
  const mesh = stringFlag(values, 'mesh');
  if (mesh !== undefined) {
    // As for the duration: the --set would silently win (it is applied after --mesh).
    const set = run.sets.find(setsMeshShape);
    if (set !== undefined) {
      throw new UsageError(`give the mesh shape once: --mesh or --set ${set.path}=…, not both`, 'run');
    }
    run.mesh = parseMesh(mesh, 'run');
  }
  const table = stringFlag(values, 'table');
  if (table !== undefined) {
    if (run.format !== 'csv') throw new UsageError('--table goes with --csv', 'run');
    const names = Object.keys(CSV_TABLES) as CsvTable[];
    const csvTable = names.find((name) => name === table.trim());
    if (csvTable === undefined) {
      throw new UsageError(
        `invalid value for --table: '${table}' (expected one of: ${names.join(', ')})`,
        'run',
      );
    }
    run.csvTable = csvTable;
  }
  return run;
}
