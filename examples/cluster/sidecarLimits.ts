// What a sidecar's own CPU limit costs: the shop of examples/cluster/ as imported, with frontend's sidecars
// given limits of their own (the `sidecar.istio.io/proxyCPULimit` pod annotation, `proxyCpuLimit` in a
// scenario), from above Istio's 2-core default down past what the sidecars need.

import type { SimulationConfig } from 'meshsim';

import { runVariants } from './cpuLimits.js';
import type { VariantRow } from './cpuLimits.js';

/** The service whose sidecars the variants limit: frontend, the busiest (every shopper's request passes it). */
export const SIDECAR_LIMITS_SERVICE = 'frontend';

/** One run: frontend's sidecars with `proxyCpuLimitCores` (undefined: the mesh's default, Istio's 2 cores). */
export interface SidecarLimitVariant {
  label: string;
  proxyCpuLimitCores?: number;
}

/** The rows of `npx -y pnpm@10 --filter @meshsim/examples sidecar-limits`. */
export const SIDECAR_LIMIT_VARIANTS: readonly SidecarLimitVariant[] = [
  { label: "Istio's default (2 cores: 2 workers)" },
  { label: '4 cores (4 workers)', proxyCpuLimitCores: 4 },
  { label: '100m (1 worker)', proxyCpuLimitCores: 0.1 },
  { label: '50m (1 worker)', proxyCpuLimitCores: 0.05 },
  { label: '40m (1 worker)', proxyCpuLimitCores: 0.04 },
];

/**
 * `config` with {@link SIDECAR_LIMITS_SERVICE}'s sidecar limit set as `variant` says; a limit below the mesh's sidecar
 * request brings the request down to it (`sidecar.istio.io/proxyCPU` too), since Kubernetes refuses a pod whose request
 * is above its limit.
 */
export function withSidecarLimit(config: SimulationConfig, variant: SidecarLimitVariant): SimulationConfig {
  const limit = variant.proxyCpuLimitCores;
  if (limit === undefined) return config;
  const meshRequest = 'sidecar' in config.mesh ? config.mesh.sidecar.cpuRequestCores : undefined;
  const request = meshRequest !== undefined && meshRequest > limit ? { proxyCpuRequestCores: limit } : {};
  const services = config.services.map((service) =>
    service.name === SIDECAR_LIMITS_SERVICE ? { ...service, proxyCpuLimitCores: limit, ...request } : service,
  );
  return { ...config, services };
}

/** One row of the comparison. */
export type SidecarLimitRow = VariantRow;

/** Runs every variant of frontend's sidecar limit for `durationMs` of simulated time (same seed, same arrivals). */
export function runSidecarLimits(durationMs: number, variants = SIDECAR_LIMIT_VARIANTS): SidecarLimitRow[] {
  return runVariants(durationMs, variants, withSidecarLimit);
}

/** The comparison as a Markdown table: the shoppers' latency and success, frontend's sidecar throttling. */
export function sidecarLimitsTable(rows: readonly SidecarLimitRow[]): string {
  const lines = [
    "| frontend's sidecars | success (%) | p50 (ms) | p99 (ms) | their throttled time, summed over containers (s) | traversals that waited for a worker (all sidecars) |",
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { label, result } of rows) {
    const entry = result.edges.find((edge) => edge.source === 'shoppers');
    const frontend = result.services.find((service) => service.name === SIDECAR_LIMITS_SERVICE);
    const sidecars = result.proxies.byKind.find((kind) => kind.kind === 'envoy-sidecar');
    if (entry === undefined || frontend === undefined || sidecars === undefined)
      throw new Error('the imported shop has no shoppers, frontend or sidecars');
    lines.push(
      `| ${label} | ${entry.successRate === null ? '–' : (entry.successRate * 100).toFixed(1)} | ${entry.latency.p50Ms.toFixed(1)} | ` +
        `${entry.latency.p99Ms.toFixed(1)} | ${(frontend.sidecarThrottledMs / 1000).toFixed(1)} | ` +
        `${sidecars.queued.toLocaleString('en-US')} |`,
    );
  }
  return lines.join('\n') + '\n';
}
