// AWS App Mesh profile (Envoy sidecar) and its documented defaults (docs/sources.md#appmesh-envoy and the next).
// No latency figure exists: the Envoy sidecar profile of the matching era is used (ASSUMPTION).

import type { ProxyProfile, ProxyProfileField } from '../../config/MeshConfig.js';
import type { CitedFigures } from '../dataplane/CitedFigures.js';
import {
  ENVOY_MEMORY_PER_ENDPOINT_KIB,
  ENVOY_RSA_HANDSHAKE_CPU_MS,
  ISTIO_SIDECAR_CITED,
  ISTIO_SIDECAR_PROFILES,
} from '../istio-sidecar/istioProfiles.js';
import type { MeshProfile } from '../profileFields.js';
import { andList, shapeGave } from '../profileNotes.js';

/** CPU request the App Mesh controller's injector gives each Envoy sidecar [cores]: 10m. */
export const APP_MESH_ENVOY_CPU_REQUEST_CORES = 0.01;

/** Memory request the App Mesh controller's injector gives each Envoy sidecar [MiB]: 32Mi. */
export const APP_MESH_ENVOY_MEMORY_REQUEST_MIB = 32;

/**
 * App Mesh Envoy. Latency and CPU: the Istio 1.9–1.16 Envoy profile (Envoy 1.18 era, as the App Mesh
 * image v1.18.3.0 the resource recommendation was written for) — ASSUMPTION. Memory: the recommended
 * "at least 64 MiB" (awsdocs aws-app-mesh-user-guide envoy.md), taken as its use (ASSUMPTION).
 */
export const APP_MESH_ENVOY_PROFILE: ProxyProfile = {
  latencyMs: ISTIO_SIDECAR_PROFILES['1.9-1.16'].latencyMs, // ASSUMPTION: Envoy 1.18-era sidecar traversal
  workers: 2, // ASSUMPTION: as the Istio benchmark
  cpuMsPerRequest: ISTIO_SIDECAR_PROFILES['1.9-1.16'].cpuMsPerRequest, // ASSUMPTION: 0.35 vCPU per 1000 rps
  memoryBaseMiB: 64, // "at least 64 MiB" recommended (envoy.md); ASSUMPTION that use equals it
  memoryPerEndpointKiB: ENVOY_MEMORY_PER_ENDPOINT_KIB, // Envoy's memory test: 1,380 bytes per host
  tlsHandshakeCpuMs: ENVOY_RSA_HANDSHAKE_CPU_MS, // ASSUMPTION: RSA-2048 certificates
  // The controller's injector requests 10m for the Envoy container and sets no CPU limit (appmesh-controller
  // `sidecar.resources`, docs/sources.md#appmesh-controller-values).
  cpuRequestCores: APP_MESH_ENVOY_CPU_REQUEST_CORES,
  memoryRequestMiB: APP_MESH_ENVOY_MEMORY_REQUEST_MIB, // `sidecar.resources.requests.memory: 32Mi`
};

/** Recommended Envoy container CPU: 512 CPU units = 0.5 vCPU (envoy.md); a reservation, not a use. */
export const APP_MESH_RECOMMENDED_VCPU = 0.5;

/** What the App Mesh profile reproduces: the borrowed Envoy figures (assumption). */
export const APP_MESH_CITED: CitedFigures = {
  ...ISTIO_SIDECAR_CITED['1.9-1.16'],
  memoryMB: 64 * 1.048576,
  source:
    'ASSUMPTION: Istio 1.9–1.16 Envoy latency and CPU; memory 64 MiB recommended (aws-app-mesh-user-guide envoy.md)',
  assumption: true,
};

/**
 * Assumptions printed with every `app-mesh` run whose Envoy profile is `sidecar`: the borrowed figures only where the
 * App Mesh profile gave them (the scenario's own are listed by `shapeAssumptions`).
 */
export function appMeshAssumptions(sidecar: MeshProfile): readonly string[] {
  const gave = (field: ProxyProfileField): boolean => shapeGave(sidecar, field);
  const istio = andList([gave('latencyMs') && 'latency', gave('cpuMsPerRequest') && 'CPU']);
  const borrowed = [
    istio === '' ? '' : `the Istio 1.9–1.16 ${istio} (Envoy 1.18 era)`,
    gave('memoryBaseMiB') ? 'the recommended 64 MiB as its memory' : '',
  ].filter((part) => part !== '');
  const many = [gave('latencyMs'), gave('cpuMsPerRequest'), gave('memoryBaseMiB')].filter(Boolean).length > 1;
  const reserve = 'AWS recommends reserving 512 CPU units per Envoy.';
  return [
    borrowed.length === 0
      ? `app-mesh: ${reserve}`
      : `app-mesh: ${gave('latencyMs') ? 'no App Mesh latency figure exists; ' : ''}the Envoy sidecar uses ` +
        `${andList(borrowed)} (${many ? 'assumptions' : 'an assumption'}). ${reserve}`,
    'app-mesh: defaults of meshes in accounts created after 2020-07-29 (envoy-defaults.md): an implicit retry policy (2 retries on 503, connect-failure, refused-stream, reset) and circuit breakers effectively disabled; route timeout 15 s. Set appMeshLegacyAccount for older accounts (Envoy breaker defaults 1024/1024/1024/3, no implicit retries).',
    'app-mesh: App Mesh reaches end of support on 2026-09-30 (AWS Containers blog).',
  ];
}
