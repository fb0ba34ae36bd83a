// Flags of `meshsim run` that export to other tools — Istio metrics, OTLP traces, Fortio and SMP results —
// and the telemetry a run must record for them; errors name the flag and the value.

import type { SimulationConfig, TelemetryOptions } from '@meshsim/mesh';
import type { FortioSourceLoad } from '@meshsim/report';
import { parseDurationMs } from '@meshsim/scenario';

import { UsageError } from '../CliError.js';
import { parseShare, stringFlag } from './flags.js';

/** Share of requests traced when `--otlp` is given without `--trace-sample` (Istio's default sampling, 1%). */
export const DEFAULT_TRACE_SAMPLE = 0.01;

/** parseArgs options of the export flags. */
export const EXPORT_FLAGS = {
  metrics: { type: 'string' },
  otlp: { type: 'string' },
  'trace-sample': { type: 'string' },
  'trace-errors': { type: 'boolean' },
  'trace-slower-than': { type: 'string' },
  'trace-keep-share': { type: 'string' },
  fortio: { type: 'string' },
  smp: { type: 'string' },
  'start-time': { type: 'string' },
} as const;

/** The metric names `--openmetrics` prints: Istio's standard metrics, or meshsim's own summary. */
export type MetricsFormat = 'istio' | 'meshsim';

/** The parsed export flags. */
export interface ExportArgs {
  metrics: MetricsFormat;
  otlp?: string;
  /** Whether the run records traces: for `--otlp`, or for `--html` given a `--trace-…` flag. */
  traced: boolean;
  traceSample: number;
  /** `--trace-errors`: keep every trace with a failed span (tail sampling). */
  traceErrors: boolean;
  /** `--trace-slower-than`: keep every trace longer than this [ms] (tail sampling). */
  traceSlowerThanMs?: number;
  /** `--trace-keep-share`: the share of the traces the tail rules pick that is kept. */
  traceKeepShare?: number;
  fortio?: string;
  smp?: string;
  /** Wall-clock time of simulated time 0 [ms since the epoch]. */
  startTimeMs: number;
}

function path(values: Record<string, string | boolean | undefined>, flag: string): string | undefined {
  const value = stringFlag(values, flag);
  if (value !== undefined && value.trim() === '') {
    throw new UsageError(`invalid value for --${flag}: '${value}' (expected a path)`, 'run');
  }
  return value;
}

/**
 * `--start-time`: an ISO 8601 time with a zone (`2026-01-01T12:00:00Z`) or seconds since the Unix epoch.
 * @returns Milliseconds since the epoch.
 */
export function parseStartTime(text: string): number {
  const trimmed = text.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed)
    ? Number(trimmed) * 1000
    : /^\d{4}-\d\d-\d\dT.*(Z|[+-]\d\d:?\d\d)$/.test(trimmed)
      ? Date.parse(trimmed)
      : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new UsageError(
      `invalid value for --start-time: '${text}' (expected an ISO 8601 time with a zone, e.g. 2026-01-01T12:00:00Z, or seconds since the epoch)`,
      'run',
    );
  }
  return ms;
}

/**
 * Checks the export flags. `openMetrics` says whether `--openmetrics` was given (`--metrics` goes with it),
 * `html` whether `--html` was (the `--trace-…` flags go with `--otlp` or `--html`).
 * @throws {UsageError} naming the flag and the value.
 */
