// `--boundary`: per setting of the other axes, bisects the open axis (`--set path=low..high`, e.g. the
// offered rate) for the value at which the verdict turns from recovered to not recovered — the boundary
// between the stable (or vulnerable) region and the metastable one (Huang et al., OSDI 2022).

import { isRecovered } from '../diagnosis/Diagnosis.js';
import type { Verdict } from '../diagnosis/Diagnosis.js';
import { OverrideError } from '../overrides/OverrideError.js';
import type { Override, OverrideValue, SetAxis } from '../overrides/SetAxis.js';
import type { ScenarioSource } from '../overrides/ScenarioSource.js';
import { ResultsStore } from '../store/ResultsStore.js';
import type { StoredRun } from '../store/StoredRun.js';
import type { RunGuardLimits } from './executeRun.js';
import { mergeOverrides, planSweep } from './planSweep.js';
import { RERUN_REASONS, noStoppedRuns, planResume, rerunCount } from './resumeStopped.js';
import type { StoppedRunsResumed } from './resumeStopped.js';
import { storedWarnings } from './RunWarning.js';
import type { RunWarning } from './RunWarning.js';
import { checkWorkers, runTasks } from './runTasks.js';
import type { RunTask } from './RunTask.js';
import { countVerdicts, majorityVerdict } from './summarizeSweep.js';
import { minOf } from '@meshsim/mesh';

/** Options of {@link findBoundaries}. */
export interface BoundaryOptions {
  /** The axes: exactly one open (`path=low..high`), the others form the grid. */
  axes: readonly SetAxis[];
  fixed?: readonly Override[];
  /** Replications per probe; a probe recovers when most of its replications do. @defaultValue 1 */
  replications?: number;
  /** Stop when the bracket is at most this fraction of the range. @defaultValue 0.02 */
  tolerance?: number;
  workers?: number;
  store?: ResultsStore;
  /** Event guards of every run; a probe with a run they stop is unknown (see {@link BoundaryProbe}). */
  guards?: RunGuardLimits;
  /** Called after each bisection step with the probes run so far. */
  onProgress?: (step: number, probes: number) => void;
  signal?: AbortSignal;
}

/** One probe: a value of the open axis and the verdict there. */
export interface BoundaryProbe {
  value: number;
  /** The majority verdict; `stopped` or `unresolved` when the probe is unknown (see `recovered`). */
  verdict: Verdict;
  /**
   * Whether most of its replications recovered; null — unknown, never taken for either side — when a guard
   * stopped any of them early (verdict `stopped`), or else any of them was too short to tell recovery from
   * metastability (verdict `unresolved`).
   */
  recovered: boolean | null;
}

/** The boundary of one grid point of the other axes. */
export interface Boundary {
  /** The point's values on the other axes. */
  values: Override[];
  /**
   * `between`: recovers at `low`, not at `high`; `recovers`: recovers across the range; `fails`: does not
   * recover even at the low end; `inverted`: recovers at the high end but not at the low one (no boundary);
   * `stopped`: a guard stopped a run of a probe early (`stoppedAt`), so the bisection of this point stopped there
   * (unknown: `low` and `high` are the bracket found before, if any); `unresolved`: likewise, a run of a probe was
   * too short to tell recovery from metastability (`unresolvedAt`; run longer).
   */
  status: 'between' | 'recovers' | 'fails' | 'inverted' | 'stopped' | 'unresolved';
  /** Highest value probed that recovered; null when none. */
  low: number | null;
  /** Lowest value probed above `low` that did not recover; null when none. */
  high: number | null;
  /** The first value whose probe a guard stopped (status `stopped`); null otherwise. */
  stoppedAt: number | null;
  /** The value whose probe was too short to tell (status `unresolved`); null otherwise. */
  unresolvedAt: number | null;
  probes: BoundaryProbe[];
}

