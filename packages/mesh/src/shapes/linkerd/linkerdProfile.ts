// Linkerd (linkerd2-proxy, Rust) profiles, derived from the Buoyant benchmarks (docs/sources.md#linkerd-bench-2021-05,
// #linkerd-bench-2021-11): no per-rps figure exists, so each profile scales the Istio sidecar profile of the
// release it is compared with by that run's Linkerd/Istio ratios. Labelled derived.

import type { LinkerdVersion, ProxyProfile, ProxyProfileField } from '../../config/MeshConfig.js';
import type { CitedFigures } from '../dataplane/CitedFigures.js';
import { mbToMiB } from '../dataplane/CitedFigures.js';
import { ECDSA_HANDSHAKE_CPU_MS } from '../istio-ambient/ambientProfiles.js';
import type { IstioSidecarBand } from '../istio-sidecar/istioProfiles.js';
import { ISTIO_SIDECAR_CITED, ISTIO_SIDECAR_PROFILES } from '../istio-sidecar/istioProfiles.js';
import type { MeshProfile } from '../profileFields.js';
import { andList, shapeGave } from '../profileNotes.js';

/** Every Linkerd profile, oldest first (for validation and help texts). */
export const LINKERD_VERSIONS: readonly LinkerdVersion[] = ['2.10', '2.11', 'current'];

/** The default profile: today's Istio sidecar scaled by the latest published ratios. */
export const DEFAULT_LINKERD_VERSION: LinkerdVersion = 'current';

/** One derivation: the Istio band it scales and the Buoyant ratios it scales by. */
interface LinkerdDerivation {
  /** The Istio sidecar band whose latency and CPU are scaled. */
  readonly istioBand: IstioSidecarBand;
  /** Linkerd/Istio added median latency in the Buoyant run. */
  readonly latencyRatio: number;
  /** Linkerd/Istio max proxy CPU time in the Buoyant run. */
  readonly cpuRatio: number;
  /** Max memory of any Linkerd proxy [MB, 10⁶ bytes]. */
  readonly memoryMB: number;
  /**
   * Worker threads of a proxy without a CPU limit. 2.10–2.12 set none (`proxy.cores` 0), so the proxy used the CPUs
   * its cgroup allows — a worker per core of its node where nodes have a size (`unlimitedWorkersFromNode`), this
   * where they have none; current releases run one (docs/sources.md#linkerd-proxy-concurrency).
   */
  readonly workers: number;
  /** How it was derived, for the cited figures and the printed assumptions. */
  readonly source: string;
}

/**
 * - `2.10`: Buoyant's May 2021 run, Linkerd 2.10.2 vs Istio 1.10.0 (band 1.9–1.16): added median +9 vs +15 ms,
 *   max proxy CPU time 10 vs 88 ms, max Linkerd proxy memory 17.8 MB.
 * - `2.11`: the November 2021 run, Linkerd 2.11.1 vs Istio 1.12.0 (band 1.9–1.16): +6 vs +17 ms, 36 vs 67 ms, 26.3 MB.
 * - `current`: no benchmark of a current Linkerd exists; today's Istio sidecar (1.20–1.24) scaled by the
 *   latest run's ratios (6/17, 36/67) and the mean of the two runs' memory — an assumption that Linkerd kept
 *   its distance from Istio since 2021.
 */
const DERIVATIONS: Readonly<Record<LinkerdVersion, LinkerdDerivation>> = {
  '2.10': {
    istioBand: '1.9-1.16',
    latencyRatio: 9 / 15,
    cpuRatio: 10 / 88,
    memoryMB: 17.8,
    workers: 2, // ASSUMPTION: nodes without a size (with one, a worker per core of the node)
    source:
      'DERIVED: Istio 1.9–1.16 sidecar latency × 9/15 and CPU × 10/88 (Linkerd 2.10.2 vs Istio 1.10.0, linkerd.io/content/blog/2021/0527-linkerd-vs-istio-benchmarks); memory: max proxy memory in that run',
  },
  '2.11': {
    istioBand: '1.9-1.16',
    latencyRatio: 6 / 17,
    cpuRatio: 36 / 67,
    memoryMB: 26.3,
    workers: 2, // ASSUMPTION: nodes without a size (with one, a worker per core of the node)
    source:
      'DERIVED: Istio 1.9–1.16 sidecar latency × 6/17 and CPU × 36/67 (Linkerd 2.11.1 vs Istio 1.12.0, linkerd.io/content/blog/2021/1129-linkerd-vs-istio-benchmarks); memory: max proxy memory in that run',
  },
  current: {
    istioBand: '1.20-1.24',
    latencyRatio: 6 / 17,
    cpuRatio: 36 / 67,
    memoryMB: (17.8 + 26.3) / 2,
    workers: 1, // the default Helm values: proxy.runtime.workers.minimum 1, no CPU limit
    source:
      'DERIVED: Istio 1.20–1.24 sidecar latency × 6/17 and CPU × 36/67 (the latest Buoyant run, linkerd.io/content/blog/2021/1129-linkerd-vs-istio-benchmarks); memory: mean of the max proxy memory of the two runs',
  },
};

/**
 * The linkerd2-proxy profile of a release. Latency: the Istio band's per-traversal lognormal with median and
 * p99 × the latency ratio (four traversals of two proxies then add the band's two-proxy figure × the ratio;
 * test/shapes/calibration.test.ts checks it). CPU: the band's vCPU per 1000 rps × the CPU ratio. Memory: the
 * run's max proxy memory, plus 1 KiB per discovered endpoint (an assumption).
 */
export function linkerdProxyProfile(version: LinkerdVersion): ProxyProfile {
  return LINKERD_PROXY_PROFILES[version];
}

