// `meshsim sweep <name|file|-> --set path=values …`: the grid of overrides × replications on the worker
// pool, stored in a DuckDB file (resumable), optionally one shard of it; `--boundary` bisects an open
// range for the recovery boundary; `meshsim sweep merge` combines shard stores.

import { existsSync, rmSync } from 'node:fs';

import {
  MergeConflictError,
  RERUN_REASONS,
  ResultsStore,
  findBoundaries,
  mergeOverrides,
  parseShard,
  resolveWithOverrides,
  shardFromEnv,
  sweep,
} from '@meshsim/analysis';
import type {
  Override,
  RerunReason,
  RunWarning,
  ScenarioSource,
  SetAxis,
  Shard,
  StoppedRunsResumed,
  StoreTable,
} from '@meshsim/analysis';
import {
  renderBoundaryMapJson,
  renderBoundaryMapText,
  renderSweepJson,
  renderSweepText,
} from '@meshsim/report';
import { bareCpuOverrideReason } from '@meshsim/scenario';

import { CliError, UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { stringFlag, writeOutput } from '../internal/flags.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import {
  SCENARIO_FLAGS,
  fixedOverrides,
  parseScenarioArgs,
  readScenarioArg,
  writeArgWarnings,
} from '../internal/scenarioArgs.js';
import { checkOutputPaths } from '../internal/checkOutputPaths.js';
import {
  bareNumberLinesOfPoints,
  placeWarning,
  warningPlacesOfPoints,
} from '../internal/scenarioWarningLines.js';
import type { ResolvedPoint } from '../internal/scenarioWarningLines.js';
import type { WarningPlaces } from '../internal/scenarioWarningLines.js';
import type { ScenarioArgs } from '../internal/scenarioArgs.js';
import { GUARD_FLAGS, STOPPED_EXIT_CODE, parseRunGuards } from '../internal/runGuards.js';
import type { RunGuards } from '../internal/runGuards.js';
import { SweepProgress, SweepProgressLines, formatDoneLine } from '../progress.js';
import { minOf, maxOf } from '@meshsim/mesh';

/** The store a sweep writes when `--store` is not given (per shard when sharded). */
export const DEFAULT_STORE = 'meshsim-sweep.duckdb';

/** Exit code of an interrupted sweep (128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130;

const TABLES: readonly StoreTable[] = ['runs', 'settings', 'edges'];

/** The parsed command line of `meshsim sweep`. */
export interface SweepArgs extends ScenarioArgs {
  store: string;
  shard?: Shard;
  boundary: boolean;
  json: boolean;
  csv?: string;
  table: StoreTable;
  /** The guards of each run: the event guards; the wall-time and heap budgets are `run`'s. */
  guards: RunGuards;
}

/** The flags that raise the limits of a sweep's runs. */
const GUARD_HINT = "--max-events-per-instant (zeno) or --max-events (max-events), or 'unlimited'";

/**
 * The stderr line of a sweep some of whose runs a guard stopped early, e.g. `meshsim: 2 of 4 runs stopped early
 * (zeno): stored with verdict 'stopped', not diagnosed; …`; null when none did.
 */
function stoppedRunsLine(reasons: readonly string[], total: number): string | null {
  if (reasons.length === 0) return null;
  const distinct = [...new Set(reasons)].sort();
  return (
    `meshsim: ${reasons.length} of ${total} runs stopped early (${distinct.join(', ')}): stored with verdict 'stopped', ` +
    `not diagnosed, their figures cover only the simulated time reached (raise the limit with ${GUARD_HINT})`
  );
}

/** Why a resumed sweep ran `n` stopped runs again, as the stderr line says it. */
const RERUN_WHY: Readonly<Record<RerunReason, (n: number) => string>> = {
  'guards-changed': (n) => `${n} with other guards than ${n === 1 ? 'it' : 'they'} stopped under`,
  'guards-not-recorded': (n) => `${n} whose guards the store did not record (written by an earlier meshsim)`,
  'machine-dependent': (n) => `${n} stopped on wall time or heap, which depend on the machine`,
};

