// Istio ambient profiles: the per-node ztunnel (L4, mTLS/HBONE) and the per-service waypoint (Envoy,
// L7), from the Istio 1.22 and 1.24 performance pages (docs/sources.md#istio-perf-1-22, #istio-perf-1-24).

import type { ProxyProfile, ProxyProfileField, WaypointProfile } from '../../config/MeshConfig.js';
import type { CitedFigures } from '../dataplane/CitedFigures.js';
import { mbToMiB } from '../dataplane/CitedFigures.js';
import {
  ENVOY_MEMORY_PER_ENDPOINT_KIB,
  ENVOY_RSA_HANDSHAKE_CPU_MS,
  ISTIO_PROXY_CPU_LIMIT_CORES,
  ISTIO_PROXY_CPU_REQUEST_CORES,
  ISTIO_PROXY_MEMORY_LIMIT_MIB,
  ISTIO_PROXY_MEMORY_REQUEST_MIB,
  ISTIO_SIDECAR_PROFILES,
} from '../istio-sidecar/istioProfiles.js';
import type { MeshProfile } from '../profileFields.js';
import { andList, shapeGave } from '../profileNotes.js';

/**
 * CPU of one side of an mTLS handshake with ECDSA P-256 certificates: its primitives measured with `openssl
 * speed` (an ECDSA signature, two ECDSA verifications, an X25519 exchange: 0.22 ms) times the ratio of a full
 * RSA handshake to its own primitives (≈ 1.4, from ENVOY_RSA_HANDSHAKE_CPU_MS's derivation) — an assumption
 * (docs/model.md#connections). Linkerd requires P-256 certificates; ztunnel's are taken as P-256 too.
 */
export const ECDSA_HANDSHAKE_CPU_MS = 0.3;

/**
 * ztunnel. Latency: each of the four traversals (caller-node ztunnel out and back, callee-node
 * ztunnel in and out) lognormal, fitted by simulation to "two ztunnels add 0.17 ms p90 / 0.20 ms p99"
 * (Istio 1.22 page). CPU 0.06 vCPU per 1000 rps; memory 12 MB per ztunnel, measured at 1000 rps and not scaled
 * with load (Istio 1.24 page).
 */
export const ZTUNNEL_PROFILE: ProxyProfile = {
  latencyMs: { kind: 'lognormal', median: 0.03375, p99: 0.06824 }, // fitted to +0.17 p90 / +0.20 p99 (1.22 page)
  workers: 2, // ztunnel's DEFAULT_WORKER_THREADS (istio/ztunnel src/config.rs, docs/sources.md#ztunnel-worker-threads)
  cpuMsPerRequest: 0.06, // ~0.06 vCPU per 1000 rps (istio.io 1.24 page)
  memoryBaseMiB: mbToMiB(12), // 12 MB (istio.io 1.24 page)
  memoryPerEndpointKiB: 0.5, // ASSUMPTION: workload entries in ztunnel's WDS config (no figure found)
  tlsHandshakeCpuMs: ECDSA_HANDSHAKE_CPU_MS, // ASSUMPTION: P-256 keys, derived from measured primitives
  cpuRequestCores: 0.2, // Helm default `resources.requests.cpu: 200m` (docs/sources.md#istio-ztunnel-values)
  memoryRequestMiB: 512, // Helm default `resources.requests.memory: 512Mi` (docs/sources.md#istio-ztunnel-values)
};

/**
 * Waypoint: an Envoy deployment. CPU ~0.25 vCPU per 1000 rps; memory 60 MB per replica, measured at 1000 rps and
 * not scaled with load (Istio 1.24 page); latency
 * published as charts only, so each traversal takes the Istio 1.20–1.24 sidecar traversal (ASSUMPTION).
 */
export const WAYPOINT_PROFILE: WaypointProfile = {
  latencyMs: ISTIO_SIDECAR_PROFILES['1.20-1.24'].latencyMs, // ASSUMPTION: the 1.20 sidecar Envoy traversal
  workers: 2, // "waypoint (Envoy, 2 workers)" (istio.io 1.24 page)
  cpuMsPerRequest: 0.25, // ~0.25 vCPU per 1000 rps (istio.io 1.24 page)
  memoryBaseMiB: mbToMiB(60), // 60 MB (istio.io 1.24 page)
  memoryPerEndpointKiB: ENVOY_MEMORY_PER_ENDPOINT_KIB, // Envoy's memory test: 1,380 bytes per host
  replicas: 1, // ASSUMPTION: the waypoint Deployment's default (Kubernetes default of 1 replica)
  cpuLimitCores: ISTIO_PROXY_CPU_LIMIT_CORES, // Helm default `global.waypoint.resources.limits.cpu: "2"`
  cpuRequestCores: ISTIO_PROXY_CPU_REQUEST_CORES, // Helm default `global.waypoint.resources.requests.cpu: 100m`
  memoryRequestMiB: ISTIO_PROXY_MEMORY_REQUEST_MIB, // Helm default `global.waypoint.resources.requests.memory: 128Mi`
  memoryLimitMiB: ISTIO_PROXY_MEMORY_LIMIT_MIB, // Helm default `global.waypoint.resources.limits.memory: 1Gi`
  tlsHandshakeCpuMs: ENVOY_RSA_HANDSHAKE_CPU_MS, // ASSUMPTION: as the sidecar Envoy
};

