// Linkerd ServiceProfile (reference "Service Profiles"; task "Configuring Retries"): its routes' timeout and
// isRetryable become the policy of every call to the service, its retryBudget the service's budget. It makes
// Linkerd ignore the Service's policy annotations, so the importer does too.

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
  if (retryable > 0) {
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
  const ratio = doc.get([...budgetPath, 'retryRatio']);
  const minPerSecond = doc.get([...budgetPath, 'minRetriesPerSecond']);
  const ttl = readDuration(doc, builder, [...budgetPath, 'ttl']);
  const budget: LinkerdBudget = {};
  if (typeof ratio === 'number') budget.retryRatio = ratio;
  if (typeof minPerSecond === 'number') budget.minRetriesPerSecond = minPerSecond;
  if (ttl !== undefined && ttl > 0) budget.ttl = formatDurationMs(ttl);
  if (Object.keys(budget).length > 0) {
    service.destinationPolicy.retryBudget = builder.setOnce(
      service.destinationPolicy.retryBudget,
      { linkerd: budget },
      doc,
      budgetPath,
      `the retry budget of "${service.name}"`,
    );
  } else if (retryable > 0) {
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
