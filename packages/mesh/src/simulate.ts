// Entry point of the mesh model: build a simulation from a resolved config, run it, collect the results.

import type { SimulationConfig } from './config/SimulationConfig.js';
import type { SimulationResult } from './config/SimulationResult.js';
import type { SimulateOptions } from './SimulateOptions.js';
import { Simulation } from './Simulation.js';

/**
 * Runs a simulation to `config.durationMs` and returns its metrics. Same config ⇒ identical result.
 * A guard (a Zeno loop, `maxEvents`, a stop from `onCheck`) ends the run early: the result then holds
 * what was measured until then and says why in `stopped`; it never throws for that.
 */
export function simulate(config: SimulationConfig, options: SimulateOptions = {}): SimulationResult {
  return new Simulation(config, options).run();
}
