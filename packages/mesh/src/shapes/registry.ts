// The registry of mesh shapes: the built-in ones, plus any a user registers. Every list of shapes the
// model, the scenario schema, the CLI, `compare` and the docs show comes from here.

import type { MeshConfigBase } from '../config/MeshConfig.js';
import { BUILT_IN_SHAPES } from './builtInShapes.js';
import type { MeshShape } from './MeshShape.js';

const shapes = new Map<string, MeshShape<MeshConfigBase>>(
  BUILT_IN_SHAPES.map((shape) => [shape.name, shape]),
);

/** A shape name: lowercase letters, digits and `-`, starting with a letter (as in scenario files). */
const SHAPE_NAME = /^[a-z][a-z0-9-]*$/;

/** The functions a shape must have. */
const REQUIRED_FUNCTIONS = ['resolve', 'assumptions', 'createDataPlane'] as const;

/** The functions a shape may have: a function when given. */
const OPTIONAL_FUNCTIONS = ['podRequests', 'profiles'] as const;

/** Throws naming the first field of `shape` that is not what a {@link MeshShape} needs (for a shape built untyped). */
function checkShapeObject(shape: unknown): void {
  if (typeof shape !== 'object' || shape === null) {
    throw new TypeError(`registerMeshShape: shape must be a MeshShape object (got ${String(shape)})`);
  }
  const fields = shape as Record<string, unknown>;
  if (typeof fields.name !== 'string') {
    throw new TypeError(`registerMeshShape: name must be a string (got ${String(fields.name)})`);
  }
  const where = `registerMeshShape("${fields.name}")`;
  if (typeof fields.summary !== 'string' || fields.summary === '') {
    throw new TypeError(`${where}: summary must be a non-empty string (got ${String(fields.summary)})`);
  }
  const row = fields.capabilityRow as Record<string, unknown> | null | undefined;
  if (
    typeof row !== 'object' ||
    row === null ||
    typeof row.client !== 'string' ||
    typeof row.server !== 'string'
  ) {
    throw new TypeError(`${where}: capabilityRow must be { client: string, server: string }`);
  }
  for (const key of REQUIRED_FUNCTIONS) {
    if (typeof fields[key] !== 'function') {
      throw new TypeError(`${where}: ${key} must be a function (got ${typeof fields[key]})`);
    }
  }
  for (const key of OPTIONAL_FUNCTIONS) {
    if (fields[key] !== undefined && typeof fields[key] !== 'function') {
      throw new TypeError(`${where}: ${key} must be a function when given (got ${typeof fields[key]})`);
    }
  }
}

/**
 * Adds a mesh shape: from now on scenarios, the CLI, `compare` and the capability matrix accept it.
 * A registered name is not replaced: {@link unregisterMeshShape} it first.
 *
 * @throws {TypeError} if `shape` lacks a string `name`, a non-empty `summary`, a `capabilityRow` of two strings
 *   or one of the functions `resolve`, `assumptions`, `createDataPlane` (or gives a `podRequests` or `profiles` that is
 *   not one).
 * @throws {Error} if the name is malformed or already taken.
 */
export function registerMeshShape<C extends MeshConfigBase>(shape: MeshShape<C>): void {
  checkShapeObject(shape);
  if (!SHAPE_NAME.test(shape.name)) {
    throw new Error(
      `registerMeshShape: name must be lowercase letters, digits and "-", starting with a letter (got ${JSON.stringify(shape.name)})`,
    );
  }
  if (shapes.has(shape.name)) {
    throw new Error(`registerMeshShape: a mesh shape named "${shape.name}" is already registered`);
  }
  shapes.set(shape.name, shape as unknown as MeshShape<MeshConfigBase>);
}

/** Removes a shape a user registered (built-in shapes stay). Returns whether one was removed. */
export function unregisterMeshShape(name: string): boolean {
  if (BUILT_IN_SHAPES.some((shape) => shape.name === name)) return false;
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
