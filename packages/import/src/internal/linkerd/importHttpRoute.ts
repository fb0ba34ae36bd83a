// Gateway API HTTPRoute as Linkerd uses it (reference "HTTPRoute", "Retries", "Timeouts"): for a Service
// parent, the rule matching every request gives timeouts.request → timeout and backendRequest →
// perTryTimeout; the route's Linkerd annotations override the Service's and the rule's.

import type { ImportedService } from '../../ImportModel.js';
import { resolveHost } from '../istio/resolveHost.js';
import { readDuration } from '../source/readDuration.js';
import { readKeys } from '../kubernetes/readKeys.js';
import { useIdentity } from '../kubernetes/useIdentity.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { isRecord } from '../isRecord.js';
import { LINKERD_RETRY_KEYS, LINKERD_TIMEOUT_KEYS, hasAny } from './linkerdAnnotationKeys.js';
import { readLinkerdRetry } from './readLinkerdRetry.js';
import { readLinkerdTimeout } from './readLinkerdTimeout.js';

/** True if the rule's `matches` select every request (none, or a `/` path prefix only). */
function matchesEverything(doc: SourceDocument, path: FieldPath): boolean {
  const matches = doc.get(path);
  if (matches === undefined || (Array.isArray(matches) && matches.length === 0)) return true;
  if (!Array.isArray(matches)) return false;
  return matches.some((match) => {
    if (!isRecord(match)) return false;
    const keys = Object.keys(match);
    const pathMatch = match['path'];
    return (
      keys.length === 0 ||
      (keys.length === 1 &&
        keys[0] === 'path' &&
        isRecord(pathMatch) &&
        (pathMatch['type'] === undefined || pathMatch['type'] === 'PathPrefix') &&
        pathMatch['value'] === '/')
    );
  });
}

/** The Services the route is attached to. */
function parents(doc: SourceDocument, builder: ModelBuilder): ImportedService[] {
  const out: ImportedService[] = [];
  const refs = doc.get(['spec', 'parentRefs']);
  (Array.isArray(refs) ? refs : []).forEach((ref, i) => {
    const path: FieldPath = ['spec', 'parentRefs', i];
    if (!isRecord(ref) || typeof ref['name'] !== 'string') return;
    const kind = ref['kind'] ?? 'Gateway';
    if (kind !== 'Service') {
      builder.warnings.at(
        doc,
        path,
        `a ${String(kind)} parent: only routes attached to a Service (outbound policy) are modelled; ignored`,
      );
      return;
    }
    const namespace =
      typeof ref['namespace'] === 'string' && ref['namespace'] !== '' ? ref['namespace'] : doc.namespace;
    const resolved = resolveHost(builder, `${ref['name']}.${namespace}`, doc.namespace);
    if ('problem' in resolved)
      builder.warnings.at(doc, [...path, 'name'], `${resolved.problem}; the route is not imported for it`);
    else out.push(resolved.service);
  });
  return out;
}

/** Imports an HTTPRoute. */
export function importHttpRoute(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  readKeys(doc, ['metadata', 'labels'], []);
  const annotations = readKeys(
    doc,
    ['metadata', 'annotations'],
    [...LINKERD_RETRY_KEYS, ...LINKERD_TIMEOUT_KEYS],
  );
  if (
    doc.group === 'policy.linkerd.io' ||
    hasAny(annotations, [...LINKERD_RETRY_KEYS, ...LINKERD_TIMEOUT_KEYS])
  ) {
    builder.evidence.linkerd.push(doc.ref());
  }
  const targets = parents(doc, builder);
  if (targets.length === 0) {
    doc.use(['spec']);
    return;
  }

  let timeout: string | undefined;
  let perTryTimeout: string | undefined;
  const rules = doc.peek(['spec', 'rules']);
  let defaultSeen = false;
  (Array.isArray(rules) ? rules : []).forEach((_rule, r) => {
    const path: FieldPath = ['spec', 'rules', r];
    if (!matchesEverything(doc, [...path, 'matches'])) {
      doc.use(path);
      builder.warnings.at(
        doc,
        [...path, 'matches'],
        'not modelled: meshsim has one policy per caller→service call, so only a rule matching every request is imported',
      );
      return;
    }
    if (defaultSeen) {
      doc.use(path);
      builder.warnings.at(doc, path, 'an earlier rule already matches every request; ignored');
      return;
    }
    defaultSeen = true;
    const request = readDuration(doc, builder, [...path, 'timeouts', 'request']);
    if (request !== undefined && request > 0) timeout = formatDurationMs(request);
    const backend = readDuration(doc, builder, [...path, 'timeouts', 'backendRequest']);
    if (backend !== undefined && backend > 0) perTryTimeout = formatDurationMs(backend);
    const backends = doc.get([...path, 'backendRefs']);
    if (Array.isArray(backends)) {
      backends.forEach((backend, b) => {
        if (!isRecord(backend) || typeof backend['name'] !== 'string') return;
        const resolved = resolveHost(
          builder,
          `${backend['name']}.${typeof backend['namespace'] === 'string' ? backend['namespace'] : doc.namespace}`,
          doc.namespace,
        );
        if ('problem' in resolved || !targets.includes(resolved.service)) {
          builder.warnings.at(
            doc,
            [...path, 'backendRefs', b],
            'sends calls to another service: meshsim calls the service a call names (splits only between versions of one service); not imported',
          );
        }
      });
    }
  });

  const annotatedTimeout = readLinkerdTimeout(doc, builder, annotations);
  const retry = readLinkerdRetry(doc, builder, annotations);
  for (const service of targets) {
    if (service.serviceProfile !== undefined) {
      builder.warnings.at(
        doc,
        ['spec', 'parentRefs'],
        `"${service.name}" has a ServiceProfile, which takes precedence over HTTPRoutes in Linkerd; this route is not imported`,
      );
      continue;
    }
    const what = (field: string): string => `the ${field} of calls to "${service.name}"`;
    const calls = service.callPolicy;
    const finalTimeout = annotatedTimeout ?? timeout;
    if (finalTimeout !== undefined) {
      calls.timeout = builder.setOnce(calls.timeout, finalTimeout, doc, ['spec', 'rules'], what('timeout'));
      builder.routeTimeoutSet.add(service);
    }
    if (perTryTimeout !== undefined && retry?.perTryTimeout === undefined) {
      calls.perTryTimeout = builder.setOnce(
        calls.perTryTimeout,
        perTryTimeout,
        doc,
        ['spec', 'rules'],
        what('per-try timeout'),
      );
    }
    if (retry !== undefined) {
      calls.retry = builder.setOnce(
        calls.retry,
        retry,
        doc,
        ['metadata', 'annotations'],
        what('retry policy'),
      );
      builder.routeRetrySet.add(service);
    }
  }
}
