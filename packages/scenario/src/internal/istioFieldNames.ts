// Hints for Istio's DestinationRule written into a scenario: its `trafficPolicy` under a service, its
// `loadBalancer: { simple: … }`, its outlier-detection names, and its connectionPool's nesting (istioPoolNames.ts) —
// each told the meshsim field to write, or that meshsim does not model it. Hint-only, like suggest.ts's tables.

import { istioPoolIssues } from './istioPoolNames.js';
import type { PathSegment } from './path.js';
import type { PathIssue } from './PathIssue.js';
import { asText } from './show.js';

/** Istio's `LoadBalancerSettings.SimpleLB` → meshsim's balancer (docs/import.md reads them the same way). */
const SIMPLE_LB: ReadonlyMap<string, string> = new Map([
  ['ROUND_ROBIN', 'round-robin'],
  ['RANDOM', 'random'],
  ['LEAST_REQUEST', 'least-request'],
  ['LEAST_CONN', 'least-request'],
]);

/** Istio's `LoadBalancerSettings` fields meshsim does not model. */
const UNMODELLED_LB: ReadonlySet<string> = new Set(['consistentHash', 'warmupDurationSecs', 'warmup']);

/** The unknown key `key` (holding `value`) of Istio's `loadBalancer` object, or undefined. */
function loadBalancerIssue(key: string, value: unknown): string | undefined {
  if (UNMODELLED_LB.has(key)) return "Istio's field, not modelled by meshsim: leave it out";
  if (key !== 'simple') return undefined;
  const form = "Istio's DestinationRule form; ";
  const meshsim = typeof value === 'string' ? SIMPLE_LB.get(value) : undefined;
  return meshsim !== undefined
    ? `${form}in meshsim write loadBalancer: ${meshsim}`
    : `${form}${asText(value)} has no meshsim balancer: write loadBalancer: round-robin, random, least-request or peak-ewma`;
}

/**
 * `: Istio's DestinationRule form; in meshsim write loadBalancer: least-request` for Istio's `{ simple: LEAST_REQUEST }`
 * given to a field that takes a balancer's name (`mesh.loadBalancer`: `values` holds `least-request`); '' otherwise.
 */
export function istioSimpleLbHint(input: unknown, values: readonly unknown[]): string {
  if (
    !values.includes('least-request') ||
    typeof input !== 'object' ||
    input === null ||
    Array.isArray(input)
  )
    return '';
  const keys = Object.keys(input);
  if (keys.length !== 1 || keys[0] !== 'simple') return '';
  return `: ${loadBalancerIssue('simple', (input as { simple?: unknown }).simple) ?? ''}`;
}

/** The unknown key `key` (holding `value`) of an `outlierDetection`, when it is Istio's name, or undefined. */
function outlierIssue(key: string, value: unknown): string | undefined {
  if (key === 'consecutive5xxErrors')
    return `Istio's name; in meshsim write outlierDetection.consecutive5xx: ${asText(value)}`;
  if (key === 'consecutiveErrors')
    // Istio's applyOutlierDetection never reads it (docs/sources.md#import-istio-traffic-policy-go).
    return (
      "Istio's deprecated field, which Istio's control plane ignores (Envoy's default of 5 consecutive 5xx applies): " +
      'leave it out, or write outlierDetection.consecutive5xx or consecutiveGatewayErrors for what you meant'
    );
  return undefined;
}

/** A service's `trafficPolicy`: Istio's DestinationRule block, meshsim's `destinationPolicy`. */
const TRAFFIC_POLICY =
  "Istio's DestinationRule trafficPolicy: write destinationPolicy (its loadBalancer, connectionPool and outlierDetection, in meshsim's names)";

/**
 * The issues for unknown key `key` (holding `value`) of the object at `object`, when the key is Istio's
 * DestinationRule spelling of a meshsim field: one issue (a `connectionPool`'s nested `tcp` / `http`, one per field
 * inside); undefined otherwise (the generic unknown-field hint applies).
 */
export function istioFieldIssues(
  object: readonly PathSegment[],
  key: string,
  value: unknown,
): PathIssue[] | undefined {
  const pool = istioPoolIssues(object, key, value);
  if (pool !== undefined) return pool;
  const holder = object[object.length - 1];
  let reason: string | undefined;
  if (holder === 'loadBalancer') reason = loadBalancerIssue(key, value);
  else if (holder === 'outlierDetection') reason = outlierIssue(key, value);
  else if (key === 'trafficPolicy' && object.length === 2 && object[0] === 'services')
    reason = TRAFFIC_POLICY;
  return reason === undefined ? undefined : [{ path: [...object, key], reason }];
}
