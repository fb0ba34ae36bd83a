// Linkerd's policy annotations on Services and HTTPRoutes (linkerd.io 2.18 reference: "Retries",
// "Timeouts", "Circuit Breaking"), read into scenario terms. `retry.linkerd.io/limit` counts retries
// (default 1), so meshsim's `attempts` is one more.

import type { RetryCondition } from '@meshsim/mesh';

import type { ScenarioDestinationPolicy, ScenarioRetry } from '../../ScenarioParts.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { parseGoDurationMs } from '../units/parseGoDurationMs.js';

/** Retry annotations (Service, HTTPRoute). */
export const LINKERD_RETRY_KEYS: readonly string[] = [
  'retry.linkerd.io/http',
  'retry.linkerd.io/grpc',
  'retry.linkerd.io/limit',
  'retry.linkerd.io/timeout',
];

/** Timeout annotations (Service, HTTPRoute). */
export const LINKERD_TIMEOUT_KEYS: readonly string[] = [
  'timeout.linkerd.io/request',
  'timeout.linkerd.io/response',
  'timeout.linkerd.io/idle',
];

const ACCRUAL = 'balancer.linkerd.io/failure-accrual';
const CONSECUTIVE = `${ACCRUAL}-consecutive`;

/** Failure-accrual annotations (Service only). */
export const LINKERD_ACCRUAL_KEYS: readonly string[] = [
  ACCRUAL,
  `${CONSECUTIVE}-max-failures`,
  `${CONSECUTIVE}-min-penalty`,
  `${CONSECUTIVE}-max-penalty`,
  `${CONSECUTIVE}-jitter-ratio`,
];

/** Every Linkerd policy annotation the importer reads on a Service. */
export const LINKERD_SERVICE_ANNOTATIONS: readonly string[] = [
  ...LINKERD_RETRY_KEYS,
  ...LINKERD_TIMEOUT_KEYS,
  ...LINKERD_ACCRUAL_KEYS,
];

type FailureAccrual = NonNullable<ScenarioDestinationPolicy['failureAccrual']>;

const PATH = (key: string): string[] => ['metadata', 'annotations', key];

/** Maps `retry.linkerd.io/http` (`5xx`, `gateway-error`, codes, ranges) to meshsim conditions. */
export function mapLinkerdHttpRetry(text: string): { conditions: RetryCondition[]; dropped: string[] } {
  const conditions: RetryCondition[] = [];
  const dropped: string[] = [];
  const add = (condition: RetryCondition): void => {
    if (!conditions.includes(condition)) conditions.push(condition);
  };
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const range = /^(\d{3})-(\d{3})$/.exec(part);
    if (part === '5xx' || (range !== null && Number(range[1]) <= 500 && Number(range[2]) >= 599)) add('5xx');
    else if (part === 'gateway-error' || part === '502-504') add('gateway-error');
    else if (part === '503') add('overflow');
    else dropped.push(part);
  }
  return { conditions, dropped };
}

/** True if any of `keys` is among `annotations`. */
export function hasAny(annotations: Record<string, string>, keys: readonly string[]): boolean {
  return keys.some((key) => annotations[key] !== undefined);
}

/**
 * Reads the retry annotations of `doc`.
 *
 * @returns The retry policy (`{ attempts: 1 }` when it retries nothing meshsim models), or undefined
 *   when no retry annotation is set.
 */
export function readLinkerdRetry(
  doc: SourceDocument,
  builder: ModelBuilder,
  annotations: Record<string, string>,
): ScenarioRetry | undefined {
  if (!hasAny(annotations, LINKERD_RETRY_KEYS)) return undefined;
  const conditions: RetryCondition[] = [];
  const http = annotations['retry.linkerd.io/http'];
  if (http !== undefined) {
    const mapped = mapLinkerdHttpRetry(http);
    conditions.push(...mapped.conditions);
    if (mapped.dropped.length > 0) {
      builder.warnings.at(
        doc,
        PATH('retry.linkerd.io/http'),
        `not modelled: ${mapped.dropped.join(', ')} (meshsim retries on 5xx, gateway-error and 503)`,
      );
    }
  }
  if (annotations['retry.linkerd.io/grpc'] !== undefined) {
    builder.warnings.at(
      doc,
      PATH('retry.linkerd.io/grpc'),
      "not modelled: gRPC status conditions (meshsim's calls carry HTTP outcomes)",
    );
  }
  let limit = 1;
  const limitText = annotations['retry.linkerd.io/limit'];
  if (limitText !== undefined) {
    const parsed = Number(limitText);
    if (Number.isInteger(parsed) && parsed >= 0) limit = parsed;
    else
      builder.warnings.at(
        doc,
        PATH('retry.linkerd.io/limit'),
        `must be an integer >= 0 (got ${JSON.stringify(limitText)}); Linkerd's default 1 is used`,
      );
  }
  const retry: ScenarioRetry = { attempts: limit + 1, retryOn: conditions };
  const timeoutText = annotations['retry.linkerd.io/timeout'];
  if (timeoutText !== undefined) {
    const ms = parseGoDurationMs(timeoutText);
    if (ms === undefined || ms <= 0) {
      builder.warnings.at(
        doc,
        PATH('retry.linkerd.io/timeout'),
        `not a duration with a unit (got ${JSON.stringify(timeoutText)}); ignored`,
      );
    } else {
      retry.perTryTimeout = formatDurationMs(ms);
      // A retry timeout cancels the try and retries it; 5xx and gateway-error already cover per-try timeouts.
      if (!conditions.includes('5xx') && !conditions.includes('gateway-error'))
        conditions.push('per-try-timeout');
    }
  }
  if (conditions.length === 0 || limit === 0) {
    if (limit !== 0)
      builder.warnings.at(
        doc,
        ['metadata', 'annotations'],
        'retry annotations without a condition meshsim models; imported as no retries',
      );
    return { attempts: 1 };
  }
  return retry;
}

