// Turns a latency histogram into the reported summary (count, mean and percentiles) [ms].

import type { LatencyHistogram } from '@meshsim/engine';
import type { LatencySummary } from '../config/SimulationResult.js';

/** Summary of a histogram; all zeros when it is empty (never NaN). */
export function summarizeLatency(histogram: LatencyHistogram): LatencySummary {
  if (histogram.count === 0)
    return { count: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p985Ms: 0, p995Ms: 0, p999Ms: 0, maxMs: 0 };
  const [p50, p90, p985, p99, p995, p999] = histogram.quantiles([0.5, 0.9, 0.985, 0.99, 0.995, 0.999]);
  return {
    count: histogram.count,
    meanMs: histogram.mean,
    p50Ms: p50 ?? 0,
    p90Ms: p90 ?? 0,
    p99Ms: p99 ?? 0,
    p985Ms: p985 ?? 0,
    p995Ms: p995 ?? 0,
    p999Ms: p999 ?? 0,
    maxMs: histogram.max,
  };
}