/**
 * The stderr line of a resumed sweep whose store held runs a guard had stopped, e.g. `meshsim: 3 runs in the store
 * had been stopped by a guard: 2 kept (…), 1 run again (1 with other guards than it stopped under)`; null when none.
 */
export function resumedStopsLine(resumed: StoppedRunsResumed): string | null {
  const reasons = RERUN_REASONS.filter((why) => resumed.rerun[why] > 0);
  const rerun = reasons.reduce((sum, why) => sum + resumed.rerun[why], 0);
  const total = resumed.kept + rerun;
  if (total === 0) return null;
  const parts: string[] = [];
  if (resumed.kept > 0) {
    const one = resumed.kept === 1;
    parts.push(
      `${resumed.kept} kept (stopped under the same --max-events and --max-events-per-instant: ${one ? 'it' : 'each'} ` +
        `would stop again at the same event; raise a limit to run ${one ? 'it' : 'them'} further)`,
    );
  }
  if (rerun > 0) {
    parts.push(`${rerun} run again (${reasons.map((why) => RERUN_WHY[why](resumed.rerun[why])).join('; ')})`);
  }
  return `meshsim: ${total} run${total === 1 ? '' : 's'} in the store had been stopped by a guard: ${parts.join(', ')}`;
}

/**
 * Whether a `--set` is an axis of the grid (a column of the table): several values, an open range, or a stepped
 * range even of one value (`200..800:700` runs 200 only, as an axis: the note on stderr says why); else it is a
 * fixed value of every point.
 */
function isAxis(axis: SetAxis): boolean {
  return axis.values.length > 1 || axis.open !== undefined || axis.ranges !== undefined;
}

/**
 * The stderr lines of the runs' warnings, each once, with how many of the runs gave it and the first point that did
 * (`meshsim: warning (in 2 of 2 runs; e.g. traffic.0.rate=100): fault latency on db starts at 10 s, …`) — the runs
 * found in the store count as those run now (the store keeps their warnings) —; then, when the store did not record
 * the warnings of some runs it held (written by an earlier meshsim), that theirs are not shown. Empty when none.
 * @param runs - The runs of the sweep (run now and found in the store).
 * @param notRecorded - Of `runs`, those found in a store that did not record their warnings.
 * @param places - Where the scenario file writes the field of a warning of its model (`warningPlacesOfPoints`): such a
 *   warning is given at its line and column, as `meshsim validate` gives it.
 */
export function warningLines(
  warnings: readonly RunWarning[],
  runs: number,
  notRecorded: number,
  places: WarningPlaces = new Map(),
): string[] {
  const known = runs - notRecorded;
  const lines = warnings.map((w) => {
    const example = w.example.map((v) => `${v.path}=${String(v.value)}`).join(' ');
    return (
      `meshsim: warning (in ${w.runs} of ${known} run${known === 1 ? '' : 's'}${example === '' ? '' : `; e.g. ${example}`}): ` +
      placeWarning(w.message, places)
    );
  });
  if (notRecorded > 0) {
    lines.push(
      `meshsim: the warnings of ${notRecorded} run${notRecorded === 1 ? '' : 's'} found in the store are not shown: ` +
        `the store, written by an earlier meshsim, did not record them (a sweep into a new --store shows every run's)`,
    );
  }
  return lines;
}

/**
 * The points of a sweep whose bare CPU numbers can be judged differently, each resolved: a CPU quantity is plausible
 * or not by its value and the point's largest node, which only the axes over CPU fields (`nodeCpu`, a `cpuLimit`)
 * change — the grid of those axes, the other axes at their first value. A point that does not resolve is left out
 * (its run says why).
 */
