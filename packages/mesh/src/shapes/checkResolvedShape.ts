// What a registered shape resolves to from empty options, checked once when it is registered: a config that names the
// shape, whole, valid proxy profiles (the ones it declares, and any field of its config that is one), and the built-in
// options it read declared.

import type { MeshConfig, MeshConfigBase } from '../config/MeshConfig.js';
import { PROFILE_RULES, checkProfile } from './checkMeshOptionValues.js';
import { configProfiles } from './configProfiles.js';
import type { MeshShape, OtherShapes } from './MeshShape.js';
import { recordOptionReads } from './recordOptionReads.js';
import { checkOptionsDeclared } from './shapeOptions.js';

/** The fields every proxy profile has (ProxyProfile's required ones). */
const REQUIRED_PROFILE_FIELDS = [
  'latencyMs',
  'workers',
  'cpuMsPerRequest',
  'memoryBaseMiB',
  'memoryPerEndpointKiB',
] as const;

/** Throws naming `path.<field>` for a missing required field, an unknown one or an invalid value. */
function checkWholeProfile(profile: Record<string, unknown>, path: string): void {
  for (const field of REQUIRED_PROFILE_FIELDS) {
    if (profile[field] === undefined) {
      throw new TypeError(
        `${path}.${field} is missing (a proxy profile needs ${REQUIRED_PROFILE_FIELDS.slice(0, -1).join(', ')} and ` +
          `${REQUIRED_PROFILE_FIELDS.at(-1) ?? ''})`,
      );
    }
  }
  checkProfile(profile, PROFILE_RULES, path, Object.keys(PROFILE_RULES));
}

/**
 * The config `shape` resolves to from `{ shape: shape.name }`, checked: throws naming the shape (`registerMeshShape
 * ("kuma"): …`) when resolving throws, when the config names another shape, or when a proxy profile of it (one its
 * `profiles` lists, or a field of the config with a `latencyMs`) lacks a field or has an invalid one, or when resolve
 * reads a built-in option (beyond the shared ones) its `usesOptions` does not list.
 */
export function checkResolvedShape(shape: MeshShape<MeshConfigBase>, others: OtherShapes): MeshConfig {
  const where = `registerMeshShape(${JSON.stringify(shape.name)})`;
  const call = `resolve({ shape: ${JSON.stringify(shape.name)} })`;
  let config: MeshConfigBase;
  const { options, read } = recordOptionReads({ shape: shape.name });
  try {
    config = shape.resolve(options, others);
  } catch (error) {
    throw new Error(`${where}: ${call} threw: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (typeof config !== 'object' || config === null || config.shape !== shape.name) {
    const got =
      typeof config === 'object' && config !== null
        ? `a config of shape ${JSON.stringify(config.shape)}`
        : String(config);
    throw new Error(
      `${where}: ${call} returned ${got}; a shape's config must name it: shape ${JSON.stringify(shape.name)} ` +
        `(resolveShared(${JSON.stringify(shape.name)}, options, …) does)`,
    );
  }
  checkOptionsDeclared(shape, read);
  for (const [name, profile] of configProfiles(shape, config, others)) {
    try {
      checkWholeProfile(profile, name);
    } catch (error) {
      throw new Error(`${where}: profile ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
  return config as MeshConfig;
}
