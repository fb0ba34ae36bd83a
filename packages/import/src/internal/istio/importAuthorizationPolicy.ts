// Istio AuthorizationPolicy (authorization_policy.proto) → `inbound.allowedCallers`: ALLOW rules' sources
// matched to the workloads' service accounts; no rules allow nothing, an empty rule everything. DENY, AUDIT,
// CUSTOM and operation/condition matches are reported.

import type { AllowedCallers, ImportedService, ImportedWorkload } from '../../ImportModel.js';
import { readKeys } from '../kubernetes/readKeys.js';
import { useIdentity } from '../kubernetes/useIdentity.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';
import { labelsMatch } from '../labelsMatch.js';
import { stringMap } from '../stringMap.js';
import { ISTIO_ROOT_NAMESPACE } from './istioRootNamespace.js';

const SOURCE_KEYS = ['principals', 'serviceAccounts', 'namespaces'] as const;

/** `*`, `prefix*` and `*suffix` matching as Istio's rule strings do. */
function matches(pattern: string, value: string): boolean {
  if (pattern === '*') return value !== '';
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

/** The services backed by `workload`. */
function servicesOf(builder: ModelBuilder, workload: ImportedWorkload): ImportedService[] {
  return builder.model.services.filter((s) => s.workloads.includes(workload));
}

/** The services a policy applies to: by selector, targetRef(s), or the whole namespace. */
function targetsOf(doc: SourceDocument, builder: ModelBuilder): ImportedService[] {
  const inScope = (namespace: string): boolean =>
    doc.namespace === ISTIO_ROOT_NAMESPACE || namespace === doc.namespace;
  const selector = stringMap(doc.get(['spec', 'selector', 'matchLabels']));
  doc.use(['spec', 'selector']);
  const many = doc.get(['spec', 'targetRefs']);
  const refs = [doc.get(['spec', 'targetRef']), ...(Array.isArray(many) ? many : [])];
  const named = refs
    .filter(isRecord)
    .filter((ref) => ref['kind'] === 'Service' && typeof ref['name'] === 'string');
  if (named.length > 0) {
    return named
      .map((ref) =>
        builder.findService(
          String(ref['name']),
          typeof ref['namespace'] === 'string' ? ref['namespace'] : doc.namespace,
        ),
      )
      .filter((s): s is ImportedService => s !== undefined);
  }
  if (Object.keys(selector).length > 0) {
    return builder.model.services.filter(
      (s) => inScope(s.namespace) && s.workloads.some((w) => labelsMatch(selector, w.podLabels)),
    );
  }
  return builder.model.services.filter((s) => inScope(s.namespace));
}

/** Reads one rule's sources into `into`. */
function readSources(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  into: AllowedCallers,
): void {
  const from = doc.get([...path, 'from']);
  if (!Array.isArray(from) || from.length === 0) {
    into.everyone = true;
    return;
  }
  from.forEach((entry, f) => {
    const sourcePath: FieldPath = [...path, 'from', f, 'source'];
    const source = isRecord(entry) && isRecord(entry['source']) ? entry['source'] : {};
    const given = SOURCE_KEYS.filter((key) => Array.isArray(source[key]));
    if (given.length === 0 && Object.keys(source).length === 0) {
      into.everyone = true;
      return;
    }
    for (const key of given) {
      for (const raw of source[key] as unknown[]) {
        if (typeof raw !== 'string') continue;
        const workloads = builder.model.workloads.filter((w) => {
          if (key === 'namespaces') return matches(raw, w.namespace);
          if (key === 'serviceAccounts') {
            const [ns, sa] = raw.includes('/') ? raw.split('/', 2) : [doc.namespace, raw];
            return w.namespace === ns && w.serviceAccount === sa;
          }
          const identity = `/ns/${w.namespace}/sa/${w.serviceAccount}`;
          return raw === '*' || matches(raw, `cluster.local${identity}`) || raw.endsWith(identity);
        });
        const callers = workloads.flatMap((w) => servicesOf(builder, w)).map((s) => s.name);
        if (raw === '*') into.everyone = true;
        if (callers.length === 0 && raw !== '*') {
          into.outsideAllowed = true;
          builder.warnings.at(
            doc,
            [...sourcePath, key],
            `${key} "${raw}" matches no imported workload (an ingress gateway or a client outside the inputs?); traffic sources are allowed in its place`,
          );
        }
        for (const caller of callers) if (!into.callers.includes(caller)) into.callers.push(caller);
      }
    }
    for (const key of given) doc.use([...sourcePath, key]);
  });
}

/** Imports an AuthorizationPolicy. */
export function importAuthorizationPolicy(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  readKeys(doc, ['metadata', 'labels'], []);
  readKeys(doc, ['metadata', 'annotations'], []);
  builder.evidence.istio.push(doc.ref());
  const action = doc.get(['spec', 'action']) ?? 'ALLOW';
  if (action !== 'ALLOW') {
    builder.warnings.at(
      doc,
      ['spec', 'action'],
      `${String(action)} policies are not expressible (meshsim's allowedCallers is an allow list); not imported`,
    );
    doc.use(['spec']);
    return;
  }
  const targets = targetsOf(doc, builder);
  if (targets.length === 0) {
    builder.warnings.at(doc, ['spec'], 'selects no imported service; not imported');
    doc.use(['spec']);
    return;
  }
  const allowed: AllowedCallers = { callers: [], outsideAllowed: false, everyone: false };
  const rules = doc.get(['spec', 'rules']);
  if (Array.isArray(rules)) {
    rules.forEach((rule, r) => {
      const path: FieldPath = ['spec', 'rules', r];
      for (const key of ['to', 'when'] as const) {
        if (isRecord(rule) && rule[key] !== undefined) {
          builder.warnings.at(
            doc,
            [...path, key],
            `not modelled: meshsim allows or denies whole callers, so this rule's sources are allowed for every request (${key === 'to' ? 'operations' : 'conditions'} ignored)`,
          );
        }
      }
      readSources(doc, builder, path, allowed);
    });
  }
  for (const target of targets) {
    const current = target.allowedCallers;
    const merged: AllowedCallers =
      current === undefined
        ? { ...allowed, callers: [...allowed.callers] }
        : {
            callers: [
              ...current.value.callers,
              ...allowed.callers.filter((c) => !current.value.callers.includes(c)),
            ],
            outsideAllowed: current.value.outsideAllowed || allowed.outsideAllowed,
            everyone: current.value.everyone || allowed.everyone,
          };
    target.allowedCallers = { value: merged, from: [...(current?.from ?? []), doc.ref()] };
  }
}
