// Values derived from a SimulationResult that several renderers print the same way.

import { FAILURE_CAUSES } from '@meshsim/mesh';
import type { EdgeMetrics, FailureCause } from '@meshsim/mesh';

/** Causes counted as timeouts in the text summary: the caller or the server gave up waiting. */
export const TIMEOUT_CAUSES: readonly FailureCause[] = ['timeout', 'per-try-timeout', 'deadline-exceeded'];

/** Causes counted as rejected in the text summary: refused without being served. */
export const REJECTED_CAUSES: readonly FailureCause[] = ['rejected', 'rate-limited', 'breaker-open'];

/** Failed calls of `edge` with one of `causes`. */
function sumCauses(edge: EdgeMetrics, causes: readonly FailureCause[]): number {
  return causes.reduce((sum, cause) => sum + (edge.failures[cause] ?? 0), 0);
}

/** Calls that timed out: overall or last per-try timeout, or dropped by the server past their deadline. */
export function edgeTimeouts(edge: EdgeMetrics): number {
  return sumCauses(edge, TIMEOUT_CAUSES);
}

/** Calls refused without being served: queue full (503), rate limited (429), circuit breaker open. */
export function edgeRejected(edge: EdgeMetrics): number {
  return sumCauses(edge, REJECTED_CAUSES);
}

/**
 * Every other failed call: 500s, connect failures, resets, "no endpoints", denied, a callee's 502/504 for a failed
 * dependency (`bad-gateway`, `gateway-timeout`), and any newer cause.
 */
export function edgeErrors(edge: EdgeMetrics): number {
  return sumCauses(
    edge,
    FAILURE_CAUSES.filter((cause) => !TIMEOUT_CAUSES.includes(cause) && !REJECTED_CAUSES.includes(cause)),
  );
}

/** Calls started per simulated second [req/s], `NaN` for a zero duration. */
export function ratePerSecond(calls: number, durationMs: number): number {
  return durationMs > 0 ? calls / (durationMs / 1000) : Number.NaN;
}

/** The policy events of an edge as `[name, count]` pairs sorted by name (input order never matters). */
export function sortedPolicyEvents(edge: EdgeMetrics): [string, number][] {
  return Object.entries(edge.policyEvents ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every policy event name seen on any edge, sorted. */
export function policyEventNames(edges: readonly EdgeMetrics[]): string[] {
  return [...new Set(edges.flatMap((edge) => Object.keys(edge.policyEvents ?? {})))].sort();
}

/**
 * The policy times of an edge as `[state, ms]` pairs sorted by name; none for a result without the field (one
 * written before counts and durations were apart, or made by hand).
 */
export function sortedPolicyTimes(edge: EdgeMetrics): [string, number][] {
  return Object.entries(edge.policyTimeMs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every policy state with a time on any edge, sorted. */
export function policyTimeNames(edges: readonly EdgeMetrics[]): string[] {
  return [...new Set(edges.flatMap((edge) => Object.keys(edge.policyTimeMs ?? {})))].sort();
}