/** What {@link findBoundaries} found. */
export interface BoundaryMap {
  /** The bisected axis: its path, range and unit. */
  path: string;
  lowEnd: number;
  highEnd: number;
  unit: string;
  /** The other axes, in order. */
  axes: SetAxis[];
  boundaries: Boundary[];
  /** Runs simulated, and probes found in the store already. */
  ran: number;
  skipped: number;
  /**
   * Of `ran`, the runs the store held as stopped by a guard (not a result) that the guards now could let go
   * further: run again, their rows replaced.
   */
  rerun: number;
  /** The stopped runs the store held for the probes: kept (same event guards: in `skipped`) and run again, by why. */
  stoppedRuns: StoppedRunsResumed;
  /** Runs of this scenario in the store from another model revision (an earlier meshsim): not reused. */
  outdated: number;
  /**
   * The distinct warnings of the probes' runs — simulated now or found in the store (which keeps each run's), as a
   * search that ran them all now would give them —, each with how many gave it and an example (the other axes' values
   * and the probed value).
   */
  warnings: RunWarning[];
  /** Runs found in the store whose warnings it did not record (an earlier meshsim's store): not in `warnings`. */
  warningsNotRecorded: number;
}

function valueOf(x: number, unit: string): OverrideValue {
  return unit === '' ? x : `${x}${unit}`;
}

/**
 * Finds the recovery boundary on the open axis for every point of the other axes, all points bisected
 * together (one batch of runs on the pool per step). Deterministic.
 *
 * @throws OverrideError unless exactly one axis is open (`path=low..high`).
 */
