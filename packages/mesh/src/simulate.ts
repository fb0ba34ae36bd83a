// Entry point of the mesh model: build a simulation from a resolved config, run it, collect the results.

import type { SimulationConfig } from './config/SimulationConfig.js';
import type { SimulationResult } from './config/SimulationResult.js';
import { Simulation } from './Simulation.js';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Called every simulated second with progress [ms]. */
  onProgress?: (simulatedMs: number, totalMs: number) => void;
}

/** Runs a simulation to `config.durationMs` and returns its metrics. Same config ⇒ identical result. */
export function simulate(config: SimulationConfig, options: SimulateOptions = {}): SimulationResult {
  return new Simulation(config, options.onProgress).run();
}
