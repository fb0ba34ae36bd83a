// Istio sidecar (Envoy) profiles by release band, fitted to the Istio "Performance and Scalability"
// pages (docs/sources.md#istio-performance-pages). Istio ambient profiles live in ambient.ts.

import type { IstioVersion, ProxyProfile, ProxyProfileField } from '../../config/MeshConfig.js';
import type { CitedFigures } from '../dataplane/CitedFigures.js';
import { mbToMiB } from '../dataplane/CitedFigures.js';
import type { MeshProfile } from '../profileFields.js';
import { andList, anyShapeField, shapeGave } from '../profileNotes.js';

/** Release bands that share one set of published figures. */
export type IstioSidecarBand = '1.4' | '1.5-1.8' | '1.9-1.16' | '1.20-1.24';

/** Every supported Istio release, oldest first (for validation and help texts). */
export const ISTIO_VERSIONS: readonly IstioVersion[] = [
  '1.4',
  '1.5',
  '1.6',
  '1.7',
  '1.8',
  '1.9',
  '1.10',
  '1.11',
  '1.12',
  '1.13',
  '1.14',
  '1.15',
  '1.16',
  '1.20',
  '1.21',
  '1.22',
  '1.23',
  '1.24',
];

/** The default release: the newest with a cited CPU/memory figure (1.24). */
export const DEFAULT_ISTIO_VERSION: IstioVersion = '1.24';

/** The band a release belongs to. */
export function istioBand(version: IstioVersion): IstioSidecarBand {
  const minor = Number(version.split('.')[1]);
  if (minor <= 4) return '1.4';
  if (minor <= 8) return '1.5-1.8';
  if (minor <= 16) return '1.9-1.16';
  return '1.20-1.24';
}

/**
 * Memory per endpoint (an Envoy "host") in an Envoy's configuration [KiB]: 1,380 bytes, what Envoy's own memory
 * test measured per host of a cluster, with stats (test/integration/stats_integration_test.cc, exact value of
 * April 2020, PR 10624; docs/sources.md#envoy-stats-memory-test). Measured on plain Envoy, not with Istio's
 * configuration: an Istio endpoint's metadata may cost more.
 */
export const ENVOY_MEMORY_PER_ENDPOINT_KIB = 1380 / 1024;

/** CPU limit of the istio-proxy container: Istio's Helm default `global.proxy.resources.limits.cpu: 2000m` (docs/sources.md#istio-discovery-values). */
export const ISTIO_PROXY_CPU_LIMIT_CORES = 2;

/**
 * CPU request of the istio-proxy container and of a waypoint pod: Istio's Helm defaults
 * `global.proxy.resources.requests.cpu: 100m` and `global.waypoint.resources.requests.cpu: 100m`
 * (docs/sources.md#istio-discovery-values).
 */
export const ISTIO_PROXY_CPU_REQUEST_CORES = 0.1;

/**
 * Memory request of an Istio sidecar or waypoint container [MiB]: the Helm defaults
 * `global.proxy.resources.requests.memory: 128Mi` and `global.waypoint.resources.requests.memory: 128Mi`
 * (docs/sources.md#istio-discovery-values).
 */
export const ISTIO_PROXY_MEMORY_REQUEST_MIB = 128;

/**
 * Memory limit of an Istio sidecar or waypoint container [MiB]: the Helm defaults
 * `global.proxy.resources.limits.memory: 1024Mi` and `global.waypoint.resources.limits.memory: 1Gi`
 * (docs/sources.md#istio-discovery-values). Part of the pod's QoS class only: no OOM kill is modelled.
 */
export const ISTIO_PROXY_MEMORY_LIMIT_MIB = 1024;

/**
 * CPU of one side of an Envoy mTLS handshake with Istio's default RSA-2048 workload certificates
 * (docs/sources.md#istio-mesh-certificates): NGINX's measured rule that a core completes 45–60 % as many
 * full ECDHE-RSA handshakes as RSA-2048 signatures (docs/sources.md#nginx-ssl-performance), applied to the
 * signature time measured with `openssl speed` (0.30 ms), plus verifying the peer's certificate chain
 * (mutual TLS) — an assumption (docs/model.md#connections).
 */
export const ENVOY_RSA_HANDSHAKE_CPU_MS = 0.6;

/**
 * Latency: each of the four traversals (client sidecar out and back, server sidecar in and out) is
 * lognormal, fitted by simulation so that the two-proxy added latency at 1000 rps (1 KB, 2 workers,
 * zero network) reproduces the cited p90/p99 (test/shapes/calibration.test.ts checks it).
 * A traversal holds a worker for its CPU share only (see dataplane/Proxy.ts).
 */
