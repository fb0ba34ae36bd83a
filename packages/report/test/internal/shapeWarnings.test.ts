// A comparison's warnings: one line per distinct text, naming every shape that gave it, in first-seen order.

import { describe, expect, it } from 'vitest';
import { shapeAssumptions, shapeWarnings } from '../../src/internal/shapeWarnings.js';

describe('shapeWarnings', () => {
  it('merges a text several shapes gave into one line naming them, keeping the first-seen order', () => {
    expect(
      shapeWarnings([
        { shape: 'none', warnings: ['no sidecar', 'retries run in the app'] },
        { shape: 'istio-sidecar', warnings: [] },
        { shape: 'cilium', warnings: ['no sidecar'] },
        { shape: 'vpc-lattice', warnings: ['lattice has no retries', 'no sidecar'] },
      ]),
    ).toEqual([
      '[none, cilium, vpc-lattice] no sidecar',
      '[none] retries run in the app',
      '[vpc-lattice] lattice has no retries',
    ]);
  });

  it('names a shape once even if it gave the same text twice, and gives nothing for no warnings', () => {
    expect(shapeWarnings([{ shape: 'none', warnings: ['x', 'x'] }])).toEqual(['[none] x']);
    expect(shapeWarnings([{ shape: 'none', warnings: [] }])).toEqual([]);
  });
});

describe('shapeWarnings: a text that names its one shape', () => {
  it('is not prefixed with that shape twice; a text several shapes gave keeps its words', () => {
    expect(
      shapeWarnings([
        {
          shape: 'linkerd',
          warnings: ['linkerd: proxies discover destinations on demand', 'istio-sidecar: not mine'],
        },
        { shape: 'none', warnings: ['linkerd: shared'] },
        { shape: 'cilium', warnings: ['linkerd: shared'] },
      ]),
    ).toEqual([
      '[linkerd] proxies discover destinations on demand',
      '[linkerd] istio-sidecar: not mine',
      '[none, cilium] linkerd: shared',
    ]);
  });
});

describe('shapeAssumptions', () => {
  it('writes an assumption every shape shares without the shapes, and names the shapes of the others', () => {
    expect(
      shapeAssumptions([
        { shape: 'none', assumptions: ['network latency is a guess'] },
        { shape: 'linkerd', assumptions: ['network latency is a guess', 'linkerd: derived profile'] },
        { shape: 'istio-sidecar', assumptions: ['istio profile', 'network latency is a guess'] },
      ]),
    ).toEqual(['network latency is a guess', '[linkerd] derived profile', '[istio-sidecar] istio profile']);
  });
});

describe('shapeWarnings: one warning per shape, policy and service', () => {
  // What linkerd, app-mesh and istio-ambient (orders without a waypoint) warn of a connectionPool and an
  // outlierDetection on orders, called by gateway, as a run gives them.
  const LINKERD = [
    'connection-pool of service "orders": Linkerd has no Envoy-style connection-pool thresholds; use failureAccrual (balancer.linkerd.io/failure-accrual, Linkerd circuit-breaking docs)',
    'outlier-detection of service "orders": Linkerd has no Envoy-style outlier detection; use failureAccrual (consecutive failures, exponential penalty)',
    'outlier-detection for calls to "orders" cannot be enforced by the linkerd-proxy hop of caller "gateway" in mesh shape "linkerd"; not applied',
    'connection-pool on service "orders" is not enforced: the linkerd mesh shape enforces it at a linkerd-proxy hop, which cannot; the policy is not applied',
  ];
  const APP_MESH = [
    'connection-pool of service "orders": App Mesh does not let you set Envoy\'s circuit-breaker thresholds; for meshes in accounts created after 2020-07-29 they are effectively disabled (2147483647, envoy-defaults.md)',
    'connection-pool on service "orders" is not enforced: the app-mesh mesh shape enforces it at an app-mesh-envoy hop, which cannot; the policy is not applied',
  ];
  const AMBIENT = [
    'istio-ambient: service "orders" has no waypoint, so its L7 policies (timeout, retry, load-balancer, connection-pool, outlier-detection) cannot be enforced by the ztunnel (an l4-proxy): timeouts and retries run in the calling applications, the others are not applied; give the service `waypoint: true` to enforce them',
    'outlier-detection for calls to "orders" cannot be enforced by the l4-proxy hop of caller "gateway" in mesh shape "istio-ambient"; not applied',
    'connection-pool on service "orders" is not enforced: the istio-ambient mesh shape enforces it at an l4-proxy hop, which cannot; the policy is not applied',
    'connection-pool on service "cart" is not enforced: the istio-ambient mesh shape enforces it at an l4-proxy hop, which cannot; the policy is not applied',
  ];

  it("keeps the shape's own word on a policy and drops the generic 'not enforced' lines of the same policy and service", () => {
    expect(
      shapeWarnings([
        { shape: 'linkerd', warnings: LINKERD },
        { shape: 'app-mesh', warnings: APP_MESH },
        { shape: 'istio-ambient', warnings: AMBIENT },
      ]),
    ).toEqual([
      `[linkerd] ${LINKERD[0]}`,
      `[linkerd] ${LINKERD[1]}`,
      `[app-mesh] ${APP_MESH[0]}`,
      `[istio-ambient] ${AMBIENT[0]?.slice('istio-ambient: '.length)}`,
      // Another service's: no waypoint line covers it.
      `[istio-ambient] ${AMBIENT[3]}`,
    ]);
  });

  it('keeps a generic line where the shape says nothing else of that policy and service, also when placed (file:line)', () => {
    const placed = `my.yaml:9:7: services.orders.destinationPolicy.connectionPool: ${LINKERD[3]}`;
    expect(shapeWarnings([{ shape: 'linkerd', warnings: [placed] }])).toEqual([`[linkerd] ${placed}`]);
    const cover = `my.yaml:8:7: services.orders.destinationPolicy.connectionPool: ${LINKERD[0]}`;
    expect(shapeWarnings([{ shape: 'linkerd', warnings: [cover, placed] }])).toEqual([`[linkerd] ${cover}`]);
  });
});
