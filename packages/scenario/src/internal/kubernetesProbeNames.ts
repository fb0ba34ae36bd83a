// Hints for a Kubernetes readiness probe written into a scenario as a pod spec writes it: its `*Seconds` fields are
// told meshsim's duration field to write, its check mechanism and timeout that meshsim does not model them.

import type { PathSegment } from './path.js';
import type { PathIssue } from './PathIssue.js';
import { asText } from './show.js';

/** Kubernetes' probe fields in seconds → meshsim's duration fields (READINESS_PROBE_RULES). */
const SECONDS_FIELDS: ReadonlyMap<string, string> = new Map([
  ['initialDelaySeconds', 'initialDelay'],
  ['periodSeconds', 'period'],
]);

/** Kubernetes' probe fields meshsim does not model. */
const UNMODELLED: ReadonlySet<string> = new Set(['timeoutSeconds', 'terminationGracePeriodSeconds']);

/** Kubernetes' check mechanisms: meshsim's probe is an HTTP GET its application's workers answer. */
const MECHANISMS: ReadonlySet<string> = new Set(['httpGet', 'tcpSocket', 'exec', 'grpc']);

/**
 * The issue for unknown key `key` (holding `value`) of a service's `readinessProbe` at `object`, when it is
 * Kubernetes' spelling: `periodSeconds: 5` → `in meshsim write period: 5s`; undefined otherwise.
 */
export function kubernetesProbeIssues(
  object: readonly PathSegment[],
  key: string,
  value: unknown,
): PathIssue[] | undefined {
  if (object[object.length - 1] !== 'readinessProbe' || object[0] !== 'services') return undefined;
  const meshsim = SECONDS_FIELDS.get(key);
  let reason: string | undefined;
  if (meshsim !== undefined)
    reason =
      typeof value === 'number'
        ? `Kubernetes' name (in seconds); in meshsim write ${meshsim}: ${value}s`
        : `Kubernetes' name (in seconds); in meshsim write ${meshsim} with a unit (${asText(value)})`;
  else if (UNMODELLED.has(key)) reason = "Kubernetes' field, not modelled by meshsim: leave it out";
  else if (MECHANISMS.has(key))
    reason =
      "Kubernetes' check mechanism, not modelled: meshsim's probe is an HTTP GET the application's workers answer (leave it out)";
  return reason === undefined ? undefined : [{ path: [...object, key], reason }];
}
