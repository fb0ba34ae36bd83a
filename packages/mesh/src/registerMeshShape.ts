// Registering a mesh shape of the user's: the object checked, its config from empty options checked, and a trial run,
// so that a shape that would fail later fails here, naming itself and the field. At the top of src/: the trial run
// simulates, which no folder below may import.

import { addEnforcerKinds } from './config/enforcerKinds.js';
import type { MeshConfigBase } from './config/MeshConfig.js';
import { checkEnforcers } from './shapes/checkEnforcers.js';
import { checkResolvedShape } from './shapes/checkResolvedShape.js';
import { checkShapeObject } from './shapes/checkShapeObject.js';
import type { MeshShape } from './shapes/MeshShape.js';
import { addMeshShape, unregisterMeshShape } from './shapes/registry.js';
import { OTHER_SHAPES } from './shapes/resolveMeshConfig.js';
import { checkShapeOptionDeclarations } from './shapes/shapeOptions.js';
import { trialRun } from './trialRun.js';

/**
 * Adds a mesh shape: from now on scenarios, the CLI, `compare` and the capability matrix accept it (in this thread:
 * a worker thread imports the shape's module itself, see `loadShapeModule`). A registered name is not replaced:
 * {@link unregisterMeshShape} it first. The shape is checked first: resolved once from `{ shape: name }`, its config
 * must name it, the enforcer kinds it declares (`enforcers`) must be new and name known policies, and its proxy profiles (those `profiles` lists, and any config field with a `latencyMs`) must be whole
 * and valid; then a trial run of it (two services, 100 ms) must succeed (an unknown enforcer kind fails there).
 *
 * @throws {TypeError} if `shape` lacks a string `name`, a non-empty `summary`, a `capabilityRow` of two strings
 *   or one of the functions `resolve`, `assumptions`, `createDataPlane` (or gives a `podRequests` or `profiles` that is
 *   not one).
 * @throws {Error} if the name is malformed or already taken, or a check fails: `registerMeshShape("kuma"): profile
 *   sidecar.latencyMs.p99 must be > median (1) (got 0.5)`. The registry is then as it was.
 */
export function registerMeshShape<C extends MeshConfigBase, O extends object = Record<never, never>>(
  shape: MeshShape<C, O>,
): void {
  checkShapeObject(shape);
  checkEnforcers(shape.name, shape.enforcers);
  checkShapeOptionDeclarations(shape as unknown as MeshShape<MeshConfigBase>);
  const registered = shape as unknown as MeshShape<MeshConfigBase>;
  addMeshShape(registered);
  try {
    addEnforcerKinds(shape.name, shape.enforcers ?? {});
    trialRun(checkResolvedShape(registered, OTHER_SHAPES));
  } catch (error) {
    unregisterMeshShape(shape.name);
    throw error;
  }
}
