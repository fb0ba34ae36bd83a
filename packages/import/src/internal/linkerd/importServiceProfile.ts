// Linkerd ServiceProfile (reference "Service Profiles"; task "Configuring Retries"): its routes' timeout and
// isRetryable become the policy of every call to the service, its retryBudget the service's budget. It makes
// Linkerd ignore the Service's policy annotations, so the importer does too.

import { LINKERD_RETRY_BUDGET_RULES, findRuleRow } from '@meshsim/mesh';
import type { RuleRow } from '@meshsim/mesh';

import type { ScenarioRetry } from '../../ScenarioParts.js';
import { resolveHost } from '../istio/resolveHost.js';
import { readDuration } from '../source/readDuration.js';
import { readKeys } from '../kubernetes/readKeys.js';
import { useIdentity } from '../kubernetes/useIdentity.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';

/**
 * Tries per request for a retryable ServiceProfile route. Linkerd bounds these retries only by the
 * budget ("budgets and not max retries"); meshsim needs a cap, and this is an assumption.
 */
export const SERVICE_PROFILE_ATTEMPTS = 3;

type LinkerdBudget = { retryRatio?: number; minRetriesPerSecond?: number; ttl?: string };

/**
 * The profile's retry budget as linkerd2-proxy takes it: it discards a budget whose `retryRatio` is outside 0..1000 or
 * whose `ttl` is outside 1s..60s (Tower's ranges; service-profiles proto.rs "retry_budget retry_ratio invalid", "…
 * ttl invalid"), each warned at its line; `discarded` then, and nothing of it is imported.
 */
function readBudget(
  doc: SourceDocument,
  builder: ModelBuilder,
): { value: LinkerdBudget; discarded: boolean } {
  const path: FieldPath = ['spec', 'retryBudget'];
  const ratio = doc.get([...path, 'retryRatio']);
  const minPerSecond = doc.get([...path, 'minRetriesPerSecond']);
  // Not held within a scenario's longest duration: Tower's range for a ttl is narrower, checked below.
  const ttl = readDuration(doc, builder, [...path, 'ttl'], { fit: false });
  const value: LinkerdBudget = {};
  if (typeof ratio === 'number') value.retryRatio = ratio;
  if (typeof minPerSecond === 'number') value.minRetriesPerSecond = minPerSecond;
  if (ttl !== undefined && ttl > 0) value.ttl = formatDurationMs(ttl);
  const ratioRow = findRuleRow(LINKERD_RETRY_BUDGET_RULES, 'retryRatio');
  const ttlRow = findRuleRow(LINKERD_RETRY_BUDGET_RULES, 'ttl');
  const discards: { field: string; problem: string }[] = [];
  if (value.retryRatio !== undefined && !within(value.retryRatio, ratioRow)) {
    discards.push({
      field: 'retryRatio',
      problem: `${String(value.retryRatio)} is outside ${String(ratioRow.min?.value)}..${String(ratioRow.max?.value)} ("retry_budget retry_ratio invalid")`,
    });
  }
  if (ttl !== undefined && ttl > 0 && !within(ttl, ttlRow)) {
    discards.push({
      field: 'ttl',
      problem: `${formatDurationMs(ttl)} is outside ${formatDurationMs(ttlRow.min?.value ?? 0)}..${formatDurationMs(ttlRow.max?.value ?? 0)} ("retry_budget ttl invalid")`,
    });
  }
  for (const { field, problem } of discards) {
    builder.warnings.at(
      doc,
      [...path, field],
      `${problem}: linkerd2-proxy discards a retry budget outside Tower's ranges; not imported`,
    );
  }
  return discards.length > 0 ? { value: {}, discarded: true } : { value, discarded: false };
}

/** True if `value` is within the row's min and max (both inclusive in these rows). */
function within(value: number, row: RuleRow): boolean {
  return (
    (row.min === undefined || value >= row.min.value) && (row.max === undefined || value <= row.max.value)
  );
}

