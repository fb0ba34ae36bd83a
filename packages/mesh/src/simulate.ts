// Entry point of the mesh model: build a simulation from a resolved config, run it, collect the results.

import type { SimulationConfig } from './config/SimulationConfig.js';
import type { SimulationResult } from './config/SimulationResult.js';
import type { TelemetryOptions } from './config/Telemetry.js';
import { Simulation } from './Simulation.js';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Called every simulated second with progress [ms]. */
  onProgress?: (simulatedMs: number, totalMs: number) => void;
  /** Request series and sampled traces to record in `result.telemetry`; nothing by default. */
  telemetry?: TelemetryOptions;
}

/** Runs a simulation to `config.durationMs` and returns its metrics. Same config ⇒ identical result. */
export function simulate(config: SimulationConfig, options: SimulateOptions = {}): SimulationResult {
  return new Simulation(config, options.onProgress, options.telemetry).run();
}