export async function findBoundaries(source: ScenarioSource, options: BoundaryOptions): Promise<BoundaryMap> {
  checkWorkers(options.workers);
  const open = options.axes.filter((axis) => axis.open !== undefined);
  const axis = open[0];
  if (open.length !== 1 || axis?.open === undefined) {
    throw new OverrideError([
      `--boundary needs exactly one --set with an open range path=low..high, without a step (e.g. --set traffic.0.rate=100..3000); ` +
        (open.length === 0
          ? 'got none (a range with a step, a..b:step, or a list of values is not open)'
          : `got ${open.length}: ${open.map((a) => a.path).join(', ')}`),
    ]);
  }
  const { low: lowEnd, high: highEnd, unit } = axis.open;
  const others = options.axes.filter((a) => a !== axis);
  const fixed = options.fixed ?? [];
  const replications = options.replications ?? 1;
  const integral = Number.isInteger(lowEnd) && Number.isInteger(highEnd);
  const tolerance = Math.max((options.tolerance ?? 0.02) * (highEnd - lowEnd), integral ? 1 : 0);
  // The grid of the other axes (validated once per value).
  const grid = planSweep(source, others, fixed, 1).points;
  const store = options.store ?? (await ResultsStore.open(':memory:'));
  let ran = 0;
  let skipped = 0;
  const stoppedRuns = noStoppedRuns();
  let probesRun = 0;
  /** The runs of the probes so far, in step and task order, with their values (for the warnings). */
  const probed: { key: string; values: Override[] }[] = [];
  /** Their stored rows, by key (warnings included). */
  const storedRuns = new Map<string, StoredRun>();

  /** Runs one probe per (point, value) and returns whether each recovered. */
  const probe = async (requests: readonly { point: number; value: number }[]): Promise<BoundaryProbe[]> => {
    /** Each task's values: the other axes' and the probed one. */
    const valuesOf = new Map<string, Override[]>();
    const perRequest = requests.map(({ point, value }) => {
      const values = [...(grid[point]?.values ?? []), { path: axis.path, value: valueOf(value, unit) }];
      const plan = planSweep(source, [], mergeOverrides(fixed, values), replications);
      for (const task of plan.tasks) valuesOf.set(task.key, values);
      return plan.tasks.map((task): RunTask => ({ ...task, point }));
    });
    const all = perRequest.flat();
    const stored = await store.keys();
    // A run a guard stopped is not a result: run it again (with these guards) unless it would stop again as it did.
    const resume = planResume(all, stored, await store.stoppedRuns(), options.guards);
    const { todo } = resume;
    skipped += resume.skipped;
    ran += todo.length;
    stoppedRuns.kept += resume.stopped.kept;
    for (const why of RERUN_REASONS) stoppedRuns.rerun[why] += resume.stopped.rerun[why];
    await runTasks(source, todo, {
      ...(options.workers !== undefined && { workers: options.workers }),
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.guards !== undefined && { guards: options.guards }),
      onOutcome: (outcome) => store.write(outcome, source.hash, options.guards ?? {}),
    });
    const runs = await store.runs(new Set(all.map((t) => t.key)));
    for (const run of runs) storedRuns.set(run.key, run);
    for (const task of all) probed.push({ key: task.key, values: valuesOf.get(task.key) ?? [] });
    const verdictOf = new Map(runs.map((run) => [run.key, run.verdict] as const));
    probesRun += requests.length;
    return requests.map(({ value }, i) => {
      const counts = countVerdicts((perRequest[i] ?? []).map((t) => verdictOf.get(t.key) ?? 'degraded'));
      const verdict = majorityVerdict(counts) ?? 'degraded';
      // A run stopped early was not diagnosed, an unresolved one ended too soon to tell: the probe cannot say
      // which side it is on.
      const unknown = counts.stopped > 0 ? 'stopped' : counts.unresolved > 0 ? 'unresolved' : null;
      const recovered =
        unknown !== null
          ? null
          : (perRequest[i] ?? []).filter((t) => isRecovered(verdictOf.get(t.key) ?? 'degraded')).length * 2 >
            replications;
      return { value, verdict: unknown ?? verdict, recovered };
    });
  };

  try {
    const outdated = await store.outdatedRuns(source.hash);
    const state = grid.map(() => ({
      probes: [] as BoundaryProbe[],
      low: null as number | null,
      high: null as number | null,
      /** The first unknown probe (a run stopped or unresolved): the bisection of the point stops there. */
      unknown: null as BoundaryProbe | null,
    }));
    // Both ends first.
    const ends = await probe(
      grid.flatMap((_, point) => [
        { point, value: lowEnd },
        { point, value: highEnd },
      ]),
    );
    state.forEach((s, point) => {
      const [atLow, atHigh] = [ends[2 * point], ends[2 * point + 1]] as [BoundaryProbe, BoundaryProbe];
      s.probes.push(atLow, atHigh);
      if (atLow.recovered === null) s.unknown = atLow;
      else if (atHigh.recovered === null) s.unknown = atHigh;
      else if (atLow.recovered && !atHigh.recovered) [s.low, s.high] = [lowEnd, highEnd];
    });
    for (let step = 1; ; step++) {
      const open = state
        .map((s, point) => ({ s, point }))
        .filter(
          ({ s }) => s.unknown === null && s.low !== null && s.high !== null && s.high - s.low > tolerance,
        );
      if (open.length === 0) break;
      const requests = open.map(({ s, point }) => {
        const mid = ((s.low ?? 0) + (s.high ?? 0)) / 2;
        return { point, value: integral ? Math.round(mid) : Number(mid.toPrecision(6)) };
      });
      const results = await probe(requests);
      open.forEach(({ s }, i) => {
        const result = results[i] as BoundaryProbe;
        s.probes.push(result);
        if (result.recovered === null)
          s.unknown = result; // unknown: bisect no further
        else if (result.value === s.low || result.value === s.high)
          s.high = s.low; // cannot split further
        else if (result.recovered) s.low = result.value;
        else s.high = result.value;
      });
      options.onProgress?.(step, probesRun);
    }
    const boundaries = state.map((s, point): Boundary => {
      const [atLow, atHigh] = s.probes as [BoundaryProbe, BoundaryProbe];
      const status: Boundary['status'] =
        s.unknown !== null
          ? s.unknown.verdict === 'stopped'
            ? 'stopped'
            : 'unresolved'
          : s.low !== null
            ? 'between'
            : atLow.recovered === true
              ? 'recovers'
              : atHigh.recovered === true
                ? 'inverted'
                : 'fails';
      const bracketed = s.low !== null && (status === 'between' || s.unknown !== null);
      const high = bracketed
        ? minOf(
            s.probes.filter((p) => p.recovered === false && p.value > (s.low ?? 0)).map((p) => p.value),
            Infinity,
          )
        : null;
      const low = bracketed ? s.low : status === 'recovers' ? highEnd : null;
      return {
        values: grid[point]?.values ?? [],
        status,
        low,
        high,
        stoppedAt: status === 'stopped' ? (s.unknown?.value ?? null) : null,
        unresolvedAt: status === 'unresolved' ? (s.unknown?.value ?? null) : null,
        probes: [...s.probes].sort((a, b) => a.value - b.value),
      };
    });
    const warnings = storedWarnings(probed, storedRuns);
    return {
      path: axis.path,
      lowEnd,
      highEnd,
      unit,
      axes: [...others],
      boundaries,
      ran,
      skipped,
      rerun: rerunCount(stoppedRuns),
      stoppedRuns,
      outdated,
      warnings: warnings.warnings,
      warningsNotRecorded: warnings.notRecorded,
    };
  } finally {
    if (options.store === undefined) store.close();
  }
}
