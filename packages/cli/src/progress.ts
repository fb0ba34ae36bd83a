// Progress feedback on stderr: a redrawn bar while a run is going (simulated time and events), a line
// when simulated time stalls, a redrawn count of finished runs with an ETA while many run on the worker pool
// (a sweep's runs, run --replications) or, off a terminal, a sweep's runs as log lines, and a "done in …" line at
// the end.

import type { CliStream } from './CliIo.js';

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Wall time before the bar first appears, so short runs print nothing [ms]. @defaultValue 300 */
  delayMs?: number;
  /** Minimum wall time between redraws [ms]. @defaultValue 100 */
  minIntervalMs?: number;
  /** Wall clock [ms]. @defaultValue `performance.now` */
  now?: () => number;
  /** Wall time simulated time must stand still, while events fire, before a stall line is printed [ms]. @defaultValue 2000 */
  stallAfterMs?: number;
}

/**
 * A one-line progress bar redrawn in place with `\r` on a terminal stream, e.g.
 * `[#####-----] 45% 40.5 s / 90 s simulated, 1,234,567 events`. When simulated time stands still for
 * `stallAfterMs` of wall time while events keep firing, a line saying so is printed once (the bar
 * goes on below it). Draw only when the stream is a TTY; the caller decides.
 */
export class ProgressBar {
  readonly #stream: CliStream;
  readonly #delayMs: number;
  readonly #minIntervalMs: number;
  readonly #stallAfterMs: number;
  readonly #now: () => number;
  readonly #startedMs: number;
  #lastDrawMs = -Infinity;
  #drawn = false;
  /** Simulated time of the last update, the wall time it was first seen at, and the events then. */
  #stallAtMs = Number.NaN;
  #stallSinceMs = 0;
  #stallEvents = 0;
  #stallReported = false;

  constructor(stream: CliStream, options: ProgressBarOptions = {}) {
    this.#stream = stream;
    this.#delayMs = options.delayMs ?? 300;
    this.#minIntervalMs = options.minIntervalMs ?? 100;
    this.#stallAfterMs = options.stallAfterMs ?? 2000;
    this.#now = options.now ?? (() => performance.now());
    this.#startedMs = this.#now();
  }