function cpuPoints(
  source: ScenarioSource,
  fixed: readonly Override[],
  axes: readonly SetAxis[],
): ResolvedPoint[] {
  const firstValues = axes.map((axis) => ({ path: axis.path, value: axis.values[0] ?? null }));
  const first = resolveWithOverrides(source, mergeOverrides(fixed, firstValues));
  // A CPU field takes any bare number as cores: 10^9 cores is implausible for every one, and for no other field.
  const cpuAxes = axes.filter((axis) => bareCpuOverrideReason(first, axis.path, 1e9) !== null);
  let combos: Override[][] = [firstValues];
  for (const axis of cpuAxes) {
    combos = combos.flatMap((combo) =>
      axis.values.map((value) => combo.map((o) => (o.path === axis.path ? { path: o.path, value } : o))),
    );
  }
  const points: ResolvedPoint[] = [{ config: first, overrides: mergeOverrides(fixed, firstValues) }];
  for (const combo of combos.slice(1)) {
    const overrides = mergeOverrides(fixed, combo);
    try {
      points.push({ config: resolveWithOverrides(source, overrides), overrides });
    } catch {
      // Its run reports the problem.
    }
  }
  return points;
}

/** Runs `meshsim sweep` (or `meshsim sweep merge`). */
export async function sweepCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] === 'merge') return mergeCommand(args.slice(1), io);
  const parsed = parseSweepArgs(args);
  if (parsed === 'help') {
    io.stdout.write(commandHelp('sweep'));
    return 0;
  }
  writeArgWarnings(parsed, io);
  const source = readScenarioArg(parsed, io);
  checkOutputPaths(
    [
      { flag: '--store', path: parsed.store },
      { flag: '--out', path: parsed.out },
      { flag: '--csv', path: parsed.csv },
    ],
    'sweep',
  );
  const fixed = fixedOverrides({ ...parsed, sets: parsed.sets.filter((a) => !isAxis(a)) }, 'sweep');
  // A range whose step misses its end was said before (writeArgWarnings: rangeNotes).
  const axes = parsed.sets.filter(isAxis);
  // Every point has the file's values the axes do not set: its bare numbers are said once, first, each checked against
  // the points it runs in (bareNumberLinesOfPoints).
  for (const line of bareNumberLinesOfPoints(source, cpuPoints(source, fixed, axes), parsed.sets))
    io.stderr.write(line + '\n');

  const controller = new AbortController();
  const onSigint = (): void =>
    controller.abort(
      new CliError(
        `interrupted: the runs finished so far are in ${parsed.store}; run the same command again to resume`,
        INTERRUPTED_EXIT_CODE,
      ),
    );
  process.once('SIGINT', onSigint);
  // On a terminal a redrawn bar; elsewhere (a CI log, a Kubernetes Job) a line now and then.
  const bar = !parsed.progress
    ? null
    : io.stderr.isTTY === true
      ? new SweepProgress(io.stderr)
      : new SweepProgressLines(io.stderr);
  const startedMs = performance.now();
  const guards = {
    maxEvents: parsed.guards.maxEvents,
    maxEventsAtOneInstant: parsed.guards.maxEventsAtOneInstant,
  };
  // A store this sweep creates and leaves empty (it failed before storing a run) is removed, not left behind.
  const created = !existsSync(parsed.store);
  let failed = true;
  const store = await openStore(parsed.store);
  try {
    const code = await runSweep(parsed);
    failed = false;
    return code;
  } finally {
    bar?.clear();
    process.removeListener('SIGINT', onSigint);
    const empty =
      failed &&
      created &&
      (await store
        .keys()
        .catch(() => new Set(['']))
        .then((k) => k.size === 0));
    store.close();
    if (empty) removeStoreFile(parsed.store);
  }

  async function runSweep(parsed: SweepArgs): Promise<number> {
    if (parsed.boundary) {
      const map = await findBoundaries(source, {
        axes,
        fixed,
        replications: parsed.replications,
        workers: parsed.workers,
        store,
        guards,
        signal: controller.signal,
        onProgress: (step, probes) => {
          if (parsed.progress) io.stderr.write(`bisection step ${step}: ${probes} probes so far\n`);
        },
      });
      writeOutput(
        io,
        parsed.out,
        parsed.json ? 'json' : 'text',
        parsed.json ? renderBoundaryMapJson(map) : renderBoundaryMapText(map),
      );
      const places = warningPlacesOfPoints(
        source,
        fixed,
        map.warnings.map((w) => w.example),
      );
      for (const line of warningLines(map.warnings, map.ran + map.skipped, map.warningsNotRecorded, places))
        io.stderr.write(line + '\n');
      io.stderr.write(
        `done in ${((performance.now() - startedMs) / 1000).toFixed(1)} s wall; store: ${parsed.store}\n`,
      );
      const resumed = resumedStopsLine(map.stoppedRuns);
      if (resumed !== null) io.stderr.write(resumed + '\n');
      const probes = map.boundaries.flatMap((b) => b.probes);
      const unresolved = probes.filter((p) => p.recovered === null && p.verdict === 'unresolved').length;
      if (unresolved > 0)
        io.stderr.write(
          `meshsim: ${unresolved} probe${unresolved === 1 ? '' : 's'} had a run too short to judge (unresolved: too ` +
            `short for a verdict, or too soon after its trigger to tell recovery from metastability), so the boundary ` +
            `of ${unresolved === 1 ? 'its row is' : 'their rows is'} unknown (run longer with --duration)\n`,
        );
      const unknown = probes.filter((p) => p.recovered === null && p.verdict === 'stopped').length;
      if (unknown === 0) return 0;
      io.stderr.write(
        `meshsim: ${unknown} probe${unknown === 1 ? '' : 's'} had a run a guard stopped early: not diagnosed, so the ` +
          `boundary of ${unknown === 1 ? 'its row is' : 'their rows is'} unknown (raise the limit with ${GUARD_HINT})\n`,
      );
      return STOPPED_EXIT_CODE;
    }
    const result = await sweep(source, {
      axes,
      fixed,
      replications: parsed.replications,
      workers: parsed.workers,
      store,
      guards,
      confirmLarge: parsed.yes,
      signal: controller.signal,
      ...(parsed.shard !== undefined && { shard: parsed.shard }),
      ...(bar !== null && { onProgress: (done: number, total: number) => bar.update(done, total) }),
    });
    bar?.clear();
    if (parsed.csv !== undefined) {
      await store.exportCsv(parsed.table, parsed.csv);
      io.stderr.write(`wrote the ${parsed.table} table to ${parsed.csv}\n`);
    }
    writeOutput(
      io,
      parsed.out,
      parsed.json ? 'json' : 'text',
      parsed.json ? renderSweepJson(result) : renderSweepText(result),
    );
    const places = warningPlacesOfPoints(
      source,
      fixed,
      result.warnings.map((w) => w.example),
    );
    for (const line of warningLines(
      result.warnings,
      result.ran + result.skipped,
      result.warningsNotRecorded,
      places,
    ))
      io.stderr.write(line + '\n');
    io.stderr.write(
      `${formatDoneLine(performance.now() - startedMs, 0).replace(/, 0 events.*$/, '')}; store: ${parsed.store}\n`,
    );
    const resumed = resumedStopsLine(result.stoppedRuns);
    if (resumed !== null) io.stderr.write(resumed + '\n');
    const stopped = stoppedRunsLine(
      result.runs.flatMap((run) => (run.stopped === null ? [] : [run.stopped.reason])),
      result.runs.length,
    );
    if (stopped === null) return 0;
    io.stderr.write(stopped + '\n');
    return STOPPED_EXIT_CODE;
  }
}

