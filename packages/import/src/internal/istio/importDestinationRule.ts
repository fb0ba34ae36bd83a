// Istio DestinationRule (destination_rule.proto, applied as pilot's cluster_traffic_policy.go does):
// subsets → versions; loadBalancer, connectionPool (unset thresholds unlimited), outlierDetection
// (success-rate ejection off) and retryBudget → the service's destinationPolicy.

import type { ScenarioDestinationPolicy } from '../../ScenarioParts.js';
import { readKeys } from '../kubernetes/readKeys.js';
import { useIdentity } from '../kubernetes/useIdentity.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { isRecord } from '../isRecord.js';
import { stringMap } from '../stringMap.js';
import { readDuration } from '../source/readDuration.js';
import { reportUnknownIstioFields } from './reportUnknownIstioFields.js';
import { resolveHost } from './resolveHost.js';

type LoadBalancer = NonNullable<ScenarioDestinationPolicy['loadBalancer']>;
type ConnectionPool = Exclude<NonNullable<ScenarioDestinationPolicy['connectionPool']>, string>;
type OutlierDetection = Exclude<NonNullable<ScenarioDestinationPolicy['outlierDetection']>, string>;
type RetryBudget = NonNullable<ScenarioDestinationPolicy['retryBudget']>;

const SIMPLE_LB: Readonly<Record<string, LoadBalancer>> = {
  ROUND_ROBIN: 'round-robin',
  RANDOM: 'random',
  LEAST_REQUEST: 'least-request',
  LEAST_CONN: 'least-request', // deprecated alias of LEAST_REQUEST in pilot
};

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function readLoadBalancer(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
): LoadBalancer | undefined {
  const simple = doc.get([...path, 'simple']);
  if (simple === undefined || simple === 'UNSPECIFIED') return undefined; // Istio's default (LEAST_REQUEST)
  const mapped = typeof simple === 'string' ? SIMPLE_LB[simple] : undefined;
  if (mapped === undefined) {
    builder.warnings.at(
      doc,
      [...path, 'simple'],
      `${JSON.stringify(simple)} is not modelled (meshsim: ROUND_ROBIN, RANDOM, LEAST_REQUEST); the mesh's default balancer is used`,
    );
  }
  return mapped;
}

/** Istio's connection pool → Envoy thresholds; fields Istio leaves unset are unlimited. */
function readConnectionPool(doc: SourceDocument, path: FieldPath): ConnectionPool | undefined {
  const maxConnections = positiveInteger(doc.get([...path, 'tcp', 'maxConnections']));
  const maxPendingRequests = positiveInteger(doc.get([...path, 'http', 'http1MaxPendingRequests']));
  const maxRequests = positiveInteger(doc.get([...path, 'http', 'http2MaxRequests']));
  const maxRetries = positiveInteger(doc.get([...path, 'http', 'maxRetries']));
  if ([maxConnections, maxPendingRequests, maxRequests, maxRetries].every((v) => v === undefined))
    return undefined;
  return {
    maxConnections: maxConnections ?? 'unlimited',
    maxPendingRequests: maxPendingRequests ?? 'unlimited',
    maxRequests: maxRequests ?? 'unlimited',
    maxRetries: maxRetries ?? 'unlimited',
  };
}

function readOutlierDetection(doc: SourceDocument, builder: ModelBuilder, path: FieldPath): OutlierDetection {
  // pilot applyOutlierDetection: "SuccessRate based outlier detection should be disabled."
  const out: OutlierDetection = { successRate: false };
  const consecutive5xx = doc.get([...path, 'consecutive5xxErrors']);
  if (typeof consecutive5xx === 'number') out.consecutive5xx = consecutive5xx;
  const gateway = doc.get([...path, 'consecutiveGatewayErrors']);
  if (typeof gateway === 'number') out.consecutiveGatewayErrors = gateway;
  const deprecated = doc.get([...path, 'consecutiveErrors']);
  if (typeof deprecated === 'number' && out.consecutiveGatewayErrors === undefined) {
    out.consecutiveGatewayErrors = deprecated;
    builder.warnings.at(
      doc,
      [...path, 'consecutiveErrors'],
      'deprecated (it counted 502, 503 and 504): imported as consecutiveGatewayErrors',
    );
  }
  const interval = readDuration(doc, builder, [...path, 'interval']);
  if (interval !== undefined && interval > 0) out.interval = formatDurationMs(interval);
  const base = readDuration(doc, builder, [...path, 'baseEjectionTime']);
  if (base !== undefined) out.baseEjectionTime = formatDurationMs(base);
  const maxPercent = positiveInteger(doc.get([...path, 'maxEjectionPercent']));
  if (maxPercent !== undefined) out.maxEjectionPercent = Math.min(maxPercent, 100);
  const minHealth = doc.peek([...path, 'minHealthPercent']);
  if (typeof minHealth === 'number' && minHealth > 0) {
    builder.warnings.at(
      doc,
      [...path, 'minHealthPercent'],
      "not modelled: Envoy's panic threshold (balancing over all hosts when too few are healthy)",
    );
  } else {
    doc.use([...path, 'minHealthPercent']); // 0 is Istio's default: no panic threshold, as meshsim
  }
  return out;
}

