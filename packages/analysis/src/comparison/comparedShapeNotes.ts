// What a comparison says of one shape that its result does not carry, read from the scenario's config under that
// shape: the load balancer its called services use, and the warning on proxy resources it borrows from the scenario.

import type { SimulationConfig } from '@meshsim/mesh';
import { applyOverrides } from '@meshsim/scenario';

import { borrowedProxyResources } from './borrowedProxyResources.js';
import { effectiveLoadBalancer } from './effectiveLoadBalancer.js';

/** What {@link comparedShapeNotes} finds for one compared shape. */
export interface ComparedShapeNotes {
  /** The load balancer(s) the shape's called services use ({@link effectiveLoadBalancer}). */
  loadBalancer: string;
  /** Warnings to add to the shape's own: proxy resources it takes from the scenario ({@link borrowedProxyResources}). */
  warnings: string[];
}

/**
 * The load balancer and the comparison warnings of `shape` when the scenario of `config` is compared under it. The
 * shape's config is `config` itself for the scenario's own shape, else `applyOverrides(config, { mesh: shape })` — the
 * scenario's mesh options kept, the rest the shape's defaults — as `meshsim compare` runs each shape.
 *
 * @param config - The scenario's config under its own mesh (as loaded: `loadScenario`, `loadScenarioFile`, …).
 * @param shape - A registered mesh shape's name (a result's `scenario.mesh`).
 * @throws RangeError if `shape` is not a registered mesh shape (from `applyOverrides`).
 * @example
 * ```ts
 * const config = loadScenario('steady-3tier');
 * comparedShapeNotes(config, 'linkerd'); // { loadBalancer: 'peak-ewma', warnings: [] }
 * ```
 */
export function comparedShapeNotes(config: SimulationConfig, shape: string): ComparedShapeNotes {
  const shapeConfig = shape === config.mesh.shape ? config : applyOverrides(config, { mesh: shape });
  const borrowed = borrowedProxyResources(config.mesh.shape, shapeConfig);
  return {
    loadBalancer: effectiveLoadBalancer(shapeConfig),
    warnings: borrowed === null ? [] : [borrowed],
  };
}