/** Removes a store file (and DuckDB's write-ahead log beside it) a failed sweep created and left empty. */
function removeStoreFile(path: string): void {
  for (const file of [path, `${path}.wal`]) rmSync(file, { force: true });
}

/**
 * `meshsim sweep merge --store OUT SHARD…`: copies every shard's runs into OUT (skipping those it has; a finished
 * copy of a run replaces a stopped one); refuses, merging nothing, when two stores hold a run stopped under different
 * guards and none holds it finished.
 */
async function mergeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('sweep', args, {
    store: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values['help'] === true) {
    io.stdout.write(commandHelp('sweep'));
    return 0;
  }
  const out = stringFlag(values, 'store') ?? DEFAULT_STORE;
  if (positionals.length === 0)
    throw new UsageError(
      `'meshsim sweep merge' needs the shard stores to merge (e.g. shard-*.duckdb)`,
      'sweep',
    );
  for (const path of positionals) {
    if (!existsSync(path)) throw new CliError(`cannot merge '${path}': file not found`);
    if (path === out) throw new UsageError(`'${path}' is both a shard and the output store`, 'sweep');
  }
  checkOutputPaths([{ flag: '--store', path: out }], 'sweep');
  // Every input is opened (read-only) before the output is: a shard that is no store leaves no empty output behind.
  for (const path of positionals) {
    try {
      await ResultsStore.checkMergeable(path);
    } catch (error) {
      const reason = storeErrorReason(error);
      throw new CliError(
        `cannot merge '${path}': ${reason === NOT_A_STORE ? `${reason} (give the stores sweeps wrote)` : reason}`,
      );
    }
  }
  const created = !existsSync(out);
  const store = await openStore(out);
  let merged = false;
  try {
    const added = await store.mergeFrom(positionals);
    merged = true;
    io.stdout.write(`merged ${added} runs from ${positionals.length} stores into ${out}\n`);
    return 0;
  } catch (error) {
    // Two stores hold one run stopped under different guards: said as it is, exit 1 (nothing was merged).
    if (error instanceof MergeConflictError) throw new CliError(error.message);
    throw error;
  } finally {
    store.close();
    // An output this merge created and did not fill is removed, with DuckDB's write-ahead log.
    if (created && !merged) for (const file of [out, `${out}.wal`]) rmSync(file, { force: true });
  }
}

