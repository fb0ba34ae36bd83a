// Istio DestinationRule → load balancer, connection pool, outlier detection, retry budget, subsets.

import { describe, expect, it } from 'vitest';

import { importFiles, kubernetesApp, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

function withDr(spec: string): ReturnType<typeof importFiles> {
  return importFiles({
    'app.yaml': kubernetesApp(['reviews']),
    'dr.yaml': `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: reviews }\nspec:\n  host: reviews\n${spec}`,
  });
}

describe('importDestinationRule', () => {
  it.each([
    ['ROUND_ROBIN', 'round-robin'],
    ['RANDOM', 'random'],
    ['LEAST_REQUEST', 'least-request'],
    ['LEAST_CONN', 'least-request'],
  ])('maps loadBalancer.simple %s to %s', (simple, expected) => {
    const imported = withDr(`  trafficPolicy: { loadBalancer: { simple: ${simple} } }\n`);
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({ loadBalancer: expected });
  });

  it('reports consistent hashing and PASSTHROUGH', () => {
    const hash = withDr(
      '  trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: x-user } } }\n',
    );
    expect(serviceOf(hash, 'reviews')['destinationPolicy']).toBeUndefined();
    expect(warningsWith(hash.warnings, 'loadBalancer.consistentHash: not modelled by meshsim')).toHaveLength(
      1,
    );
    const pass = withDr('  trafficPolicy: { loadBalancer: { simple: PASSTHROUGH } }\n');
    expect(warningsWith(pass.warnings, '"PASSTHROUGH" is not modelled')).toHaveLength(1);
  });

  it('maps the connection pool to Envoy thresholds; fields Istio leaves unset are unlimited', () => {
    const imported = withDr(
      '  trafficPolicy:\n    connectionPool: { tcp: { maxConnections: 10 }, http: { http2MaxRequests: 40, idleTimeout: 30s } }\n',
    );
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      connectionPool: {
        maxConnections: 10,
        maxPendingRequests: 'unlimited',
        maxRequests: 40,
        maxRetries: 'unlimited',
      },
    });
    expect(
      warningsWith(imported.warnings, 'connectionPool.http.idleTimeout: not modelled by meshsim'),
    ).toHaveLength(1);
  });

  it("reads tcp.connectTimeout as the connection pool's connectTimeout; one under 1 ms is warned and left out", () => {
    const imported = withDr('  trafficPolicy:\n    connectionPool: { tcp: { connectTimeout: 250ms } }\n');
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      connectionPool: {
        maxConnections: 'unlimited',
        maxPendingRequests: 'unlimited',
        maxRequests: 'unlimited',
        maxRetries: 'unlimited',
        connectTimeout: '250ms',
      },
    });
    expect(warningsWith(imported.warnings, 'connectTimeout')).toEqual([]);
    const tooShort = withDr('  trafficPolicy:\n    connectionPool: { tcp: { connectTimeout: 0s } }\n');
    expect(serviceOf(tooShort, 'reviews')['destinationPolicy']).toBeUndefined();
    expect(warningsWith(tooShort.warnings, 'connectTimeout: 0s is shorter than 1ms')).toHaveLength(1);
  });

  it('maps outlier detection with success-rate ejection off, as Istio configures Envoy', () => {
    const imported = withDr(
      '  trafficPolicy:\n    outlierDetection: { consecutive5xxErrors: 7, consecutiveGatewayErrors: 2, interval: 1s, baseEjectionTime: 1m, maxEjectionPercent: 100, minHealthPercent: 20 }\n',
    );
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      outlierDetection: {
        successRate: false,
        consecutive5xx: 7,
        consecutiveGatewayErrors: 2,
        interval: '1s',
        baseEjectionTime: '60s',
        maxEjectionPercent: 100,
      },
    });
    expect(
      warningsWith(imported.warnings, "minHealthPercent: not modelled: Envoy's panic threshold"),
    ).toHaveLength(1);
  });

  it("reports fields Istio's API does not have, with the field each resembles", () => {
    const imported = withDr(
      '  trafficPolicy:\n    outlierDetection: { consecutive5xxError: 3, interval: 5s }\n    conectionPool: { tcp: { maxConnections: 10 } }\n  subsets: [ { name: v1, labels: { version: v1 }, weight: 3 } ]\n',
    );
    expect(
      warningsWith(
        imported.warnings,
        'spec.trafficPolicy.outlierDetection.consecutive5xxError: unknown field (did you mean "consecutive5xxErrors"?): Istio\'s OutlierDetection has no such field, so the API server rejects the DestinationRule',
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        'spec.trafficPolicy.conectionPool: unknown field (did you mean "connectionPool"?)',
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(imported.warnings, "spec.subsets[0].weight: unknown field: Istio's Subset"),
    ).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'not modelled by meshsim')).toEqual([]);
  });

  it('does not import outlier durations under 1 ms, which Istio refuses', () => {
    const imported = withDr(
      '  trafficPolicy:\n    outlierDetection: { consecutive5xxErrors: 3, interval: 100us, baseEjectionTime: 0.5ms }\n',
    );
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      outlierDetection: { successRate: false, consecutive5xx: 3 },
    });
    for (const [field, value, fallback] of [
      ['interval', '100us', '10s'],
      ['baseEjectionTime', '0.5ms', '30s'],
    ] as const) {
      expect(
        warningsWith(
          imported.warnings,
          `spec.trafficPolicy.outlierDetection.${field}: ${value} is shorter than 1ms, which Istio refuses ("must be a valid duration greater than 1ms"), so the API server rejects the DestinationRule; not imported (Envoy's default ${fallback} applies)`,
        ),
      ).toHaveLength(1);
    }
  });

  it('notes what a 0 means: consecutive5xxErrors 0 disables that check, a 0 threshold is proto3 unset', () => {
    const imported = withDr(
      '  trafficPolicy:\n    outlierDetection: { consecutive5xxErrors: 0, interval: 10s }\n    connectionPool: { http: { http1MaxPendingRequests: 0, http2MaxRequests: 40 } }\n',
    );
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      connectionPool: {
        maxConnections: 'unlimited',
        maxPendingRequests: 'unlimited',
        maxRequests: 40,
        maxRetries: 'unlimited',
      },
      outlierDetection: { successRate: false, consecutive5xx: 0, interval: '10s' },
    });
    const notes = imported.warnings.filter((warning) => warning.severity === 'note');
    expect(
      warningsWith(
        notes,
        'spec.trafficPolicy.outlierDetection.consecutive5xxErrors: 0 disables ejection on consecutive 5xx',
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(notes, 'no other check is on, so this outlier detection ejects no host'),
    ).toHaveLength(1);
    expect(
      warningsWith(
        notes,
        "spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests: 0 is proto3's unset value: istiod leaves the threshold at 2³²−1 (unlimited); imported as maxPendingRequests: unlimited",
      ),
    ).toHaveLength(1);
    expect(notes).toHaveLength(2);
  });

  it('does not import numbers Istio refuses: quoted, fractional or negative thresholds, percentages beyond 100', () => {
    const imported = withDr(
      [
        '  trafficPolicy:',
        '    outlierDetection: { consecutive5xxErrors: "2", interval: 5s, maxEjectionPercent: "50", minHealthPercent: 101, consecutiveGatewayErrors: -1 }',
        '    connectionPool:',
        '      tcp: { maxConnections: "64" }',
        '      http: { http2MaxRequests: "100", http1MaxPendingRequests: 2.5, maxRetries: -1 }',
        '    retryBudget: { percent: 150, minRetryConcurrency: "5" }',
        '',
      ].join('\n'),
    );
    // Every threshold of the pool is refused, so none is imported: Istio's defaults (unlimited) apply.
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      outlierDetection: { successRate: false, interval: '5s' },
      retryBudget: 'envoy',
    });
    const dr = 'DestinationRule would not be applied; not imported';
    const pool = 'spec.trafficPolicy.connectionPool';
    const outlier = 'spec.trafficPolicy.outlierDetection';
    for (const expected of [
      `dr.yaml:9:14: DestinationRule/reviews (document 1): ${pool}.tcp.maxConnections: Istio's maxConnections is an integer (int32): the API server refuses "64" (write it without quotes), so this ${dr} (Istio's default applies (2³²−1, unlimited))`,
      `${pool}.http.http2MaxRequests: Istio's http2MaxRequests is an integer (int32): the API server refuses "100" (write it without quotes), so this ${dr} (Istio's default applies (2³²−1, unlimited))`,
      `${pool}.http.http1MaxPendingRequests: Istio's http1MaxPendingRequests is an integer (int32): the API server refuses 2.5, so this ${dr}`,
      `${pool}.http.maxRetries: Istio refuses -1 (its validation: "max retries must be non-negative"), so this ${dr} (Istio's default applies (2³²−1, unlimited))`,
      `${outlier}.consecutive5xxErrors: Istio's consecutive5xxErrors is an integer (uint32): the API server refuses "2" (write it without quotes), so this ${dr} (Envoy's default applies (5 consecutive 5xx, as meshsim's))`,
      `${outlier}.maxEjectionPercent: Istio's maxEjectionPercent is an integer (int32): the API server refuses "50" (write it without quotes), so this ${dr} (Envoy's default applies (10 %, as meshsim's))`,
      `${outlier}.minHealthPercent: Istio refuses 101 (its validation: "percentage 101 is not in range 0..100"), so this ${dr}`,
      `${outlier}.consecutiveGatewayErrors: Istio's consecutiveGatewayErrors is an integer (uint32), from 0 to 4294967295 in its CRD: the API server refuses -1, so this ${dr}`,
      `spec.trafficPolicy.retryBudget.percent: Istio's percent is a number (double) from 0 to 100 in its CRD: the API server refuses 150, so this ${dr} (Istio's default applies (20 %))`,
      `spec.trafficPolicy.retryBudget.minRetryConcurrency: Istio's minRetryConcurrency is an integer (uint32): the API server refuses "5" (write it without quotes), so this ${dr} (Envoy's default applies (3))`,
    ]) {
      expect(warningsWith(imported.warnings, expected), expected).toHaveLength(1);
    }
    expect(imported.warnings.filter((warning) => warning.file === 'dr.yaml')).toHaveLength(10);
  });

  it('imports a maxEjectionPercent of 100 and refuses one above it, as Istio does (no longer clamped)', () => {
    const imported = withDr('  trafficPolicy:\n    outlierDetection: { maxEjectionPercent: 150 }\n');
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      outlierDetection: { successRate: false },
    });
    expect(
      warningsWith(
        imported.warnings,
        'outlierDetection.maxEjectionPercent: Istio refuses 150 (its validation: "percentage 150 is not in range 0..100")',
      ),
    ).toHaveLength(1);
  });

  it('ignores the deprecated consecutiveErrors, as Istio does, and maps retryBudget to an Envoy budget', () => {
    const imported = withDr(
      '  trafficPolicy:\n    outlierDetection: { consecutiveErrors: 4 }\n    retryBudget: { percent: 25, minRetryConcurrency: 5 }\n',
    );
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      outlierDetection: { successRate: false },
      retryBudget: { envoy: { budgetPercent: 25, minRetryConcurrency: 5 } },
    });
    expect(
      warningsWith(
        imported.warnings,
        "spec.trafficPolicy.outlierDetection.consecutiveErrors: deprecated and ignored by Istio (its control plane reads only consecutive5xxErrors and consecutiveGatewayErrors); not imported; Envoy's default applies (5 consecutive 5xx, as meshsim's)",
      ),
    ).toHaveLength(1);
  });

  it('does not name a default for consecutiveErrors when consecutive5xxErrors is written beside it', () => {
    const imported = withDr(
      '  trafficPolicy:\n    outlierDetection: { consecutiveErrors: 4, consecutive5xxErrors: 2 }\n',
    );
    expect(serviceOf(imported, 'reviews')['destinationPolicy']).toEqual({
      outlierDetection: { successRate: false, consecutive5xx: 2 },
    });
    const warning = warningsWith(imported.warnings, 'consecutiveErrors: deprecated and ignored by Istio');
    expect(warning).toHaveLength(1);
    expect(warning[0]).not.toContain("Envoy's default");
  });

  it('gives each subset the replicas of the workloads its labels match, and reports per-subset policies', () => {
    const imported = withDr(
      '  subsets:\n    - { name: v1, labels: { version: v1 } }\n    - name: v2\n      labels: { version: v2 }\n      trafficPolicy: { loadBalancer: { simple: RANDOM } }\n',
    );
    expect(serviceOf(imported, 'reviews')['versions']).toEqual([
      { name: 'v1', replicas: 2 },
      { name: 'v2', replicas: 1 },
    ]);
    expect(serviceOf(imported, 'reviews')['replicas']).toBeUndefined();
    expect(warningsWith(imported.warnings, 'subsets[1].trafficPolicy: not modelled')).toHaveLength(1);
  });
});
