// From a cluster's own manifests to what its CPU limits cost: import the Deployments (their containers' CPU
// requests and limits), the Nodes (zones, node count, allocatable CPU) and a --graph fragment (calls, service
// times, load), then run it as imported and with one service's limit raised, side by side.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { applyOverrides, importScenario, parseScenario, simulate } from 'meshsim';
import type { SimulationConfig, SimulationResult } from 'meshsim';

/** The example's inputs: `k8s.yaml` (manifests), `nodes.yaml` (`kubectl get nodes -o yaml`), `graph.yaml`. */
export const CLUSTER_DIR = dirname(fileURLToPath(import.meta.url));

/** One run of the comparison: the imported scenario, with `service`'s CPU limit replaced (null: none). */
export interface CpuLimitVariant {
  label: string;
  /** New limit of {@link CPU_LIMITS_SERVICE} [cores]; undefined keeps the imported one, null removes it. */
  limitCores?: number | null;
}

/** The service whose limit the variants change: checkout, limited to 300m in k8s.yaml. */
export const CPU_LIMITS_SERVICE = 'checkout';

/** The rows of `npx -y pnpm@10 --filter @meshsim/examples cpu-limits`. */
export const CPU_LIMIT_VARIANTS: readonly CpuLimitVariant[] = [
  { label: 'as imported (checkout limited to 300m)' },
  { label: 'checkout limited to 1 core', limitCores: 1 },
  { label: 'checkout without a limit', limitCores: null },
];

/** The imported scenario, and the import's warnings as printed. */
export function importCluster(): { config: SimulationConfig; warnings: number } {
  const { scenario, warnings } = importScenario(
    [join(CLUSTER_DIR, 'k8s.yaml'), join(CLUSTER_DIR, 'nodes.yaml')],
    { graph: join(CLUSTER_DIR, 'graph.yaml') },
  );
  return { config: parseScenario(scenario, 'shop-cpu-limits.yaml'), warnings: warnings.length };
}

/** `config` with {@link CPU_LIMITS_SERVICE}'s CPU limit set as `variant` says. */
export function withLimit(config: SimulationConfig, variant: CpuLimitVariant): SimulationConfig {
  const limitCores = variant.limitCores;
  if (limitCores === undefined) return config;
  const services = config.services.map((service) => {
    if (service.name !== CPU_LIMITS_SERVICE) return service;
    const { cpuLimitCores: _imported, ...rest } = service;
    return limitCores === null ? rest : { ...rest, cpuLimitCores: limitCores };
  });
  return { ...config, services };
}

/** One row of a comparison of the imported cluster's variants. */
export interface VariantRow {
  label: string;
  result: SimulationResult;
}

/** One row of the CPU-limit comparison. */
export type CpuLimitRow = VariantRow;

/**
 * Runs the imported cluster once per variant, changed by `apply`, for `durationMs` of simulated time (same seed,
 * same arrivals).
 */
export function runVariants<V extends { label: string }>(
  durationMs: number,
  variants: readonly V[],
  apply: (config: SimulationConfig, variant: V) => SimulationConfig,
): VariantRow[] {
  const { config } = importCluster();
  return variants.map((variant) => ({
    label: variant.label,
    result: simulate(applyOverrides(apply(config, variant), { durationMs })),
  }));
}

/** Runs every variant of checkout's limit. */
export function runCpuLimits(durationMs: number, variants = CPU_LIMIT_VARIANTS): CpuLimitRow[] {
  return runVariants(durationMs, variants, withLimit);
}

/** The comparison as a Markdown table: the shoppers' latency and success, checkout's CPU and throttling. */
export function cpuLimitsTable(rows: readonly CpuLimitRow[]): string {
  const lines = [
    '| variant | success (%) | p50 (ms) | p99 (ms) | checkout CPU (cores) | checkout throttled, summed over containers (s) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { label, result } of rows) {
    const entry = result.edges.find((edge) => edge.source === 'shoppers');
    const checkout = result.services.find((service) => service.name === CPU_LIMITS_SERVICE);
    if (entry === undefined || checkout === undefined)
      throw new Error('the imported shop has no shoppers or checkout');
    lines.push(
      `| ${label} | ${entry.successRate === null ? '–' : (entry.successRate * 100).toFixed(1)} | ${entry.latency.p50Ms.toFixed(1)} | ` +
        `${entry.latency.p99Ms.toFixed(1)} | ${checkout.cpuCores.toFixed(2)} | ${(checkout.cpuThrottledMs / 1000).toFixed(1)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