/** The ztunnel figures (two ztunnels on the path, no waypoint). */
export const ZTUNNEL_CITED: CitedFigures = {
  addedP90Ms: 0.17,
  addedP99Ms: 0.2,
  vcpuPer1000Rps: 0.06,
  memoryMB: 12,
  source:
    'istio.io/v1.23/docs/ops/deployment/performance-and-scalability (Istio 1.22 latency); istio.io 1.24 page (CPU, memory)',
  derived: false,
  assumption: false,
};

/** The waypoint figures; its latency is the sidecar's 1.20 traversal (assumption). */
export const WAYPOINT_CITED: CitedFigures = {
  addedP90Ms: 0.228,
  addedP99Ms: 0.298,
  vcpuPer1000Rps: 0.25,
  memoryMB: 60,
  source: 'istio.io 1.24 page (CPU, memory); latency ASSUMPTION (1.20 sidecar traversal)',
  derived: false,
  assumption: true,
};

/**
 * Assumptions printed with every `istio-ambient` run (and `layered` runs that use it) whose ztunnel and waypoint
 * profiles are `ztunnel` and `waypoint`: the sources of the figures the Istio profiles gave (the scenario's own are
 * listed by `shapeAssumptions`).
 */
export function ambientAssumptions(ztunnel: MeshProfile, waypoint: MeshProfile): readonly string[] {
  const ztunnelGave = (field: ProxyProfileField): boolean => shapeGave(ztunnel, field);
  const waypointGave = (field: ProxyProfileField): boolean => shapeGave(waypoint, field);
  // Memory is per proxy, measured at the page's 1000 rps: the model does not scale it with load.
  const ztunnelUse = andList([
    ztunnelGave('cpuMsPerRequest') && 'CPU 0.06 vCPU per 1000 rps',
    ztunnelGave('memoryBaseMiB') && 'memory 12 MB per ztunnel (measured at 1000 rps, not scaled with load)',
  ]);
  const ztunnelNote = [
    [
      ztunnelGave('latencyMs')
        ? 'ztunnel latency fitted to the Istio 1.22 page (two ztunnels +0.17 ms p90 / +0.20 ms p99)'
        : '',
      ztunnelUse === ''
        ? ''
        : `${ztunnelGave('latencyMs') ? '' : 'ztunnel '}${ztunnelUse} from the 1.24 page`,
    ]
      .filter((part) => part !== '')
      .join(', '),
    ztunnelGave('workers')
      ? "2 ztunnel worker threads, ztunnel's own default (DEFAULT_WORKER_THREADS in istio/ztunnel src/config.rs)"
      : '',
  ].filter((part) => part !== '');
  const waypointUse = andList([
    waypointGave('cpuMsPerRequest') && 'CPU 0.25 vCPU per 1000 rps',
    waypointGave('memoryBaseMiB') &&
      'memory 60 MB per waypoint replica (measured at 1000 rps, not scaled with load)',
  ]);
  const waypointNote = [
    waypointUse === '' ? '' : `waypoint ${waypointUse} (1.24 page)`,
    waypointGave('latencyMs')
      ? `${waypointUse === '' ? "a waypoint's" : 'its'} per-traversal latency is the Istio 1.20 sidecar traversal (assumption: the page has charts only)`
      : '',
    waypointGave('replicas')
      ? `${waypointUse === '' && !waypointGave('latencyMs') ? 'a waypoint has ' : ''}1 replica by default (assumption)`
      : '',
  ].filter((part) => part !== '');
  return [
    ...(ztunnelNote.length === 0 ? [] : [`istio-ambient: ${ztunnelNote.join('; ')}.`]),
    ...(waypointNote.length === 0 ? [] : [`istio-ambient: ${waypointNote.join('; ')}.`]),
    "istio-ambient: a waypoint serves the services bound to it (its own, or shared by name as a namespace's); callers pick among its Ready replicas round robin, once per call (ztunnel's own choice of a waypoint pod was not verified): a replica leaves the choice an endpoint update delay after Kubernetes marks its pod NotReady (its node powered off, after the node controller's grace period; crashed whole; or its waypoint process crashed, a pod being Ready only while all its containers are), among all of them when none is Ready; each replica holds one policy state (pool, outlier detection, budgets, balancer, rate-limit bucket) per calling service; traffic from outside the mesh also passes the waypoint (as with istio.io/ingress-use-waypoint).",
    "istio-ambient: callers (their ztunnel) pick a service's endpoints round robin unless a destination sets `loadBalancer`: ztunnel's own endpoint choice was not verified (an assumption).",
    'istio-ambient: same-node calls still pass the node ztunnel twice (outbound and inbound); a waypoint retries only what failed beyond it, but its retries re-walk the whole path from the caller (through the same waypoint replica), although a real waypoint retries only its own leg.',
  ];
}
