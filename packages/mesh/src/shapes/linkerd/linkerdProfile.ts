// Linkerd (linkerd2-proxy, Rust) profile, derived from the Buoyant benchmarks (docs/sources.md#linkerd-bench-2021-11);
// no per-rps figure exists, so latency and CPU are scaled from Istio's. Labelled derived.

import type { ProxyProfile } from '../../config/MeshConfig.js';
import type { CitedFigures } from '../dataplane/CitedFigures.js';
import { mbToMiB } from '../dataplane/CitedFigures.js';
import { ECDSA_HANDSHAKE_CPU_MS } from '../istio-ambient/ambientProfiles.js';

/** Linkerd/Istio added-median-latency ratio at 2000 rps: +6 ms vs +17 ms (Linkerd 2.11.1 vs Istio 1.12.0, same harness). */
export const LINKERD_LATENCY_RATIO = 6 / 17;

/** Max memory of any Linkerd proxy at 2000 rps: the mean of 17.8 MB (2.10.2) and 26.3 MB (2.11.1) [MB]. */
export const LINKERD_MEMORY_MB = (17.8 + 26.3) / 2;

/** Linkerd/Istio max-proxy-CPU-time ratio: 36 ms vs 67 ms (same benchmark). */
export const LINKERD_CPU_RATIO = 36 / 67;

/**
 * linkerd2-proxy. Latency: four traversals, lognormal, fitted to the Istio 1.20 two-proxy figure
 * (+0.228 p90 / +0.298 p99) × 6/17 = +0.080 p90 / +0.105 p99 (DERIVED). CPU: Istio 1.9–1.16's
 * 0.35 vCPU per 1000 rps × 36/67 = 0.188 (DERIVED). Memory: 22.05 MB, the mean of the max of any
 * proxy in the two Buoyant runs (17.8 MB with 2.10.2, 26.3 MB with 2.11.1): within 25 % of both.
 */
export const LINKERD_PROXY_PROFILE: ProxyProfile = {
  latencyMs: { kind: 'lognormal', median: 0.01347, p99: 0.04096 }, // DERIVED: fitted to +0.0805 p90 / +0.1052 p99
  workers: 2, // ASSUMPTION: as the Envoy benchmark setting
  cpuMsPerRequest: 0.35 * LINKERD_CPU_RATIO, // DERIVED: 0.188 vCPU per 1000 rps
  memoryBaseMiB: mbToMiB(LINKERD_MEMORY_MB), // mean of the max proxy memory of the 2.10.2 and 2.11.1 runs
  memoryPerEndpointKiB: 1, // ASSUMPTION: per endpoint of the services the pod calls (on-demand discovery)
  tlsHandshakeCpuMs: ECDSA_HANDSHAKE_CPU_MS, // Linkerd requires ECDSA P-256 certificates; CPU derived (ASSUMPTION)
};

/** What the Linkerd profile reproduces (derived, see above). */
export const LINKERD_CITED: CitedFigures = {
  addedP90Ms: 0.228 * LINKERD_LATENCY_RATIO,
  addedP99Ms: 0.298 * LINKERD_LATENCY_RATIO,
  vcpuPer1000Rps: 0.35 * LINKERD_CPU_RATIO,
  memoryMB: LINKERD_MEMORY_MB,
  source:
    'DERIVED: Istio 1.20 two-proxy latency × 6/17 and Istio 1.9–1.16 CPU × 36/67 (linkerd.io/content/blog/2021/1129-linkerd-vs-istio-benchmarks); memory: max proxy memory in that run',
  derived: true,
  assumption: false,
};

/** Assumptions printed with every `linkerd` run. */
export const LINKERD_ASSUMPTIONS: readonly string[] = [
  'linkerd: no per-rps figure exists; latency is the Istio 1.20 two-proxy figure scaled by the Buoyant benchmark ratio 6/17 (Linkerd 2.11.1 vs Istio 1.12.0, same harness) and CPU the Istio 1.9–1.16 figure scaled by 36/67 (max proxy CPU time): derived, not measured.',
  'linkerd: proxy memory 22.05 MB is the mean of the maximum of any proxy in the two Buoyant benchmarks at 2000 rps (17.8 MB with 2.10.2, 26.3 MB with 2.11.1); 2 worker threads and 1 KiB per discovered endpoint are assumptions.',
  'linkerd: proxies discover destinations on demand, so a proxy holds only the endpoints of the services its pod calls.',
];
