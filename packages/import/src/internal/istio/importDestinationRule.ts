// Istio DestinationRule (destination_rule.proto, applied as pilot's cluster_traffic_policy.go does):
// subsets → versions; loadBalancer, connectionPool (unset thresholds unlimited; tcp.connectTimeout), outlierDetection
// (success-rate ejection off) and retryBudget → the service's destinationPolicy. Numbers Istio refuses are warned.

import type { ScenarioDestinationPolicy } from '../../ScenarioParts.js';
import { readKeys } from '../kubernetes/readKeys.js';
import { useIdentity } from '../kubernetes/useIdentity.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { isRecord } from '../isRecord.js';
import { stringMap } from '../stringMap.js';
import { readIstioDuration } from './readIstioDuration.js';
import { readIstioNumber } from './readIstioNumber.js';
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

/**
 * Istio's connection-pool thresholds (each an int32), where each is, the scenario field it becomes, and the message of
 * Istio's validation (validateConnectionPool) refusing a negative one.
 */
const POOL_THRESHOLDS = [
  {
    path: ['tcp', 'maxConnections'],
    field: 'maxConnections',
    negative: 'max connections must be non-negative',
  },
  {
    path: ['http', 'http1MaxPendingRequests'],
    field: 'maxPendingRequests',
    negative: 'http1 max pending requests must be non-negative',
  },
  {
    path: ['http', 'http2MaxRequests'],
    field: 'maxRequests',
    negative: 'http2 max requests must be non-negative',
  },
  { path: ['http', 'maxRetries'], field: 'maxRetries', negative: 'max retries must be non-negative' },
] as const;

/**
 * Istio's connection pool → Envoy thresholds; fields Istio leaves unset are unlimited. A 0 is proto3's unset value,
 * which istiod cannot tell from an absent field and leaves at 2³²−1 (a note says so; a scenario's 0 under Istio's
 * shapes is read so too). A threshold Istio refuses (quoted, fractional, negative) is warned and left unlimited.
 */
function readConnectionPool(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
): ConnectionPool | undefined {
  const pool: Partial<Record<(typeof POOL_THRESHOLDS)[number]['field'], number>> = {};
  for (const threshold of POOL_THRESHOLDS) {
    const fieldPath: FieldPath = [...path, ...threshold.path];
    const value = readIstioNumber(doc, builder, fieldPath, {
      type: 'int32',
      validation: { min: 0, message: () => threshold.negative },
      instead: "Istio's default applies (2³²−1, unlimited)",
    });
    if (value !== undefined && value > 0) pool[threshold.field] = value;
    else if (value === 0) {
      builder.warnings.note(
        doc,
        fieldPath,
        `0 is proto3's unset value: istiod leaves the threshold at 2³²−1 (unlimited); imported as ${threshold.field}: unlimited`,
      );
    }
  }
  // tcp.connectTimeout → Envoy's cluster connect_timeout (Istio's MeshConfig connectTimeout, 10 s, when unset).
  const connectTimeoutMs = readIstioDuration(
    doc,
    builder,
    [...path, 'tcp', 'connectTimeout'],
    "the mesh's connect timeout applies (Istio's MeshConfig connectTimeout, 10s)",
  );
  if (Object.keys(pool).length === 0 && connectTimeoutMs === undefined) return undefined;
  return {
    maxConnections: pool.maxConnections ?? 'unlimited',
    maxPendingRequests: pool.maxPendingRequests ?? 'unlimited',
    maxRequests: pool.maxRequests ?? 'unlimited',
    maxRetries: pool.maxRetries ?? 'unlimited',
    ...(connectTimeoutMs === undefined ? {} : { connectTimeout: formatDurationMs(connectTimeoutMs) }),
  };
}

/** Envoy's outlier-detection defaults the scenario format shares, for the messages. */
const ENVOY_OUTLIER_DEFAULTS = { interval: '10s', baseEjectionTime: '30s' } as const;

/** An outlier-detection duration, or undefined with a warning when Istio refuses it (under 1 ms). */
function readOutlierDuration(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  field: keyof typeof ENVOY_OUTLIER_DEFAULTS,
): string | undefined {
  const ms = readIstioDuration(
    doc,
    builder,
    [...path, field],
    `Envoy's default ${ENVOY_OUTLIER_DEFAULTS[field]} applies`,
  );
  return ms === undefined ? undefined : formatDurationMs(ms);
}

/** Istio's validation of an outlier detection's percentages (ValidatePercent). */
const PERCENT_VALIDATION = {
  min: 0,
  max: 100,
  message: (value: number) => `percentage ${String(value)} is not in range 0..100`,
} as const;