/**
 * Parses and checks the arguments of `meshsim sweep`.
 * @throws {UsageError} naming the flag and the value for any mistake.
 */
export function parseSweepArgs(args: readonly string[]): SweepArgs | 'help' {
  const { values, positionals } = parseCommandArgs('sweep', args, {
    ...SCENARIO_FLAGS,
    store: { type: 'string' },
    shard: { type: 'string' },
    boundary: { type: 'boolean' },
    json: { type: 'boolean' },
    csv: { type: 'string' },
    table: { type: 'string' },
    // The event guards only: a worker thread cannot be asked for its clock or heap mid-run (as for compare).
    'max-events': GUARD_FLAGS['max-events'],
    'max-events-per-instant': GUARD_FLAGS['max-events-per-instant'],
  });
  if (values['help'] === true) return 'help';
  const common = parseScenarioArgs(
    'sweep',
    values,
    positionals,
    'meshsim sweep <name|file|-> --set path=values',
  );
  const shardText = stringFlag(values, 'shard');
  let shard: Shard | undefined;
  try {
    shard = shardText !== undefined ? parseShard(shardText) : shardFromEnv(process.env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), 'sweep');
  }
  if (common.sets.length === 0) {
    throw new UsageError(
      'give at least one --set PATH=VALUES (an axis of the grid); for replications alone, use run --replications N',
      'sweep',
    );
  }
  // One path, one --set, and --seed not with --set seed=…: parseScenarioArgs refuses both, as for run and compare.
  const boundary = values['boundary'] === true;
  if (boundary) checkBoundarySets(common.sets, setTexts(values['set']));
  const open = common.sets.find((axis) => axis.open !== undefined);
  if (open !== undefined && !boundary) {
    throw new UsageError(
      `--set ${open.path}=${String(open.values[0])}..${String(open.values[1])}: a range without a step is what --boundary ` +
        'bisects; give a step (a..b:step) or a list of values, or add --boundary',
      'sweep',
    );
  }
  const table = stringFlag(values, 'table') ?? 'runs';
  if (!(TABLES as readonly string[]).includes(table)) {
    throw new UsageError(
      `invalid value for --table: '${table}' (expected one of: ${TABLES.join(', ')})`,
      'sweep',
    );
  }
  if (stringFlag(values, 'table') !== undefined && stringFlag(values, 'csv') === undefined) {
    throw new UsageError('--table goes with --csv', 'sweep');
  }
  const defaultStore =
    shard === undefined
      ? DEFAULT_STORE
      : DEFAULT_STORE.replace(/\.duckdb$/, `.shard-${shard.index}-of-${shard.count}.duckdb`);
  const csv = stringFlag(values, 'csv');
  return {
    ...common,
    store: stringFlag(values, 'store') ?? defaultStore,
    ...(shard !== undefined && { shard }),
    boundary,
    json: values['json'] === true,
    ...(csv !== undefined && { csv }),
    table: table as StoreTable,
    guards: parseRunGuards(values, 'sweep'),
  };
}

