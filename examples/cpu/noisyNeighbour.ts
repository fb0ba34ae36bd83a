// The noisy-neighbour example: an API and a CPU-hungry batch worker on one node of 2 cores, run with the two
// services' CPU requests changed — on a saturated node the kernel shares the cores by the pods' and containers'
// weights, which Kubernetes sets from their requests (docs/model.md#node-cpu).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { parseScenario, simulate } from 'meshsim';
import type { SimulationConfig, SimulationResult } from 'meshsim';

/** The scenario file next to this module. */
export const NOISY_NEIGHBOUR_FILE = fileURLToPath(new URL('./noisy-neighbour.yaml', import.meta.url));

/** One run: the API's and the batch worker's CPU requests [cores] (undefined: none). */
export interface RequestVariant {
  label: string;
  apiCores: number | undefined;
  batchCores: number | undefined;
}

/** The rows of `npx -y pnpm@10 --filter @meshsim/examples noisy-neighbour`. */
export const REQUEST_VARIANTS: readonly RequestVariant[] = [
  { label: 'api 250m, batch none (as written)', apiCores: 0.25, batchCores: undefined },
  { label: 'api none, batch none', apiCores: undefined, batchCores: undefined },
  { label: 'api 250m, batch 1 core', apiCores: 0.25, batchCores: 1 },
  { label: 'api 500m, batch 700m', apiCores: 0.5, batchCores: 0.7 },
];

/** The scenario as written. */
export function loadNoisyNeighbour(): SimulationConfig {
  return parseScenario(readFileSync(NOISY_NEIGHBOUR_FILE, 'utf8'), NOISY_NEIGHBOUR_FILE);
}

/** `config` with the API's and the batch worker's CPU requests set as `variant` says. */
export function withRequests(config: SimulationConfig, variant: RequestVariant): SimulationConfig {
  const services = config.services.map((service) => {
    const cores =
      service.name === 'api' ? variant.apiCores : service.name === 'batch' ? variant.batchCores : null;
    if (cores === null) return service;
    const { cpuRequestCores: _written, ...rest } = service;
    return cores === undefined ? rest : { ...rest, cpuRequestCores: cores };
  });
  return { ...config, services };
}

/** One row of the comparison. */
export interface RequestRow {
  label: string;
  result: SimulationResult;
}

/** Runs every variant (same seed, same arrivals). */
export function runNoisyNeighbour(variants = REQUEST_VARIANTS): RequestRow[] {
  const config = loadNoisyNeighbour();
  return variants.map((variant) => ({
    label: variant.label,
    result: simulate(withRequests(config, variant)),
  }));
}

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined ? '–' : value.toFixed(digits);

/** The comparison as a Markdown table. */
export function noisyNeighbourTable(rows: readonly RequestRow[]): string {
  const lines = [
    '| CPU requests | users → api p50 (ms) | users → api p99 (ms) | api CPU wait, summed over tasks (ms per request) | sidecars CPU wait, summed over tasks (ms per request) | batch CPU (cores) | jobs done (/s) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { label, result } of rows) {
    const users = result.edges.find((edge) => edge.source === 'users');
    const jobs = result.edges.find((edge) => edge.source === 'jobs');
    const api = result.services.find((service) => service.name === 'api');
    const batch = result.services.find((service) => service.name === 'batch');
    const perRequest = (ms: number | undefined) =>
      ms === undefined || api === undefined || api.completed === 0 ? undefined : ms / api.completed;
    const seconds = result.scenario.durationMs / 1000;
    lines.push(
      `| ${label} | ${fixed(users?.latency.p50Ms, 2)} | ${fixed(users?.latency.p99Ms, 1)} | ${fixed(perRequest(api?.cpuWaitMs), 2)} | ${fixed(perRequest(api?.sidecarCpuWaitMs), 3)} | ${fixed(batch?.cpuCores, 2)} | ${fixed(jobs === undefined ? undefined : jobs.succeeded / seconds, 1)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
