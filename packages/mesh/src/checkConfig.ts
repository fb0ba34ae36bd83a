// The checks a config meets before a model is built from it (by `simulate` and by `staticWarnings`).

import { checkConfigReferences } from './config/checkConfigReferences.js';
import { checkConfigBounds } from './config/rules/checkConfigBounds.js';
import { checkConfigValues } from './config/rules/checkConfigValues.js';
import type { SimulationConfig } from './config/SimulationConfig.js';

/**
 * Throws naming the field if `config` is not a config a model can be built from.
 * @throws {TypeError} if it is not an object, or an object the run needs is missing (checkConfigValues).
 * @throws {RangeError} if a field is out of bounds or not one of its values (checkConfigValues, checkConfigBounds).
 * @throws {Error} if it refers to a service the config does not define, or its calls form a cycle (checkConfigReferences).
 */
export function checkConfig(config: SimulationConfig, caller: string): void {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${caller}: config must be a SimulationConfig object (got ${String(config)})`);
  }
  checkConfigValues(config);
  checkConfigBounds(config);
  checkConfigReferences(config);
}
