// Consul service mesh profile (Envoy sidecar): no overhead figure exists (docs/sources.md#not-found), so
// the current Envoy sidecar profile is used (ASSUMPTION); Consul's documented defaults are cited.

import type { ProxyProfile } from '../../config/MeshConfig.js';
import type { CitedFigures } from '../dataplane/CitedFigures.js';
import { ISTIO_SIDECAR_CITED, ISTIO_SIDECAR_PROFILES } from '../istio-sidecar/istioProfiles.js';
import { ECDSA_HANDSHAKE_CPU_MS } from '../istio-ambient/ambientProfiles.js';
import type { MeshProfile } from '../profileFields.js';
import { anyShapeField } from '../profileNotes.js';

const {
  cpuLimitCores: _istioLimit,
  cpuRequestCores: _istioRequest,
  memoryRequestMiB: _istioMemoryRequest,
  memoryLimitMiB: _istioMemoryLimit,
  ...ENVOY_1_20
} = ISTIO_SIDECAR_PROFILES['1.20-1.24'];

/**
 * Consul's Envoy sidecar: the Istio 1.20–1.24 Envoy profile (ASSUMPTION: Consul publishes no figure) without Istio's
 * CPU limit and request and memory request and limit — consul-k8s's chart sets none by default (`connectInject.sidecarProxy.resources`, all null)
 * and runs Envoy with `--concurrency 2` (`connectInject.sidecarProxy.concurrency`; docs/sources.md#consul-k8s-values).
 */
export const CONSUL_ENVOY_PROFILE: ProxyProfile = {
  ...ENVOY_1_20,
  workers: 2, // consul-k8s `connectInject.sidecarProxy.concurrency: 2`, whatever the CPU limit
  tlsHandshakeCpuMs: ECDSA_HANDSHAKE_CPU_MS, // Consul's built-in CA issues EC P-256 keys (ASSUMPTION: derived CPU)
};

/** `LocalRequestTimeoutMs` default 15 s (hashicorp/consul-k8s issue #1641), as Envoy's route timeout default. */
export const CONSUL_REQUEST_TIMEOUT_MS = 15_000;

/** What the Consul profile reproduces: the borrowed Envoy figures (assumption). */
export const CONSUL_CITED: CitedFigures = {
  ...ISTIO_SIDECAR_CITED['1.20-1.24'],
  source: 'ASSUMPTION: Istio 1.20–1.24 Envoy sidecar figures (no published Consul data-plane overhead found)',
  assumption: true,
};

/**
 * Assumptions printed with every `consul` run whose Envoy profile is `sidecar`: the borrowed profile only for the fields
 * it gave (the scenario's own are listed by `shapeAssumptions`).
 */
export function consulAssumptions(sidecar: MeshProfile): readonly string[] {
  const borrowed =
    sidecar.written.length === 0
      ? 'its Envoy sidecar uses the Istio 1.20–1.24 Envoy profile (assumption)'
      : "its Envoy sidecar's other fields are the Istio 1.20–1.24 Envoy profile's (assumption)";
  return [
    ...(anyShapeField(sidecar) ? [`consul: no Consul data-plane figure exists; ${borrowed}.`] : []),
    'consul: defaults from service-defaults (Consul 1.15+): no retries, no outlier detection (PassiveHealthCheck off), no connection limits; 15 s request timeout (LocalRequestTimeoutMs, consul-k8s #1641).',
  ];
}
