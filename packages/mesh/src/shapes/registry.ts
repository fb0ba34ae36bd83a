// The registry of mesh shapes: the built-in ones, plus any a user registers (registerMeshShape.ts). Every list of
// shapes the model, the scenario schema, the CLI, `compare` and the docs show comes from here.

import { removeEnforcerKinds } from '../config/enforcerKinds.js';
import type { MeshConfigBase } from '../config/MeshConfig.js';
import { BUILT_IN_SHAPES } from './builtInShapes.js';
import type { MeshShape } from './MeshShape.js';

const shapes = new Map<string, MeshShape<MeshConfigBase>>(
  BUILT_IN_SHAPES.map((shape) => [shape.name, shape]),
);

/** A shape name: lowercase letters, digits and `-`, starting with a letter (as in scenario files). */
const SHAPE_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Adds `shape` to the registry (registerMeshShape.ts checks it first). Throws when its name is malformed or taken.
 */
export function addMeshShape(shape: MeshShape<MeshConfigBase>): void {
  if (!SHAPE_NAME.test(shape.name)) {
    throw new Error(
      `registerMeshShape: name must be lowercase letters, digits and "-", starting with a letter (got ${JSON.stringify(shape.name)})`,
    );
  }
  if (shapes.has(shape.name)) {
    throw new Error(`registerMeshShape: a mesh shape named "${shape.name}" is already registered`);
  }
  shapes.set(shape.name, shape);
}

/** Whether `name` is a built-in shape (not one a user registered). */
export function isBuiltInMeshShape(name: string): boolean {
  return BUILT_IN_SHAPES.some((shape) => shape.name === name);
}

/** Removes a shape a user registered, with the enforcer kinds it declared (built-in shapes stay). Returns whether one was removed. */
export function unregisterMeshShape(name: string): boolean {
  if (isBuiltInMeshShape(name)) return false;
  removeEnforcerKinds(name);
  return shapes.delete(name);
}

/** The names of every registered shape, built-in ones first, in registration order. */
export function meshShapeNames(): string[] {
  return [...shapes.keys()];
}

/** Whether `name` is a registered shape. */
export function isMeshShapeName(name: unknown): name is string {
  return typeof name === 'string' && shapes.has(name);
}

/** The shape `name`; throws naming `mesh.shape` and the registered shapes when there is none. */
export function meshShape(name: string): MeshShape<MeshConfigBase> {
  const shape = shapes.get(name);
  if (shape === undefined) {
    throw new Error(`mesh.shape must be one of ${meshShapeNames().join(', ')} (got ${JSON.stringify(name)})`);
  }
  return shape;
}

/** Every registered shape, in the order of {@link meshShapeNames}. */
export function meshShapes(): MeshShape<MeshConfigBase>[] {
  return [...shapes.values()];
}
