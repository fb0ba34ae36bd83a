// Hints for Istio's DestinationRule connectionPool written into a scenario: Istio nests under `tcp` and `http` (and
// names differently) what meshsim's `connectionPool` writes flat, so each Istio field is told the meshsim field to
// write, with its value, or that meshsim does not model it. Hint-only, like suggest.ts's tables.

import type { PathSegment } from './path.js';
import type { PathIssue } from './PathIssue.js';
import { asText } from './show.js';

/**
 * Istio's `ConnectionPoolSettings.TCPSettings` and `.HTTPSettings` fields (Istio's DestinationRule reference,
 * docs/sources.md#istio-destinationrule): the flat meshsim field each maps to, or null where meshsim has none.
 */
const ISTIO_POOL_FIELDS: ReadonlyMap<string, ReadonlyMap<string, string | null>> = new Map([
  [
    'tcp',
    new Map([
      ['maxConnections', 'maxConnections'],
      ['connectTimeout', 'connectTimeout'],
      ['tcpKeepalive', null],
      ['maxConnectionDuration', null],
      ['idleTimeout', null],
    ]),
  ],
  [
    'http',
    new Map([
      ['http1MaxPendingRequests', 'maxPendingRequests'],
      ['http2MaxRequests', 'maxRequests'],
      ['maxRequestsPerConnection', null],
      ['maxRetries', 'maxRetries'],
      ['idleTimeout', null],
      ['h2UpgradePolicy', null],
      ['useClientProtocol', null],
      ['maxConcurrentStreams', null],
      ['http2KeepAlive', null],
    ]),
  ],
]);

const NOT_MODELLED =
  "Istio's field, not modelled by meshsim (no per-destination connection settings beyond the thresholds and connectTimeout): leave it out";

/** `connectionPool.maxPendingRequests: 10`: what to write instead, with the value as written. */
function write(field: string, value: unknown): string {
  return `in meshsim write connectionPool.${field}: ${asText(value)}`;
}

/**
 * The issues for unknown key `key` (holding `value`) of the object at `object`, when that object is a
 * `connectionPool` and the key is Istio's: a nested `tcp` / `http` object gives one issue per field inside, a flat
 * Istio name (`http1MaxPendingRequests`) one issue; undefined otherwise (the generic unknown-field hint applies).
 */
export function istioPoolIssues(
  object: readonly PathSegment[],
  key: string,
  value: unknown,
): PathIssue[] | undefined {
  if (object[object.length - 1] !== 'connectionPool') return undefined;
  const nested = ISTIO_POOL_FIELDS.get(key);
  if (nested !== undefined) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return Object.entries(value).map(([field, inner]): PathIssue => {
      const path = [...object, key, field];
      if (!nested.has(field)) {
        return {
          path,
          reason: `unknown field (Istio's connectionPool.${key} has ${[...nested.keys()].join(', ')})`,
        };
      }
      const flat = nested.get(field) ?? null;
      if (flat === null) return { path, reason: NOT_MODELLED };
      return {
        path,
        reason:
          flat === field
            ? `Istio's nesting; ${write(flat, inner)} (meshsim's connectionPool is flat)`
            : `Istio's name; ${write(flat, inner)}`,
      };
    });
  }
  for (const [group, fields] of ISTIO_POOL_FIELDS) {
    const flat = fields.get(key);
    if (flat === undefined || flat === key) continue;
    const reason =
      flat === null ? NOT_MODELLED : `Istio's name (connectionPool.${group}.${key}); ${write(flat, value)}`;
    return [{ path: [...object, key], reason }];
  }
  return undefined;
}