export const ISTIO_SIDECAR_PROFILES: Readonly<Record<IstioSidecarBand, ProxyProfile>> = {
  '1.4': {
    latencyMs: { kind: 'lognormal', median: 1.492, p99: 1.802 }, // fitted to +6.3 ms p90 (1.4.6 page)
    workers: 2, // benchmark: "2 proxy worker threads" (§1.1 test setup)
    cpuMsPerRequest: 0.5, // 0.5 vCPU per 1000 rps (istio.io/v1.4 performance-and-scalability)
    memoryBaseMiB: mbToMiB(50), // 50 MB (same page)
    memoryPerEndpointKiB: ENVOY_MEMORY_PER_ENDPOINT_KIB, // Envoy's memory test: 1,380 bytes per host
    cpuLimitCores: ISTIO_PROXY_CPU_LIMIT_CORES, // Helm default limit (only binds when nodes have CPU)
    cpuRequestCores: ISTIO_PROXY_CPU_REQUEST_CORES, // Helm default request (reserves node capacity)
    memoryRequestMiB: ISTIO_PROXY_MEMORY_REQUEST_MIB, // Helm default request (reserves node memory)
    memoryLimitMiB: ISTIO_PROXY_MEMORY_LIMIT_MIB, // Helm default limit (its pod's QoS class)
    tlsHandshakeCpuMs: ENVOY_RSA_HANDSHAKE_CPU_MS, // ASSUMPTION (derived from measured primitives)
  },
  '1.5-1.8': {
    latencyMs: { kind: 'lognormal', median: 0.6535, p99: 0.7893 }, // fitted to +2.76 p90 / +2.88 p99 (1.7 page)
    workers: 2, // benchmark setting (§1.1)
    cpuMsPerRequest: 0.5, // 0.5 vCPU per 1000 rps (1.5 and 1.7 pages)
    memoryBaseMiB: mbToMiB(50), // 50 MB (1.5 and 1.7 pages)
    memoryPerEndpointKiB: ENVOY_MEMORY_PER_ENDPOINT_KIB, // Envoy's memory test: 1,380 bytes per host
    cpuLimitCores: ISTIO_PROXY_CPU_LIMIT_CORES, // Helm default limit (only binds when nodes have CPU)
    cpuRequestCores: ISTIO_PROXY_CPU_REQUEST_CORES, // Helm default request (reserves node capacity)
    memoryRequestMiB: ISTIO_PROXY_MEMORY_REQUEST_MIB, // Helm default request (reserves node memory)
    memoryLimitMiB: ISTIO_PROXY_MEMORY_LIMIT_MIB, // Helm default limit (its pod's QoS class)
    tlsHandshakeCpuMs: ENVOY_RSA_HANDSHAKE_CPU_MS, // ASSUMPTION (derived from measured primitives)
  },
  '1.9-1.16': {
    latencyMs: { kind: 'lognormal', median: 0.6473, p99: 0.7031 }, // fitted to +2.65 p90 (summary box) / +2.7 p99 (1.12.3 body)
    workers: 2, // benchmark setting (§1.1)
    cpuMsPerRequest: 0.35, // 0.35 vCPU per 1000 rps (1.9–1.16 summary box)
    memoryBaseMiB: mbToMiB(40), // 40 MB (1.9–1.16 summary box)
    memoryPerEndpointKiB: ENVOY_MEMORY_PER_ENDPOINT_KIB, // Envoy's memory test: 1,380 bytes per host
    cpuLimitCores: ISTIO_PROXY_CPU_LIMIT_CORES, // Helm default limit (only binds when nodes have CPU)
    cpuRequestCores: ISTIO_PROXY_CPU_REQUEST_CORES, // Helm default request (reserves node capacity)
    memoryRequestMiB: ISTIO_PROXY_MEMORY_REQUEST_MIB, // Helm default request (reserves node memory)
    memoryLimitMiB: ISTIO_PROXY_MEMORY_LIMIT_MIB, // Helm default limit (its pod's QoS class)
    tlsHandshakeCpuMs: ENVOY_RSA_HANDSHAKE_CPU_MS, // ASSUMPTION (derived from measured primitives)
  },
  '1.20-1.24': {
    latencyMs: { kind: 'lognormal', median: 0.03817, p99: 0.1161 }, // fitted to +0.228 p90 / +0.298 p99 (1.20 page)
    workers: 2, // benchmark setting ("sidecar (2 workers)", 1.24 page)
    cpuMsPerRequest: 0.2, // 0.20 vCPU per 1000 rps (1.24 page)
    memoryBaseMiB: mbToMiB(60), // 60 MB (1.24 page)
    memoryPerEndpointKiB: ENVOY_MEMORY_PER_ENDPOINT_KIB, // Envoy's memory test: 1,380 bytes per host
    cpuLimitCores: ISTIO_PROXY_CPU_LIMIT_CORES, // Helm default limit (only binds when nodes have CPU)
    cpuRequestCores: ISTIO_PROXY_CPU_REQUEST_CORES, // Helm default request (reserves node capacity)
    memoryRequestMiB: ISTIO_PROXY_MEMORY_REQUEST_MIB, // Helm default request (reserves node memory)
    memoryLimitMiB: ISTIO_PROXY_MEMORY_LIMIT_MIB, // Helm default limit (its pod's QoS class)
    tlsHandshakeCpuMs: ENVOY_RSA_HANDSHAKE_CPU_MS, // ASSUMPTION (derived from measured primitives)
  },
};