/** Imports a ServiceProfile. */
export function importServiceProfile(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  readKeys(doc, ['metadata', 'labels'], []);
  readKeys(doc, ['metadata', 'annotations'], []);
  builder.evidence.linkerd.push(doc.ref());
  const resolved = resolveHost(builder, doc.name, doc.namespace);
  if ('problem' in resolved) {
    builder.warnings.at(doc, ['metadata', 'name'], `${resolved.problem}; the profile is not imported`);
    doc.use(['spec']);
    return;
  }
  const service = resolved.service;
  service.serviceProfile = doc.ref();

  const routes = doc.peek(['spec', 'routes']);
  const timeouts: { ms: number; path: FieldPath }[] = [];
  let retryable = 0;
  let total = 0;
  if (Array.isArray(routes)) {
    routes.forEach((_route, i) => {
      const path: FieldPath = ['spec', 'routes', i];
      total += 1;
      doc.use([...path, 'name']);
      doc.use([...path, 'condition']); // routes collapse into one policy per call; their conditions only select
      const timeout = readDuration(doc, builder, [...path, 'timeout']);
      if (timeout !== undefined && timeout > 0) timeouts.push({ ms: timeout, path: [...path, 'timeout'] });
      if (doc.get([...path, 'isRetryable']) === true) retryable += 1;
      if (doc.peek([...path, 'responseClasses']) !== undefined) {
        doc.use([...path, 'responseClasses']);
        builder.warnings.at(
          doc,
          [...path, 'responseClasses'],
          'not modelled: meshsim classifies 5xx responses as failures',
        );
      }
    });
  }
  if (total > 1) {
    builder.warnings.at(
      doc,
      ['spec', 'routes'],
      `${String(total)} routes collapse into one policy for every call to "${service.name}" (meshsim has no per-route policies)`,
    );
  }
  const [first] = timeouts;
  if (first !== undefined) {
    if (timeouts.some((t) => t.ms !== first.ms)) {
      builder.warnings.at(
        doc,
        first.path,
        `the routes' timeouts differ; the first (${formatDurationMs(first.ms)}) is used for every call`,
      );
    }
    service.callPolicy.timeout = builder.setOnce(
      service.callPolicy.timeout,
      formatDurationMs(first.ms),
      doc,
      first.path,
      `the timeout of calls to "${service.name}"`,
    );
  }
  // The budget first: linkerd2-proxy retries no route of a profile whose budget it discards.
  const budget = readBudget(doc, builder);
  if (budget.discarded && retryable > 0) {
    builder.warnings.at(
      doc,
      ['spec', 'routes'],
      `linkerd2-proxy discards this profile's retry budget (see spec.retryBudget) and then retries none of its routes ("retry_budget is missing"): the retryable routes are imported without retries`,
    );
  }
  if (retryable > 0 && !budget.discarded) {
    if (retryable < total) {
      builder.warnings.at(
        doc,
        ['spec', 'routes'],
        `${String(retryable)} of ${String(total)} routes are retryable; every call to "${service.name}" is retried`,
      );
    }
    const retry: ScenarioRetry = { attempts: SERVICE_PROFILE_ATTEMPTS, retryOn: ['5xx'] };
    service.callPolicy.retry = builder.setOnce(
      service.callPolicy.retry,
      retry,
      doc,
      ['spec', 'routes'],
      `the retry policy of calls to "${service.name}"`,
    );
    builder.assume(
      `Linkerd ServiceProfile retries are bounded by the retry budget only; meshsim needs a per-request cap: ${String(SERVICE_PROFILE_ATTEMPTS)} tries (an assumption of the import).`,
    );
  }

  const budgetPath: FieldPath = ['spec', 'retryBudget'];
  if (Object.keys(budget.value).length > 0) {
    service.destinationPolicy.retryBudget = builder.setOnce(
      service.destinationPolicy.retryBudget,
      { linkerd: budget.value },
      doc,
      budgetPath,
      `the retry budget of "${service.name}"`,
    );
  } else if (retryable > 0 && !budget.discarded) {
    // "By default, retries may add at most an additional 20% to the request load (plus an additional 10
    // "free" retries per second)" — Linkerd's default budget applies to retryable routes.
    service.destinationPolicy.retryBudget = builder.setOnce(
      service.destinationPolicy.retryBudget,
      'linkerd',
      doc,
      ['spec', 'routes'],
      `the retry budget of "${service.name}"`,
    );
  }
  for (const key of ['dstOverrides', 'opaquePorts'] as const) {
    if (doc.peek(['spec', key]) !== undefined) {
      doc.use(['spec', key]);
      builder.warnings.at(
        doc,
        ['spec', key],
        key === 'dstOverrides'
          ? 'not modelled: traffic splits across services (meshsim splits only between versions of one service)'
          : 'not modelled: meshsim does not model ports or protocol detection',
      );
    }
  }
}
