// Builders and lookups for the traffic-management tests: versions, per-version metrics, edges.

import { expect } from 'vitest';
import type {
  EdgeMetrics,
  ServiceMetrics,
  SimulationResult,
  VersionConfig,
  VersionMetrics,
} from '../../src/index.js';

/** A version entry; `weight` null = no weight. */
export function version(
  name: string,
  replicas: number,
  weight: number | null = null,
  overrides: Partial<VersionConfig> = {},
): VersionConfig {
  return { name, replicas, weight, serviceTimeMs: null, errorRate: null, ...overrides };
}

/** The edge `source → destination`; throws when it does not exist. */
export function edgeOf(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

/** The metrics of a service; throws when it does not exist. */
export function serviceOf(result: SimulationResult, name: string): ServiceMetrics {
  const found = result.services.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

/** The metrics of one version of a service. */
export function versionOf(result: SimulationResult, service: string, name: string): VersionMetrics {
  const found = serviceOf(result, service).versions.find((v) => v.name === name);
  if (found === undefined) throw new Error(`no version ${service}/${name}`);
  return found;
}

/** Asserts that `count` out of `n` trials is within `sigmas` standard errors of probability `p`. */
export function expectProportion(count: number, n: number, p: number, sigmas = 3): void {
  expect(n).toBeGreaterThan(0);
  const se = Math.sqrt((p * (1 - p)) / n);
  const observed = count / n;
  expect(
    Math.abs(observed - p),
    `observed ${observed} vs ${p} ± ${sigmas}·${se.toFixed(5)}`,
  ).toBeLessThanOrEqual(sigmas * se);
}

/** Asserts `lowest ≤ value ≤ highest`. */
export function expectBetween(value: number, lowest: number, highest: number): void {
  expect(value).toBeGreaterThanOrEqual(lowest);
  expect(value).toBeLessThanOrEqual(highest);
}