/** The `--set` options as written, in the order given (as `parseScenarioArgs` parsed them). */
function setTexts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

/** `low..high` of a list of numbers sharing one unit (`100..300`, `100ms..300ms`); null for other lists. */
function spanOf(values: readonly unknown[]): string | null {
  const parsed = values.map((v) => /^(\d+(?:\.\d+)?)([a-zA-Z/%]*)$/.exec(String(v)));
  if (parsed.some((m) => m === null)) return null;
  const units = new Set(parsed.map((m) => m?.[2] ?? ''));
  if (units.size !== 1) return null;
  const numbers = parsed.map((m) => Number(m?.[1]));
  const unit = [...units][0] ?? '';
  return `${minOf(numbers, 0)}${unit}..${maxOf(numbers, 0)}${unit}`;
}

/**
 * Checks that `--boundary` has exactly one open range (`PATH=LOW..HIGH`, no step) among `sets`, and says how to write
 * one when it does not: a stepped range without its step, a list as the range from its least to its greatest value.
 * @param texts - The `--set` options as written, in the order of `sets`.
 * @throws {UsageError} naming the `--set` at fault and the open range to write.
 */
function checkBoundarySets(sets: readonly SetAxis[], texts: readonly string[]): void {
  const open = sets.filter((axis) => axis.open !== undefined);
  if (open.length === 1) return;
  const example = 'e.g. --set traffic.0.rate=100..3000';
  if (open.length > 1) {
    throw new UsageError(
      `--boundary bisects one open range (PATH=LOW..HIGH, no step), got ${open.length}: ` +
        `${open.map((axis) => `--set ${texts[sets.indexOf(axis)] ?? axis.path}`).join(', ')}; ` +
        'give the others a step (LOW..HIGH:STEP) or a list of values: they are the grid of the other axes',
      'sweep',
    );
  }
  // The --set most likely meant as the range: the first with a stepped range, else the first list of numbers.
  const index = sets.findIndex((axis) => axis.ranges !== undefined);
  const stepped = index >= 0 ? sets[index] : undefined;
  if (stepped !== undefined) {
    const range = stepped.ranges?.[0];
    const span = range?.text.split(':')[0] ?? 'LOW..HIGH';
    throw new UsageError(
      `--boundary bisects an open range, and --set ${texts[index] ?? stepped.path} has a step: ` +
        `write the range without it, --set ${stepped.path}=${span}`,
      'sweep',
    );
  }
  const listIndex = sets.findIndex((axis) => axis.values.length > 1 && spanOf(axis.values) !== null);
  const list = listIndex >= 0 ? sets[listIndex] : undefined;
  if (list !== undefined) {
    throw new UsageError(
      `--boundary bisects an open range, and --set ${texts[listIndex] ?? list.path} is a list of values: ` +
        `give the range to search instead, --set ${list.path}=${spanOf(list.values) ?? 'LOW..HIGH'}`,
      'sweep',
    );
  }
  throw new UsageError(
    `--boundary needs one --set with an open range PATH=LOW..HIGH (no step) to bisect, ${example}`,
    'sweep',
  );
}

/** Why a store could not be opened, for a file DuckDB does not read as a database. */
const NOT_A_STORE = 'it is not a DuckDB results store';

/** Why DuckDB could not open a store, in words: {@link NOT_A_STORE}, or its message without its `IO Error: `. */
function storeErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /not a valid DuckDB database/i.test(message) ? NOT_A_STORE : message.replace(/^IO Error: /, '');
}

/** Opens the results store at `path`; a file DuckDB cannot open is named with the reason (exit 1). */
async function openStore(path: string): Promise<ResultsStore> {
  try {
    return await ResultsStore.open(path);
  } catch (error) {
    const reason = storeErrorReason(error);
    throw new CliError(
      `cannot open the results store '${path}' (--store): ${reason === NOT_A_STORE ? `${reason} (give a new file, or one an earlier sweep wrote)` : reason}`,
    );
  }
}