  /**
   * Redraws the bar if the run has lasted longer than `delayMs` and the last redraw is old enough,
   * and prints a stall line once simulated time has stood still for `stallAfterMs` while events fired.
   *
   * @param simulatedMs - Simulated time reached [ms].
   * @param totalMs - Simulated time to reach [ms].
   * @param events - Events fired so far (shown when given).
   */
  update(simulatedMs: number, totalMs: number, events?: number): void {
    const now = this.#now();
    this.#checkStall(simulatedMs, events, now);
    if (now - this.#startedMs < this.#delayMs || now - this.#lastDrawMs < this.#minIntervalMs) return;
    this.#lastDrawMs = now;
    this.#drawn = true;
    this.#stream.write(`\r${formatProgressLine(simulatedMs, totalMs, 10, events)}\x1b[K`);
  }

  #checkStall(simulatedMs: number, events: number | undefined, now: number): void {
    if (simulatedMs !== this.#stallAtMs) {
      this.#stallAtMs = simulatedMs;
      this.#stallSinceMs = now;
      this.#stallEvents = events ?? 0;
      this.#stallReported = false;
      return;
    }
    if (this.#stallReported || events === undefined || events <= this.#stallEvents) return;
    if (now - this.#stallSinceMs < this.#stallAfterMs) return;
    this.#stallReported = true;
    this.#stream.write(
      `\r\x1b[K${formatStallLine(simulatedMs, events - this.#stallEvents, now - this.#stallSinceMs)}\n`,
    );
  }

  /** Erases the bar, if it was drawn, so the next line starts clean. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}

/**
 * The progress line: a 10-cell bar, the percentage, the simulated time and, when given, the events.
 *
 * @param simulatedMs - Simulated time reached [ms].
 * @param totalMs - Simulated time to reach [ms].
 * @param width - Cells of the bar.
 * @param events - Events fired so far.
 * @example
 * ```ts
 * formatProgressLine(40_500, 90_000); // '[#####-----] 45% 40.5 s / 90 s simulated'
 * formatProgressLine(40_500, 90_000, 10, 1_234_567); // '[#####-----] 45% 40.5 s / 90 s simulated, 1,234,567 events'
 * ```
 */
export function formatProgressLine(
  simulatedMs: number,
  totalMs: number,
  width = 10,
  events?: number,
): string {
  const fraction = totalMs > 0 ? Math.min(1, Math.max(0, simulatedMs / totalMs)) : 1;
  const filled = Math.round(fraction * width);
  const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
  // The epsilon keeps 0.29 * 100 = 28.999… from printing as 28%.
  const percent = Math.floor(fraction * 100 + 1e-9);
  const line = `[${bar}] ${String(percent)}% ${seconds(simulatedMs, 1)} / ${seconds(totalMs)} simulated`;
  return events === undefined ? line : `${line}, ${groupThousands(events)} event${events === 1 ? '' : 's'}`;
}

/**
 * The line printed when simulated time stands still while events keep firing.
 *
 * @param simulatedMs - The simulated time that does not advance [ms].
 * @param events - Events fired since it stopped advancing.
 * @param wallMs - Wall time since then [ms].
 * @example
 * ```ts
 * formatStallLine(40_500, 3_000_000, 2100); // 'simulated time stalled at 40.5 s: 3,000,000 events in 2.1 s wall without time advancing'
 * ```
 */
export function formatStallLine(simulatedMs: number, events: number, wallMs: number): string {
  return (
    `simulated time stalled at ${seconds(simulatedMs, 1)}: ${groupThousands(events)} events in ` +
    `${(wallMs / 1000).toFixed(1)} s wall without time advancing`
  );
}

/**
 * The summary printed on stderr after a run.
 *
 * @param wallMs - Wall time of the run [ms].
 * @param events - Kernel events fired.
 * @example
 * ```ts
 * formatDoneLine(3200, 4_000_000); // 'done in 3.2 s wall, 4,000,000 events (1.25 M events/s)'
 * ```
 */
export function formatDoneLine(wallMs: number, events: number): string {
  const perSecond = wallMs > 0 ? events / (wallMs / 1000) : Number.NaN;
  return `done in ${(wallMs / 1000).toFixed(1)} s wall, ${groupThousands(events)} event${events === 1 ? '' : 's'} (${rate(perSecond)} events/s)`;
}

function seconds(ms: number, decimals?: number): string {
  const s = ms / 1000;
  if (decimals !== undefined) return `${s.toFixed(decimals)} s`;
  return `${Number.isInteger(s) ? String(s) : s.toFixed(1)} s`;
}

function rate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k`;
  return perSecond.toFixed(0);
}

function groupThousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The progress line of runs on the worker pool (a sweep's, the replications of `run`): a 10-cell bar, runs done of
 * total, and the estimated time left from the mean wall time per run so far.
 *
 * @param done - Runs finished (including those found in the store, or run before the pool started).
 * @param total - Runs in all (of this shard).
 * @param elapsedMs - Wall time since the pool started [ms].
 * @param ranNow - Runs finished on the pool (the ETA uses only them).
 * @param noun - What a run is called in the line. @defaultValue `'runs'`
 * @example
 * ```ts
 * formatSweepProgressLine(40, 100, 20_000, 40); // '[####------] 40% 40/100 runs, 20 s elapsed, ETA 30 s'
 * formatSweepProgressLine(4, 10, 6000, 3, 'replications'); // '[####------] 40% 4/10 replications, 6 s elapsed, ETA 12 s'
 * ```
 */
export function formatSweepProgressLine(
  done: number,
  total: number,
  elapsedMs: number,
  ranNow: number,
  noun = 'runs',
): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * 10);
  const bar = '#'.repeat(filled) + '-'.repeat(10 - filled);
  const eta = ranNow > 0 ? ((total - done) * elapsedMs) / ranNow : Number.NaN;
  return (
    `[${bar}] ${Math.floor(fraction * 100 + 1e-9)}% ${done}/${total} ${noun}, ${clock(elapsedMs)} elapsed, ` +
    `ETA ${Number.isFinite(eta) ? clock(eta) : '–'}`
  );
}

/** A wall-clock span: `45 s`, `3 min 20 s`, `2 h 5 min`. */
function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * Redraws the progress line of runs on the worker pool in place on a terminal (at most every 100 ms, and always
 * for the last run): a sweep's runs, or with `noun` `'replications'` those of `run --replications`.
 */
export class SweepProgress {
  readonly #stream: CliStream;
  readonly #now: () => number;
  readonly #noun: string;
  readonly #startedMs: number;
  #lastDrawMs = -Infinity;
  #drawn = false;
  #first: number | undefined;

  constructor(stream: CliStream, now: () => number = () => performance.now(), noun = 'runs') {
    this.#stream = stream;
    this.#now = now;
    this.#noun = noun;
    this.#startedMs = now();
  }

  /** Draws `done` of `total` (the first call tells how many were done before: in the store, or run before). */
  update(done: number, total: number): void {
    this.#first ??= done;
    const now = this.#now();
    if (now - this.#lastDrawMs < 100 && done < total) return;
    this.#lastDrawMs = now;
    this.#drawn = true;
    this.#stream.write(
      `\r${formatSweepProgressLine(done, total, now - this.#startedMs, done - this.#first, this.#noun)}\x1b[K`,
    );
  }

  /** Erases the line, if drawn. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}

/** Least wall time between two lines of {@link SweepProgressLines} [ms]. */
export const PROGRESS_LINE_MIN_MS = 5000;

/** Least share of the runs finished between two lines of {@link SweepProgressLines}. */
export const PROGRESS_LINE_MIN_SHARE = 0.01;

/**
 * `[400/10000] runs done at 20.3 s, ETA 8 min 7 s`: what {@link SweepProgressLines} prints. The ETA comes from the runs
 * finished on the pool (`ranNow`), `–` before the first; none on the last line.
 */
export function formatProgressLogLine(
  done: number,
  total: number,
  elapsedMs: number,
  ranNow: number,
): string {
  const at = `[${done}/${total}] runs done at ${(elapsedMs / 1000).toFixed(1)} s`;
  if (done >= total) return at;
  const eta = ranNow > 0 ? ((total - done) * elapsedMs) / ranNow : Number.NaN;
  return `${at}, ETA ${Number.isFinite(eta) ? clock(eta) : '–'}`;
}

/**
 * A sweep's progress off a terminal (a CI log, a Kubernetes Job's log, a pipe): one line per step, never redrawn. A
 * line is written when at least {@link PROGRESS_LINE_MIN_MS} of wall time and {@link PROGRESS_LINE_MIN_SHARE} of the
 * runs have passed since the last one (at most 100 lines, and none more often than every 5 s, however many runs), and
 * always for the last run.
 */
export class SweepProgressLines {
  readonly #stream: CliStream;
  readonly #now: () => number;
  readonly #startedMs: number;
  #lastLineMs: number;
  #lastLineDone: number | undefined;
  #first: number | undefined;

  constructor(stream: CliStream, now: () => number = () => performance.now()) {
    this.#stream = stream;
    this.#now = now;
    this.#startedMs = now();
    this.#lastLineMs = this.#startedMs;
  }

  /** Counts `done` of `total` (the first call tells how many were done before: in the store). */
  update(done: number, total: number): void {
    this.#first ??= done;
    this.#lastLineDone ??= done;
    const now = this.#now();
    const last = done >= total;
    if (this.#lastLineDone >= total) return;
    const enoughTime = now - this.#lastLineMs >= PROGRESS_LINE_MIN_MS;
    const enoughRuns = done - this.#lastLineDone >= PROGRESS_LINE_MIN_SHARE * total;
    if (!last && !(enoughTime && enoughRuns)) return;
    this.#lastLineMs = now;
    this.#lastLineDone = done;
    this.#stream.write(formatProgressLogLine(done, total, now - this.#startedMs, done - this.#first) + '\n');
  }

  /** Nothing to erase: the lines stay in the log (as {@link SweepProgress.clear} for a bar). */
  clear(): void {}
}
