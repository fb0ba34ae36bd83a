// List prices for putting a monthly price on the mesh's resources. ASSUMPTION: prices recalled from the
// AWS pricing pages for us-east-1 as of 2024; verify before quoting (docs/sources.md#aws-prices).

import type { PriceTable } from '../../config/MeshConfig.js';

/** Hours in the billing month used for `costPerMonthUsd` (AWS bills 730 hours a month). */
export const HOURS_PER_MONTH = 730;

/**
 * AWS us-east-1 list prices (ASSUMPTION, as of 2024): Fargate Linux/x86 on-demand $0.04048 per
 * vCPU-hour and $0.004445 per GB-hour (aws.amazon.com/fargate/pricing); VPC Lattice $0.025 per
 * service-hour, $0.025 per GB processed, $0.10 per million requests beyond the first 300,000 requests of each
 * service in each hour (aws.amazon.com/vpc/lattice/pricing; docs/sources.md#aws-prices).
 */
export const AWS_US_EAST_1_PRICES: PriceTable = {
  label:
    'AWS us-east-1 list prices as of 2024 (assumption: Fargate vCPU-hour $0.04048, GB-hour $0.004445; VPC Lattice $0.025/service-hour, $0.025/GB, $0.10/million requests beyond 300,000 per service-hour)',
  vcpuHourUsd: 0.04048,
  gibHourUsd: 0.004445,
  latticeServiceHourUsd: 0.025,
  latticeGbUsd: 0.025,
  latticeMillionRequestsUsd: 0.1,
};

/**
 * Requests each Lattice service receives free in each hour: the pricing page's free tier, deducted from each
 * service's hourly count before the per-request price (docs/sources.md#aws-prices).
 */
export const LATTICE_FREE_REQUESTS_PER_SERVICE_HOUR = 300_000;

/** Monthly price of an average CPU use and a memory size [USD]. */
export function computeCostPerMonthUsd(prices: PriceTable, cpuCores: number, memoryMiB: number): number {
  return HOURS_PER_MONTH * (cpuCores * prices.vcpuHourUsd + (memoryMiB / 1024) * prices.gibHourUsd);
}

/**
 * Monthly price of VPC Lattice [USD]: `services` Lattice services, plus the run's request and byte rates
 * extrapolated to a month. `requestsPerSecond`: each billed service's request rate; AWS counts each service's
 * requests per hour and bills those beyond {@link LATTICE_FREE_REQUESTS_PER_SERVICE_HOUR}, so a service under
 * 300,000 requests an hour (83.3 requests/s) pays none (every hour of the month is taken to have the run's rate).
 */
export function latticeCostPerMonthUsd(
  prices: PriceTable,
  services: number,
  requestsPerSecond: readonly number[],
  kibPerSecond: number,
): number {
  const seconds = HOURS_PER_MONTH * 3600;
  let billedPerHour = 0;
  for (const rate of requestsPerSecond) {
    billedPerHour += Math.max(0, rate * 3600 - LATTICE_FREE_REQUESTS_PER_SERVICE_HOUR);
  }
  return (
    HOURS_PER_MONTH * services * prices.latticeServiceHourUsd +
    ((billedPerHour * HOURS_PER_MONTH) / 1e6) * prices.latticeMillionRequestsUsd +
    ((kibPerSecond * 1024 * seconds) / 1e9) * prices.latticeGbUsd
  );
}

/** Assumption printed when prices are on. */
export function priceAssumption(prices: PriceTable): string {
  const fargate =
    prices.vcpuHourUsd === AWS_US_EAST_1_PRICES.vcpuHourUsd &&
    prices.gibHourUsd === AWS_US_EAST_1_PRICES.gibHourUsd;
  return (
    `costPerMonthUsd prices average proxy CPU and modelled memory for a 730-hour month at ${prices.label}; Fargate bills reserved, not used, resources (requestedCostPerMonthUsd prices what the mesh's containers request). ` +
    `The ${fargate ? 'Fargate' : "scenario's vCPU-hour and GB-hour"} rates stand for a vCPU-hour and a GB-hour of any capacity, per-node proxies included (Fargate itself runs no DaemonSets; EC2 nodes bought whole cost otherwise), and the extra nodes a mesh's requests need are counted, not priced.`
  );
}
