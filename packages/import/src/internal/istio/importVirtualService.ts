// Istio VirtualService (virtual_service.proto): the route matching every request gives the policy of every
// call to the host and its subset weights; exact header matches become request-class routes. Gateway-only
// rules, other matches, L4 routes and hosts another VirtualService takes (chooseVirtualServices) are reported.

import type { ImportedService } from '../../ImportModel.js';
import type { ScenarioVersionRoute } from '../../ScenarioParts.js';
import { readKeys } from '../kubernetes/readKeys.js';
import { useIdentity } from '../kubernetes/useIdentity.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';
import type { VirtualServiceChoice } from './chooseVirtualServices.js';
import { classifyMatch } from './classifyMatch.js';
import { readRoutePolicy } from './readRoutePolicy.js';
import { reportUnknownIstioFields } from './reportUnknownIstioFields.js';
import type { RoutePolicy } from './readRoutePolicy.js';
import { resolveHost } from './resolveHost.js';

const POLICY_FIELDS = [
  'timeout',
  'retries',
  'fault',
  'mirror',
  'mirrors',
  'mirrorPercentage',
  'mirrorPercent',
] as const;

/**
 * The routes' destinations for `target`: subset weights as written (relative: Istio sends a destination
 * weight/Σweights of the requests; a single destination gets every request whatever its weight), or undefined,
 * with a warning, when they cannot be imported — as when Istio's validation refuses them (a negative or fractional
 * weight, weights adding up to 0).
 */
function readWeights(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  target: ImportedService,
): Record<string, number> | undefined {
  const destinations = doc.peek(path);
  if (!Array.isArray(destinations)) return undefined;
  const weights: Record<string, number> = {};
  let withSubset = 0;
  let withoutSubset = 0;
  let refused = false;
  destinations.forEach((entry, k) => {
    const destPath: FieldPath = [...path, k];
    doc.use([...destPath, 'destination', 'host']);
    doc.use([...destPath, 'destination', 'subset']);
    doc.use([...destPath, 'weight']);
    if (
      !isRecord(entry) ||
      !isRecord(entry['destination']) ||
      typeof entry['destination']['host'] !== 'string'
    )
      return;
    const host = entry['destination']['host'];
    const resolved = resolveHost(builder, host, doc.namespace);
    if ('problem' in resolved || resolved.service !== target) {
      builder.warnings.at(
        doc,
        [...destPath, 'destination', 'host'],
        'problem' in resolved
          ? `${resolved.problem}; calls to "${target.name}" stay with it`
          : `routes calls for "${target.name}" to another service ("${resolved.service.name}"); meshsim calls the service a call names, so this destination is not imported`,
      );
      return;
    }
    const subset = entry['destination']['subset'];
    const written = entry['weight'];
    if (typeof written === 'number' && (written < 0 || !Number.isInteger(written))) {
      builder.warnings.at(
        doc,
        [...destPath, 'weight'],
        written < 0
          ? `Istio refuses a negative weight (its validation: "weight ${String(written)} < 0"), so this VirtualService would not be applied; the weights are not imported`
          : `Istio's weight is an integer (int32): the API server refuses ${String(written)}, so this VirtualService would not be applied; the weights are not imported`,
      );
      refused = true;
    } else if (written !== undefined && written !== null && typeof written !== 'number') {
      // A quoted weight ("50") is not 0: the CRD's schema types weight as an integer and refuses the resource.
      builder.warnings.at(
        doc,
        [...destPath, 'weight'],
        `Istio's weight is an integer (int32): the API server refuses ${JSON.stringify(written)} (write it without quotes), so this VirtualService would not be applied; the weights are not imported`,
      );
      refused = true;
    }
    const weight = destinations.length === 1 ? 100 : typeof written === 'number' ? written : 0;
    if (typeof subset === 'string' && subset !== '') {
      withSubset += 1;
      weights[subset] = (weights[subset] ?? 0) + weight;
    } else {
      withoutSubset += 1;
    }
  });
  if (refused || withSubset === 0) return undefined;
  const total = destinations.reduce(
    (sum: number, entry: unknown) =>
      sum + (isRecord(entry) && typeof entry['weight'] === 'number' ? entry['weight'] : 0),
    0,
  );
  if (destinations.length > 1 && total === 0) {
    builder.warnings.at(
      doc,
      path,
      'the weights add up to 0: Istio refuses such a route (its validation: "total destination weight = 0"), so this VirtualService would not be applied; the weights are not imported',
    );
    return undefined;
  }
  if (withoutSubset > 0) {
    builder.warnings.at(
      doc,
      path,
      'mixes destinations with and without a subset; meshsim splits only between subsets (versions), so the weights are not imported',
    );
    return undefined;
  }
  return weights;
}

/** Applies a route's policy to every call to `target`. */
function applyPolicy(
  builder: ModelBuilder,
  doc: SourceDocument,
  base: FieldPath,
  target: ImportedService,
  policy: RoutePolicy,
): void {
  const calls = target.callPolicy;
  const what = (field: string): string => `the ${field} of calls to "${target.name}"`;
  if (policy.timeout !== undefined)
    calls.timeout = builder.setOnce(
      calls.timeout,
      policy.timeout,
      doc,
      [...base, 'timeout'],
      what('timeout'),
    );
  if (policy.retry !== undefined)
    calls.retry = builder.setOnce(calls.retry, policy.retry, doc, [...base, 'retries'], what('retry policy'));
  if (policy.faultInjection !== undefined) {
    calls.faultInjection = builder.setOnce(
      calls.faultInjection,
      policy.faultInjection,
      doc,
      [...base, 'fault'],
      what('fault injection'),
    );
  }
  if (policy.mirror !== undefined)
    calls.mirror = builder.setOnce(calls.mirror, policy.mirror, doc, [...base, 'mirror'], what('mirror'));
}