function readRetryBudget(doc: SourceDocument, builder: ModelBuilder, path: FieldPath): RetryBudget {
  const envoy: { budgetPercent?: number; minRetryConcurrency?: number } = {};
  const percent = doc.get([...path, 'percent']);
  if (typeof percent === 'number') envoy.budgetPercent = percent;
  const min = positiveInteger(doc.get([...path, 'minRetryConcurrency']));
  if (min !== undefined) envoy.minRetryConcurrency = min;
  if (doc.peek([...path, 'budgetInterval']) !== undefined) {
    builder.warnings.at(
      doc,
      [...path, 'budgetInterval'],
      "not modelled: meshsim's Envoy budget counts the requests active at the moment",
    );
  }
  return Object.keys(envoy).length === 0 ? 'envoy' : { envoy };
}

/** Imports a DestinationRule. */
export function importDestinationRule(doc: SourceDocument, builder: ModelBuilder): void {
  useIdentity(doc);
  readKeys(doc, ['metadata', 'labels'], []);
  readKeys(doc, ['metadata', 'annotations'], []);
  builder.evidence.istio.push(doc.ref());
  reportUnknownIstioFields(doc, builder, 'DestinationRule');
  const host = doc.get(['spec', 'host']);
  if (typeof host !== 'string') {
    builder.warnings.at(doc, ['spec'], 'a DestinationRule needs a host; not imported');
    doc.use(['spec']);
    return;
  }
  const resolved = resolveHost(builder, host, doc.namespace);
  if ('problem' in resolved) {
    builder.warnings.at(doc, ['spec', 'host'], `${resolved.problem}; the rule is not imported`);
    doc.use(['spec']);
    return;
  }
  const service = resolved.service;
  const policy = service.destinationPolicy;
  const tp: FieldPath = ['spec', 'trafficPolicy'];
  const what = (field: string): string => `the ${field} of "${service.name}"`;

  if (isRecord(doc.peek([...tp, 'loadBalancer']))) {
    const lb = readLoadBalancer(doc, builder, [...tp, 'loadBalancer']);
    if (lb !== undefined)
      policy.loadBalancer = builder.setOnce(
        policy.loadBalancer,
        lb,
        doc,
        [...tp, 'loadBalancer'],
        what('load balancer'),
      );
  }
  if (isRecord(doc.peek([...tp, 'connectionPool']))) {
    const pool = readConnectionPool(doc, [...tp, 'connectionPool']);
    if (pool !== undefined)
      policy.connectionPool = builder.setOnce(
        policy.connectionPool,
        pool,
        doc,
        [...tp, 'connectionPool'],
        what('connection pool'),
      );
  }
  if (isRecord(doc.peek([...tp, 'outlierDetection']))) {
    const outlier = readOutlierDetection(doc, builder, [...tp, 'outlierDetection']);
    policy.outlierDetection = builder.setOnce(
      policy.outlierDetection,
      outlier,
      doc,
      [...tp, 'outlierDetection'],
      what('outlier detection'),
    );
  }
  if (isRecord(doc.peek([...tp, 'retryBudget']))) {
    const budget = readRetryBudget(doc, builder, [...tp, 'retryBudget']);
    policy.retryBudget = builder.setOnce(
      policy.retryBudget,
      budget,
      doc,
      [...tp, 'retryBudget'],
      what('retry budget'),
    );
  }
  if (doc.peek([...tp, 'tls']) !== undefined) {
    doc.use([...tp, 'tls']);
    builder.warnings.at(
      doc,
      [...tp, 'tls'],
      "not modelled per destination: meshsim's mTLS is mesh-wide (mesh.mtls)",
    );
  }

  const subsets = doc.peek(['spec', 'subsets']);
  if (Array.isArray(subsets)) {
    const read: { name: string; labels: Record<string, string> }[] = [];
    subsets.forEach((subset, i) => {
      const path: FieldPath = ['spec', 'subsets', i];
      const name = doc.get([...path, 'name']);
      const labels = stringMap(doc.get([...path, 'labels']));
      if (typeof name !== 'string' || name === '') {
        builder.warnings.at(doc, path, 'a subset needs a name; ignored');
        return;
      }
      if (isRecord(subset) && subset['trafficPolicy'] !== undefined) {
        doc.use([...path, 'trafficPolicy']);
        builder.warnings.at(
          doc,
          [...path, 'trafficPolicy'],
          "not modelled: meshsim's destination policies are per service, not per subset",
        );
      }
      read.push({ name, labels });
    });
    if (read.length > 0)
      service.subsets = builder.setOnce(service.subsets, read, doc, ['spec', 'subsets'], what('subsets'));
  }
}