export function parseExportArgs(
  values: Record<string, string | boolean | undefined>,
  openMetrics: boolean,
  html = false,
): ExportArgs {
  const metrics = stringFlag(values, 'metrics');
  if (metrics !== undefined && !openMetrics) throw new UsageError('--metrics goes with --openmetrics', 'run');
  if (metrics !== undefined && metrics.trim() !== 'istio' && metrics.trim() !== 'meshsim') {
    throw new UsageError(
      `invalid value for --metrics: '${metrics}' (expected one of: istio, meshsim)`,
      'run',
    );
  }
  const args: ExportArgs = {
    metrics: metrics?.trim() === 'meshsim' ? 'meshsim' : 'istio',
    traced: false,
    traceSample: DEFAULT_TRACE_SAMPLE,
    traceErrors: values['trace-errors'] === true,
    startTimeMs: 0,
  };
  const otlp = path(values, 'otlp');
  if (otlp !== undefined) args.otlp = otlp;
  const target = otlp !== undefined || html;
  const withTarget = (flag: string): void => {
    if (!target) throw new UsageError(`${flag} goes with --otlp or --html`, 'run');
  };
  if (args.traceErrors) withTarget('--trace-errors');
  const slower = stringFlag(values, 'trace-slower-than');
  if (slower !== undefined) {
    withTarget('--trace-slower-than');
    args.traceSlowerThanMs = parseTraceDuration(slower);
  }
  const tail = args.traceErrors || args.traceSlowerThanMs !== undefined;
  const keepShare = stringFlag(values, 'trace-keep-share');
  if (keepShare !== undefined) {
    if (!tail)
      throw new UsageError('--trace-keep-share goes with --trace-errors or --trace-slower-than', 'run');
    const share = parseShare(keepShare);
    if (!(share > 0 && share <= 1)) {
      throw new UsageError(
        `invalid value for --trace-keep-share: '${keepShare}' (expected a share in (0, 1], e.g. 0.05)`,
        'run',
      );
    }
    args.traceKeepShare = share;
  }
  const sample = stringFlag(values, 'trace-sample');
  if (sample !== undefined) {
    withTarget('--trace-sample');
    const share = parseShare(sample);
    if (!((share > 0 || (share === 0 && tail)) && share <= 1)) {
      throw new UsageError(
        `invalid value for --trace-sample: '${sample}' (expected a share in (0, 1], e.g. 0.05; ` +
          '0 only with --trace-errors or --trace-slower-than)',
        'run',
      );
    }
    args.traceSample = share;
  }
  args.traced = otlp !== undefined || (html && (sample !== undefined || tail));
  const fortio = path(values, 'fortio');
  if (fortio !== undefined) args.fortio = fortio;
  const smp = path(values, 'smp');
  if (smp !== undefined) args.smp = smp;
  const start = stringFlag(values, 'start-time');
  if (start !== undefined) args.startTimeMs = parseStartTime(start);
  return args;
}

/** `--trace-slower-than`: a duration > 0 with a unit (a bare number is milliseconds). */
function parseTraceDuration(text: string): number {
  let ms: number;
  try {
    ms = parseDurationMs(text);
  } catch {
    ms = Number.NaN;
  }
  if (!(ms > 0) || ms === Infinity) {
    throw new UsageError(
      `invalid value for --trace-slower-than: '${text}' (expected a duration > 0 such as 250ms or 2s)`,
      'run',
    );
  }
  return ms;
}

/** What the run must record for the outputs asked for. */
export function telemetryFor(args: ExportArgs, istioMetrics: boolean): TelemetryOptions {
  const requests = istioMetrics || args.fortio !== undefined || args.smp !== undefined;
  const tail = args.traceErrors || args.traceSlowerThanMs !== undefined;
  return {
    ...(requests && { requests: true }),
    ...(args.traced && { traceSampleRate: args.traceSample }),
    ...(args.traced &&
      tail && {
        traceKeep: {
          ...(args.traceErrors && { errors: true }),
          ...(args.traceSlowerThanMs !== undefined && { slowerThanMs: args.traceSlowerThanMs }),
          ...(args.traceKeepShare !== undefined && { share: args.traceKeepShare }),
        },
      }),
  };
}

/**
 * The load each traffic source asked for, as Fortio reports it: an open-loop source's mean rate over the
 * run [requests/s] and its `connections` as threads (0 without a limit); a closed-loop source's `max` and
 * its users as threads.
 */
export function requestedLoad(config: SimulationConfig): Record<string, FortioSourceLoad> {
  const load: Record<string, FortioSourceLoad> = {};
  for (const source of config.traffic) {
    if (source.kind === 'closed') {
      load[source.name] = { requestedQps: 'max', threads: source.users };
      continue;
    }
    const end = config.durationMs;
    let requests = 0;
    source.rate.forEach((point, i) => {
      const next = source.rate[i + 1];
      const from = Math.min(point.atMs, end);
      const to = Math.min(next?.atMs ?? end, end);
      if (to <= from) return;
      const toRps =
        point.rampToNext && next !== undefined
          ? point.rps + ((next.rps - point.rps) * (to - point.atMs)) / (next.atMs - point.atMs)
          : point.rps;
      requests += ((point.rps + toRps) / 2) * ((to - from) / 1000);
    });
    const meanRps = end > 0 ? requests / (end / 1000) : 0;
    load[source.name] = {
      requestedQps: String(Math.round(meanRps * 1000) / 1000),
      threads: source.connections ?? 0,
    };
  }
  return load;
}
