// Options in, resolved config out: the mesh config of written options under their shape, and the
// assumptions a run of a config prints. Both go through the shape registry.

import type { MeshConfig, MeshOptions } from '../config/MeshConfig.js';
import type { OtherShapes } from './MeshShape.js';
import { meshShape } from './registry.js';
import { priceAssumption } from './dataplane/prices.js';

const others: OtherShapes = { resolve: resolveMeshConfig, assumptions: meshAssumptions };

/**
 * The mesh config of `options`: the shape's defaults, with every written option in place. Throws
 * naming `mesh.shape` for an unknown shape, or the field for an invalid option.
 *
 * @example
 * ```ts
 * const mesh = resolveMeshConfig({ shape: 'istio-sidecar', istioVersion: '1.4' });
 * ```
 */
export function resolveMeshConfig(options: MeshOptions): MeshConfig {
  // A user-registered shape resolves to its own config type; the union names the built-in ones.
  return meshShape(options.shape).resolve(options, others) as MeshConfig;
}

/**
 * The assumptions of a run of `config`: its shape's (and its layers'), plus the price note when
 * prices are on and the shape runs anything to price.
 */
export function shapeAssumptions(config: MeshConfig): string[] {
  const notes = [...meshAssumptions(config)];
  if (config.prices !== null && config.shape !== 'none') notes.push(priceAssumption(config.prices));
  return notes;
}

function meshAssumptions(config: MeshConfig): readonly string[] {
  return meshShape(config.shape).assumptions(config, others);
}
