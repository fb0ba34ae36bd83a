// Cilium profiles: the per-node eBPF datapath, the per-node Envoy that L7 policies pass through, and
// optional WireGuard encryption (no per-request figure exists, docs/sources.md#not-found; all assumptions).

import type { ProxyProfile } from '../../config/MeshConfig.js';
import type { CitedFigures } from '../dataplane/CitedFigures.js';
import { WAYPOINT_PROFILE } from '../istio-ambient/ambientProfiles.js';
import type { MeshProfile } from '../profileFields.js';
import { sourcedText } from '../profileNotes.js';

/**
 * eBPF datapath on a node: runs in the kernel in the sender's and receiver's context, so no worker
 * limit. The only published statement: one-process TCP_RR gets "almost the same request/response
 * rate as the baseline" (cilium/cilium Documentation/operations/performance/benchmark.rst).
 */
export const EBPF_PROFILE: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.005 }, // ASSUMPTION: near zero per traversal
  workers: Infinity, // kernel datapath: no queueing of its own
  cpuMsPerRequest: 0.002, // ASSUMPTION: near zero ("almost the same as baseline", benchmark.rst)
  memoryBaseMiB: 0, // not modelled: the cilium-agent runs as the CNI with or without the mesh; no figure found
  memoryPerEndpointKiB: 0,
};

/** Per-node Envoy for L7 policies: the waypoint-like Envoy profile (ASSUMPTION, §1.4: no figure found). */
export const CILIUM_NODE_ENVOY_PROFILE: ProxyProfile = {
  latencyMs: WAYPOINT_PROFILE.latencyMs, // ASSUMPTION: the Istio 1.20 Envoy traversal
  workers: 2, // ASSUMPTION
  cpuMsPerRequest: WAYPOINT_PROFILE.cpuMsPerRequest, // ASSUMPTION: the waypoint's 0.25 vCPU per 1000 rps
  memoryBaseMiB: WAYPOINT_PROFILE.memoryBaseMiB, // ASSUMPTION: the waypoint's 60 MB
  memoryPerEndpointKiB: WAYPOINT_PROFILE.memoryPerEndpointKiB, // Envoy's memory test: 1,380 bytes per host
};

/** WireGuard between nodes, one station per node on cross-node paths (all ASSUMPTIONS, no figure found). */
export const WIREGUARD_PROFILE: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.01 }, // ASSUMPTION
  workers: Infinity, // in-kernel
  cpuMsPerRequest: 0.004, // ASSUMPTION: per-packet work (0.002 ms per traversal)
  cpuMsPerKiB: 0.001, // ASSUMPTION: ~1 GB/s ChaCha20-Poly1305 per core
  memoryBaseMiB: 0,
  memoryPerEndpointKiB: 0,
};

/** What the eBPF profile reproduces: its own assumptions (nothing citable). */
export const EBPF_CITED: CitedFigures = {
  addedP90Ms: 4 * 0.005,
  addedP99Ms: 4 * 0.005,
  vcpuPer1000Rps: 0.002,
  memoryMB: 0,
  source: 'ASSUMPTION (cilium benchmark.rst: 1-process TCP_RR "almost the same as the baseline")',
  derived: false,
  assumption: true,
};

/**
 * Assumptions printed with every `cilium` run whose eBPF and node Envoy profiles are `ebpf` and `nodeProxy`: a
 * figure's source only where the Cilium profile gave it (the scenario's own are listed by `shapeAssumptions`).
 */
export function ciliumAssumptions(ebpf: MeshProfile, nodeProxy: MeshProfile): readonly string[] {
  const ebpfNote = sourcedText(
    'the eBPF datapath costs 0.005 ms and 0.001 ms of CPU per traversal with no queueing (assumption: Cilium only states that 1-process TCP_RR is "almost the same as the baseline")',
    ebpf,
    ['latencyMs', 'cpuMsPerRequest', 'workers'],
  );
  const envoyNote = sourcedText(
    'modelled with the waypoint Envoy profile (0.25 vCPU per 1000 rps, 60 MB per node Envoy as measured at 1000 rps and not scaled with load; assumption: no Cilium figure exists)',
    nodeProxy,
    ['latencyMs', 'cpuMsPerRequest', 'memoryBaseMiB', 'memoryPerEndpointKiB'],
  );
  return [
    `cilium: ${ebpfNote === null ? '' : `${ebpfNote}; `}cilium-agent CPU and memory are not counted (the CNI runs with or without the mesh; no figure found).`,
    "cilium: a call's timeout and retry run in the calling application, since Cilium sends traffic to its node Envoy " +
      'only when configured to (a CiliumEnvoyConfig, an HTTPRoute, an L7 network policy, the service.cilium.io/lb-l7 ' +
      'annotation); calls to a service with a policy only Envoy runs (a destinationPolicy, its loadBalancer standing ' +
      "for the lb-l7 annotation; an inbound rateLimit or shedding; deadlinePropagation; versions or routes; a caller's " +
      "faultInjection, mirror or bulkhead) pass the client node's Envoy, which then runs their timeouts and retries " +
      "too, balances round robin (Cilium's loadbalancer-l7-algorithm default) and connects with the Helm chart's 2 s " +
      'connect and 60 s idle timeouts.',
    `cilium: the node Envoy runs on every node whether or not a service needs it (the cilium-envoy DaemonSet, installed by default since Cilium 1.16)${envoyNote === null ? '' : `, ${envoyNote}`}.`,
    'cilium: WireGuard encryption (off by default) adds, at each node on cross-node paths, 0.01 ms per traversal and ' +
      '0.004 ms of CPU per request (0.002 ms per traversal, request or response) plus 0.001 ms per KiB (assumptions).',
    'cilium: mTLS coverage counts calls only with mutual authentication (mtls) and encryption both on: mutual ' +
      'authentication alone authenticates the workloads but encrypts nothing, WireGuard alone encrypts cross-node ' +
      'traffic without authenticating workloads.',
    "cilium: its near-zero eBPF figures are assumptions that a published comparison contradicts: with mTLS on, Cilium's " +
      "latency overhead was +99 %, ambient's +8 % (arXiv:2411.02267, as summarised secondarily; not modelled).",
  ];
}