/** Reads `timeout.linkerd.io/request` (the others are reported); undefined when none is set. */
export function readLinkerdTimeout(
  doc: SourceDocument,
  builder: ModelBuilder,
  annotations: Record<string, string>,
): string | undefined {
  for (const key of ['timeout.linkerd.io/response', 'timeout.linkerd.io/idle']) {
    if (annotations[key] !== undefined) {
      builder.warnings.at(
        doc,
        PATH(key),
        'not modelled: meshsim has one overall timeout per call (timeout.linkerd.io/request)',
      );
    }
  }
  const text = annotations['timeout.linkerd.io/request'];
  if (text === undefined) return undefined;
  const ms = parseGoDurationMs(text);
  if (ms === undefined || ms <= 0) {
    builder.warnings.at(
      doc,
      PATH('timeout.linkerd.io/request'),
      `not a duration with a unit (got ${JSON.stringify(text)}); ignored`,
    );
    return undefined;
  }
  return formatDurationMs(ms);
}

/** Reads the failure-accrual annotations of a Service; undefined when it sets none. */
export function readFailureAccrual(
  doc: SourceDocument,
  builder: ModelBuilder,
  annotations: Record<string, string>,
): FailureAccrual | undefined {
  const mode = annotations[ACCRUAL];
  if (mode === undefined) {
    if (hasAny(annotations, LINKERD_ACCRUAL_KEYS)) {
      builder.warnings.at(
        doc,
        ['metadata', 'annotations'],
        `failure-accrual parameters without ${ACCRUAL}: Linkerd performs no failure accrual; ignored`,
      );
    }
    return undefined;
  }
  if (mode !== 'consecutive') {
    builder.warnings.at(
      doc,
      PATH(ACCRUAL),
      `unknown failure-accrual policy ${JSON.stringify(mode)} (Linkerd supports "consecutive"); ignored`,
    );
    return undefined;
  }
  const out: { maxFailures?: number; minPenalty?: string; maxPenalty?: string; jitter?: number } = {};
  const maxFailures = annotations[`${CONSECUTIVE}-max-failures`];
  if (maxFailures !== undefined) {
    const n = Number(maxFailures);
    if (Number.isInteger(n) && n >= 1) out.maxFailures = n;
    else
      builder.warnings.at(
        doc,
        PATH(`${CONSECUTIVE}-max-failures`),
        `must be an integer >= 1 (got ${JSON.stringify(maxFailures)}); Linkerd's default 7 is used`,
      );
  }
  for (const [key, field] of [
    [`${CONSECUTIVE}-min-penalty`, 'minPenalty'],
    [`${CONSECUTIVE}-max-penalty`, 'maxPenalty'],
  ] as const) {
    const text = annotations[key];
    if (text === undefined) continue;
    const ms = parseGoDurationMs(text);
    if (ms === undefined || ms <= 0)
      builder.warnings.at(
        doc,
        PATH(key),
        `not a duration with a unit (got ${JSON.stringify(text)}); the default is used`,
      );
    else out[field] = formatDurationMs(ms);
  }
  const jitter = annotations[`${CONSECUTIVE}-jitter-ratio`];
  if (jitter !== undefined) {
    const ratio = Number(jitter);
    if (Number.isFinite(ratio) && ratio >= 0 && ratio <= 100) out.jitter = ratio;
    else
      builder.warnings.at(
        doc,
        PATH(`${CONSECUTIVE}-jitter-ratio`),
        `must be a number in [0, 100] (got ${JSON.stringify(jitter)}); Linkerd's default 0.5 is used`,
      );
  }
  return Object.keys(out).length === 0 ? 'linkerd-defaults' : out;
}
