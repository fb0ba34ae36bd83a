// Linkerd's retry annotations (reference "Retries") → a scenario retry: `retry.linkerd.io/limit` counts
// retries (default 1), so meshsim's `attempts` is one more; `retry.linkerd.io/timeout` is a per-try timeout.

import { RETRY_RULES, findRuleRow } from '@meshsim/mesh';
import type { RetryCondition } from '@meshsim/mesh';

import type { ScenarioRetry } from '../../ScenarioParts.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { parseGoDurationMs } from '../units/parseGoDurationMs.js';
import { fitDuration, fitToRuleMax } from '../source/fitToRule.js';
import { LINKERD_RETRY_KEYS, annotationPath as PATH, hasAny } from './linkerdAnnotationKeys.js';
import { pushAll } from '@meshsim/mesh';

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
    pushAll(conditions, mapped.conditions);
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
      retry.perTryTimeout = formatDurationMs(
        fitDuration(doc, builder, PATH('retry.linkerd.io/timeout'), ms, timeoutText),
      );
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
  // A scenario's tries have a maximum: a larger limit is held at it (warned).
  retry.attempts = fitToRuleMax(
    doc,
    builder,
    PATH('retry.linkerd.io/limit'),
    limit + 1,
    findRuleRow(RETRY_RULES, 'attempts'),
    { written: `a limit of ${String(limit)} retries (${String(limit + 1)} tries)`, field: 'retry.attempts' },
  );
  return retry;
}
