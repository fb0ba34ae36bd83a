// Progress feedback on stderr: a redrawn bar while a run is going, and a "done in …" line at the end.

import type { CliStream } from './CliIo.js';

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Wall time before the bar first appears, so short runs print nothing [ms]. @defaultValue 300 */
  delayMs?: number;
  /** Minimum wall time between redraws [ms]. @defaultValue 100 */
  minIntervalMs?: number;
  /** Wall clock [ms]. @defaultValue `performance.now` */
  now?: () => number;
}

/**
 * A one-line progress bar redrawn in place with `\r` on a terminal stream, e.g.
 * `[#####-----] 45% 40.5 s / 90 s simulated`. Draw only when the stream is a TTY; the caller decides.
 */
export class ProgressBar {
  readonly #stream: CliStream;
  readonly #delayMs: number;
  readonly #minIntervalMs: number;
  readonly #now: () => number;
  readonly #startedMs: number;
  #lastDrawMs = -Infinity;
  #drawn = false;

  constructor(stream: CliStream, options: ProgressBarOptions = {}) {
    this.#stream = stream;
    this.#delayMs = options.delayMs ?? 300;
    this.#minIntervalMs = options.minIntervalMs ?? 100;
    this.#now = options.now ?? (() => performance.now());
    this.#startedMs = this.#now();
  }

  /** Redraws the bar if the run has lasted longer than `delayMs` and the last redraw is old enough. */
  update(simulatedMs: number, totalMs: number): void {
    const now = this.#now();
    if (now - this.#startedMs < this.#delayMs || now - this.#lastDrawMs < this.#minIntervalMs) return;
    this.#lastDrawMs = now;
    this.#drawn = true;
    this.#stream.write(`\r${formatProgressLine(simulatedMs, totalMs)}\x1b[K`);
  }

  /** Erases the bar, if it was drawn, so the next line starts clean. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}

/**
 * The progress line: a 10-cell bar, the percentage and the simulated time.
 *
 * @param simulatedMs - Simulated time reached [ms].
 * @param totalMs - Simulated time to reach [ms].
 * @example
 * ```ts
 * formatProgressLine(40_500, 90_000); // '[#####-----] 45% 40.5 s / 90 s simulated'
 * ```
 */
export function formatProgressLine(simulatedMs: number, totalMs: number, width = 10): string {
  const fraction = totalMs > 0 ? Math.min(1, Math.max(0, simulatedMs / totalMs)) : 1;
  const filled = Math.round(fraction * width);
  const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
  // The epsilon keeps 0.29 * 100 = 28.999… from printing as 28%.
  const percent = Math.floor(fraction * 100 + 1e-9);
  return `[${bar}] ${String(percent)}% ${seconds(simulatedMs, 1)} / ${seconds(totalMs)} simulated`;
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
  return `done in ${(wallMs / 1000).toFixed(1)} s wall, ${groupThousands(events)} events (${rate(perSecond)} events/s)`;
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
 * The progress line of a sweep: a 10-cell bar, runs done of total, and the estimated time left from the
 * mean wall time per run so far.
 *
 * @param done - Runs finished (including those found in the store).
 * @param total - Runs of this shard.
 * @param elapsedMs - Wall time since the first run started [ms].
 * @param ranNow - Runs finished by this invocation (the ETA uses only them).
 * @example
 * ```ts
 * formatSweepProgressLine(40, 100, 20_000, 40); // '[####------] 40% 40/100 runs, 20 s elapsed, ETA 30 s'
 * ```
 */
export function formatSweepProgressLine(
  done: number,
  total: number,
  elapsedMs: number,
  ranNow: number,
): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * 10);
  const bar = '#'.repeat(filled) + '-'.repeat(10 - filled);
  const eta = ranNow > 0 ? ((total - done) * elapsedMs) / ranNow : Number.NaN;
  return (
    `[${bar}] ${Math.floor(fraction * 100 + 1e-9)}% ${done}/${total} runs, ${clock(elapsedMs)} elapsed, ` +
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

/** Redraws a sweep's progress line in place on a terminal (at most every `minIntervalMs`). */
export class SweepProgress {
  readonly #stream: CliStream;
  readonly #now: () => number;
  readonly #startedMs: number;
  #lastDrawMs = -Infinity;
  #drawn = false;
  #first: number | undefined;

  constructor(stream: CliStream, now: () => number = () => performance.now()) {
    this.#stream = stream;
    this.#now = now;
    this.#startedMs = now();
  }

  /** Draws `done` of `total` (the first call tells how many were already in the store). */
  update(done: number, total: number): void {
    this.#first ??= done;
    const now = this.#now();
    if (now - this.#lastDrawMs < 100 && done < total) return;
    this.#lastDrawMs = now;
    this.#drawn = true;
    this.#stream.write(
      `\r${formatSweepProgressLine(done, total, now - this.#startedMs, done - this.#first)}\x1b[K`,
    );
  }

  /** Erases the line, if drawn. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}