/**
 * Imports a VirtualService: its rules for the hosts whose VirtualService Istio's sidecars use is this one
 * (`choice`, from {@link chooseVirtualServices}).
 */
export function importVirtualService(
  doc: SourceDocument,
  builder: ModelBuilder,
  choice: VirtualServiceChoice,
): void {
  useIdentity(doc);
  readKeys(doc, ['metadata', 'labels'], []);
  readKeys(doc, ['metadata', 'annotations'], []);
  builder.evidence.istio.push(doc.ref());
  reportUnknownIstioFields(doc, builder, 'VirtualService');

  const gateways = doc.get(['spec', 'gateways']);
  if (Array.isArray(gateways) && gateways.length > 0) {
    if (!gateways.includes('mesh')) {
      builder.warnings.at(
        doc,
        ['spec', 'gateways'],
        'applies to gateways only (no `mesh`); meshsim has no ingress gateway, so the VirtualService is not imported',
      );
      doc.use(['spec']);
      return;
    }
    if (gateways.length > 1) {
      builder.warnings.at(
        doc,
        ['spec', 'gateways'],
        'the gateway part of this VirtualService is not modelled; its rules are imported for the mesh',
      );
    }
  }

  const targets: ImportedService[] = [];
  const hosts = doc.get(['spec', 'hosts']);
  (Array.isArray(hosts) ? hosts : []).forEach((host, j) => {
    if (typeof host !== 'string') return;
    const resolved = resolveHost(builder, host, doc.namespace);
    if ('problem' in resolved) {
      builder.warnings.at(doc, ['spec', 'hosts', j], `${resolved.problem}; its rules are not imported`);
      return;
    }
    const used = choice.get(resolved.service);
    if (used !== undefined && used !== doc) {
      builder.warnings.at(
        doc,
        ['spec', 'hosts', j],
        `${used.resource} (namespace ${used.namespace}, ${used.file}#${String(used.document)}) also routes "${resolved.service.name}"; Istio's sidecars use one VirtualService per host — the oldest (creationTimestamp), then by name and namespace — so that one is imported and this one's rules are ignored for "${resolved.service.name}"`,
      );
      return;
    }
    if (!targets.includes(resolved.service)) targets.push(resolved.service);
  });
  if (targets.length === 0) {
    doc.use(['spec']);
    return;
  }

  const http = doc.peek(['spec', 'http']);
  if (!Array.isArray(http)) return;
  let defaultSeen = false;
  http.forEach((_route, i) => {
    const base: FieldPath = ['spec', 'http', i];
    doc.use([...base, 'name']);
    const match = classifyMatch(doc, [...base, 'match']);
    if (match.kind === 'other') {
      builder.warnings.at(doc, [...base, 'match'], `${match.reason}; this route is not imported`);
      doc.use(base);
      return;
    }
    if (match.kind === 'default') {
      if (defaultSeen) {
        builder.warnings.at(
          doc,
          base,
          'an earlier route already matches every request; this one is never used',
        );
        doc.use(base);
        return;
      }
      defaultSeen = true;
      const policy = readRoutePolicy(doc, builder, base);
      for (const target of targets) {
        applyPolicy(builder, doc, base, target, policy);
        const weights = readWeights(doc, builder, [...base, 'route'], target);
        if (weights === undefined) continue;
        target.weights = builder.setOnce(
          target.weights,
          weights,
          doc,
          [...base, 'route'],
          `the subset weights of "${target.name}"`,
        );
        // The first VirtualService's weights are kept: later warnings about them point at its route.
        if (!builder.weightRoutes.has(target)) builder.weightRoutes.set(target, [...base, 'route']);
      }
      return;
    }
    // Exact header matches: a request class routed to one subset.
    const present = POLICY_FIELDS.filter((field) => doc.peek([...base, field]) !== undefined);
    if (present.length > 0) {
      for (const field of present) doc.use([...base, field]);
      builder.warnings.at(
        doc,
        base,
        `${present.join(', ')} on a header-matched route: meshsim has one policy per caller→service call, so only the route matching every request sets policies; ignored`,
      );
    }
    const destinations = doc.get([...base, 'route']);
    const only = Array.isArray(destinations) && destinations.length === 1 ? destinations[0] : undefined;
    const destination = isRecord(only) && isRecord(only['destination']) ? only['destination'] : undefined;
    const subset = destination?.['subset'];
    const host = destination?.['host'];
    for (const target of targets) {
      const resolved = typeof host === 'string' ? resolveHost(builder, host, doc.namespace) : undefined;
      if (
        typeof subset !== 'string' ||
        resolved === undefined ||
        'problem' in resolved ||
        resolved.service !== target
      ) {
        builder.warnings.at(
          doc,
          [...base, 'route'],
          `a header-matched route must send its class to one subset of "${target.name}" (meshsim's class routes pick a version); not imported`,
        );
        continue;
      }
      const routes: ScenarioVersionRoute[] = match.classes.map((requestClass) => ({
        match: { requestClass },
        version: subset,
      }));
      for (const route of routes)
        builder.classRoutePlaces.set(route, { from: doc.ref(), path: [...base, 'route'] });
      const existing = target.routes;
      target.routes =
        existing === undefined
          ? { value: routes, from: [doc.ref()] }
          : { value: [...existing.value, ...routes], from: [...existing.from, doc.ref()] };
    }
  });
}