/** The figures each band is fitted to (docs/sources.md#istio-performance-pages). */
export const ISTIO_SIDECAR_CITED: Readonly<Record<IstioSidecarBand, CitedFigures>> = {
  '1.4': {
    addedP90Ms: 6.3,
    addedP99Ms: 6.3 * (2.88 / 2.76), // ASSUMPTION: p99/p90 ratio of the 1.7 page; 1.4 cites p90 only
    vcpuPer1000Rps: 0.5,
    memoryMB: 50,
    source: 'istio.io/v1.4/docs/ops/deployment/performance-and-scalability (Istio 1.4.6); p99 assumed',
    derived: false,
    assumption: true,
  },
  '1.5-1.8': {
    addedP90Ms: 2.76,
    addedP99Ms: 2.88,
    vcpuPer1000Rps: 0.5,
    memoryMB: 50,
    source:
      'istio/istio.io performance-and-scalability index.md @ 01eb742 (Istio 1.7); 1.5: +2.8/+2.7; 1.8.1: +2.65/+2.91 (secondary)',
    derived: false,
    assumption: false,
  },
  '1.9-1.16': {
    addedP90Ms: 2.65,
    addedP99Ms: 2.7,
    vcpuPer1000Rps: 0.35,
    memoryMB: 40,
    source:
      'istio.io/v1.9 … v1.16 summary box (p90, CPU, memory); p99 from the 1.12.3 body text as reproduced by Red Hat OSSM docs (secondary)',
    derived: false,
    assumption: false,
  },
  '1.20-1.24': {
    addedP90Ms: 0.228,
    addedP99Ms: 0.298,
    vcpuPer1000Rps: 0.2,
    memoryMB: 60,
    source:
      'istio/istio.io index.md "Latency for Istio 1.20" (latency); istio.io 1.24 page (0.20 vCPU, 60 MB)',
    derived: false,
    assumption: false,
  },
};

/** The sidecar profile of an Istio release. */
export function istioSidecarProfile(version: IstioVersion): ProxyProfile {
  return ISTIO_SIDECAR_PROFILES[istioBand(version)];
}

/**
 * Assumptions printed with every `istio-sidecar` run of `version` whose sidecar profile is `sidecar`: the sources
 * of the figures the Istio profile gave (not of those the scenario set, which `shapeAssumptions` lists).
 */
export function istioSidecarAssumptions(version: IstioVersion, sidecar: MeshProfile): readonly string[] {
  const band = istioBand(version);
  const gave = (field: ProxyProfileField): boolean => shapeGave(sidecar, field);
  const profile = `Envoy sidecar profile of Istio ${band} (istioVersion ${version})`;
  const fitted =
    "fitted to the Istio performance page's two-proxy added latency at 1000 rps, 1 KB, 2 workers; other loads are extrapolations";
  const notes: string[] = [];
  if (sidecar.written.length === 0) notes.push(`istio-sidecar: ${profile}, ${fitted}.`);
  else if (anyShapeField(sidecar)) {
    notes.push(
      `istio-sidecar: the sidecar's other fields are from the ${profile}` +
        (gave('latencyMs') ? `, its latency ${fitted}.` : '.'),
    );
  }
  notes.push(
    gave('memoryPerEndpointKiB')
      ? "istio-sidecar: sidecar memory per endpoint in its configuration is 1,380 bytes, measured per host on plain Envoy (its memory test), not with Istio's configuration; every sidecar holds every endpoint of the mesh (no Sidecar resource)."
      : 'istio-sidecar: every sidecar holds every endpoint of the mesh (no Sidecar resource).',
  );
  if (band === '1.4' && gave('latencyMs'))
    notes.push(
      'istio-sidecar 1.4: the p99 added latency (6.57 ms) is an assumption; the 1.4 page cites p90 only.',
    );
  const from124 = andList([gave('cpuMsPerRequest') && 'CPU', gave('memoryBaseMiB') && 'memory']);
  const pages = [
    gave('latencyMs') ? 'latency from the 1.20 page' : '',
    from124 === '' ? '' : `${from124} from the 1.24 page`,
  ]
    .filter((part) => part !== '')
    .join(', ');
  if (band === '1.20-1.24' && pages !== '')
    notes.push(
      `istio-sidecar 1.20–1.24: ${pages}` +
        (gave('latencyMs') ? ' (1.22/1.24 latency is published as charts only).' : '.'),
    );
  return notes;
}