function derive(derivation: LinkerdDerivation): ProxyProfile {
  const istio = ISTIO_SIDECAR_PROFILES[derivation.istioBand];
  const latency = istio.latencyMs;
  if (latency.kind !== 'lognormal' || !('median' in latency))
    throw new Error('Istio sidecar latency must be a lognormal by median and p99 to scale it');
  return {
    latencyMs: {
      kind: 'lognormal',
      median: latency.median * derivation.latencyRatio, // DERIVED: scaled with the Istio band
      p99: latency.p99 * derivation.latencyRatio,
    },
    workers: derivation.workers,
    cpuMsPerRequest: istio.cpuMsPerRequest * derivation.cpuRatio, // DERIVED
    memoryBaseMiB: mbToMiB(derivation.memoryMB), // the run's max proxy memory (mean of both for `current`)
    memoryPerEndpointKiB: 1, // ASSUMPTION: per endpoint of the services the pod calls (on-demand discovery)
    tlsHandshakeCpuMs: ECDSA_HANDSHAKE_CPU_MS, // Linkerd requires ECDSA P-256 certificates; CPU derived (ASSUMPTION)
  };
}

function citedOf(derivation: LinkerdDerivation): CitedFigures {
  const istio = ISTIO_SIDECAR_CITED[derivation.istioBand];
  return {
    addedP90Ms: istio.addedP90Ms * derivation.latencyRatio,
    addedP99Ms: istio.addedP99Ms * derivation.latencyRatio,
    vcpuPer1000Rps: istio.vcpuPer1000Rps * derivation.cpuRatio,
    memoryMB: derivation.memoryMB,
    source: derivation.source,
    derived: true,
    assumption: false,
  };
}

/** The profile of each Linkerd release. */
export const LINKERD_PROXY_PROFILES: Readonly<Record<LinkerdVersion, ProxyProfile>> = {
  '2.10': derive(DERIVATIONS['2.10']),
  '2.11': derive(DERIVATIONS['2.11']),
  current: derive(DERIVATIONS.current),
};

/** What each Linkerd profile reproduces (derived, see above). */
export const LINKERD_CITED_BY_VERSION: Readonly<Record<LinkerdVersion, CitedFigures>> = {
  '2.10': citedOf(DERIVATIONS['2.10']),
  '2.11': citedOf(DERIVATIONS['2.11']),
  current: citedOf(DERIVATIONS.current),
};

/** The default (`current`) profile. */
export const LINKERD_PROXY_PROFILE: ProxyProfile = LINKERD_PROXY_PROFILES[DEFAULT_LINKERD_VERSION];

/** What the default profile reproduces. */
export const LINKERD_CITED: CitedFigures = LINKERD_CITED_BY_VERSION[DEFAULT_LINKERD_VERSION];

/**
 * Assumptions printed with every `linkerd` run of `version` whose proxy profile is `proxy`: the derivation of the
 * figures the Linkerd profile gave (the scenario's own are listed by `shapeAssumptions`).
 */
export function linkerdAssumptions(version: LinkerdVersion, proxy: MeshProfile): readonly string[] {
  const derivation = DERIVATIONS[version];
  const gave = (field: ProxyProfileField): boolean => shapeGave(proxy, field);
  const fixed3 = (ratio: number): string => ratio.toFixed(3);
  const scaled = [
    gave('latencyMs') ? { what: 'latency', ratio: derivation.latencyRatio } : null,
    gave('cpuMsPerRequest') ? { what: 'CPU', ratio: derivation.cpuRatio } : null,
  ].filter((part) => part !== null);
  const what = andList(scaled.map((part) => part.what));
  const are = scaled.length > 1 ? 'are' : 'is';
  const ratios = `${scaled.map((part) => `${part.what} × ${fixed3(part.ratio)}`).join(', ')}`;
  const notes: string[] = [];
  if (scaled.length > 0)
    notes.push(
      version === 'current'
        ? `linkerd (linkerdVersion current): no benchmark of a current Linkerd exists; ${what} ${are} the Istio ${derivation.istioBand} sidecar's scaled by the latest Buoyant ${scaled.length > 1 ? 'ratios' : 'ratio'} (${ratios}; Linkerd 2.11.1 vs Istio 1.12.0): derived, assuming Linkerd kept its 2021 distance from Istio.`
        : `linkerd (linkerdVersion ${version}): ${what} ${are} the Istio ${derivation.istioBand} sidecar's scaled by the Buoyant run's ${scaled.length > 1 ? 'ratios' : 'ratio'} (${ratios}): derived, not measured.`,
    );
  const memory = [
    gave('memoryBaseMiB')
      ? `proxy memory ${derivation.memoryMB.toFixed(2)} MB is ${version === 'current' ? 'the mean of the maximum of any proxy in the two Buoyant runs (17.8 MB with 2.10.2, 26.3 MB with 2.11.1)' : 'the maximum of any proxy in that Buoyant run'}`
      : '',
    gave('memoryPerEndpointKiB') ? '1 KiB per discovered endpoint is an assumption' : '',
  ].filter((part) => part !== '');
  if (memory.length > 0) notes.push(`linkerd: ${memory.join('; ')}.`);
  if (gave('workers'))
    notes.push(
      version === 'current'
        ? 'linkerd: a proxy runs 1 worker thread without a CPU limit (the default Helm values), the limit rounded up with one.'
        : `linkerd (linkerdVersion ${version}): a proxy without a CPU limit runs a worker per core of its node (it used the CPUs its cgroup allows; 2 on nodes without a size, an assumption), the limit rounded up with one.`,
    );
  notes.push(
    'linkerd: proxies discover destinations on demand, so a proxy holds only the endpoints of the services its pod calls.',
  );
  return notes;
}