function readOutlierDetection(doc: SourceDocument, builder: ModelBuilder, path: FieldPath): OutlierDetection {
  // pilot applyOutlierDetection: "SuccessRate based outlier detection should be disabled."
  const out: OutlierDetection = { successRate: false };
  const consecutive5xx = readIstioNumber(doc, builder, [...path, 'consecutive5xxErrors'], {
    type: 'uint32',
    instead: "Envoy's default applies (5 consecutive 5xx, as meshsim's)",
  });
  if (consecutive5xx !== undefined) out.consecutive5xx = consecutive5xx;
  const gateway = readIstioNumber(doc, builder, [...path, 'consecutiveGatewayErrors'], {
    type: 'uint32',
    instead: "no ejection on consecutive gateway errors: Envoy enforces it 0 % by default, as meshsim's",
  });
  if (gateway !== undefined) out.consecutiveGatewayErrors = gateway;
  const deprecated = doc.get([...path, 'consecutiveErrors']);
  if (deprecated !== undefined) {
    // pilot applyOutlierDetection (cluster_traffic_policy.go) reads consecutive5xxErrors and
    // consecutiveGatewayErrors only: the deprecated field reaches no Envoy.
    const fallback =
      out.consecutive5xx === undefined ? "; Envoy's default applies (5 consecutive 5xx, as meshsim's)" : '';
    builder.warnings.at(
      doc,
      [...path, 'consecutiveErrors'],
      `deprecated and ignored by Istio (its control plane reads only consecutive5xxErrors and consecutiveGatewayErrors); not imported${fallback}`,
    );
  }
  if (consecutive5xx === 0) {
    // destination_rule.proto: "This feature defaults to 5 but can be disabled by setting the value to 0"; the
    // scenario format says the same with consecutive5xx: 0.
    const anyOther = (out.consecutiveGatewayErrors ?? 0) > 0;
    builder.warnings.note(
      doc,
      [...path, 'consecutive5xxErrors'],
      '0 disables ejection on consecutive 5xx in Istio (its default is 5); imported as consecutive5xx: 0, which disables it in meshsim too' +
        (anyOther ? '' : '; no other check is on, so this outlier detection ejects no host'),
    );
  }
  const interval = readOutlierDuration(doc, builder, path, 'interval');
  if (interval !== undefined) out.interval = interval;
  const base = readOutlierDuration(doc, builder, path, 'baseEjectionTime');
  if (base !== undefined) out.baseEjectionTime = base;
  // pilot sets Envoy's max_ejection_percent only when above 0 (proto3's unset value): Envoy's default 10 % otherwise.
  const maxPercent = readIstioNumber(doc, builder, [...path, 'maxEjectionPercent'], {
    type: 'int32',
    validation: PERCENT_VALIDATION,
    instead: "Envoy's default applies (10 %, as meshsim's)",
  });
  if (maxPercent !== undefined && maxPercent > 0) out.maxEjectionPercent = maxPercent;
  const minHealth = readIstioNumber(doc, builder, [...path, 'minHealthPercent'], {
    type: 'int32',
    validation: PERCENT_VALIDATION,
    instead: "no panic threshold, Istio's default, as meshsim's",
  });
  if (minHealth !== undefined && minHealth > 0) {
    builder.warnings.at(
      doc,
      [...path, 'minHealthPercent'],
      "not modelled: Envoy's panic threshold (balancing over all hosts when too few are healthy)",
    );
  } // 0 is Istio's default: no panic threshold, as meshsim
  return out;
}

function readRetryBudget(doc: SourceDocument, builder: ModelBuilder, path: FieldPath): RetryBudget {
  const envoy: { budgetPercent?: number; minRetryConcurrency?: number } = {};
  // pilot applyRetryBudget: percent defaults to 20; minRetryConcurrency is applied when above 0 (Envoy's default 3).
  const percent = readIstioNumber(doc, builder, [...path, 'percent'], {
    type: 'double',
    schema: { min: 0, max: 100 },
    instead: "Istio's default applies (20 %)",
  });
  if (percent !== undefined) envoy.budgetPercent = percent;
  const min = readIstioNumber(doc, builder, [...path, 'minRetryConcurrency'], {
    type: 'uint32',
    instead: "Envoy's default applies (3)",
  });
  if (min !== undefined && min > 0) envoy.minRetryConcurrency = min;
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
    const pool = readConnectionPool(doc, builder, [...tp, 'connectionPool']);
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
