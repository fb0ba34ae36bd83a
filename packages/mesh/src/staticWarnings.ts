// The warnings a run of a config gives that need no run: those of building its model (placement and Pending pods,
// CPU requests and limits, timeouts, mesh options a shape does not use, waypoints, faults outside the run, policies
// a hop cannot enforce, a loadTrigger: false with no spike to leave out…), found by building it — the very checks a
// run makes — without running it.

import { Engine } from '@meshsim/engine';
import { buildModel } from './assembly/buildModel.js';
import { createEveryClient } from './assembly/createEveryClient.js';
import { checkConfig } from './checkConfig.js';
import type { ConfigWarning } from './config/ConfigWarning.js';
import type { SimulationConfig } from './config/SimulationConfig.js';

/**
 * The warnings `simulate(config)` gives before its first event, each with the scenario field it is about when it is
 * about one — without running it (`meshsim validate` prints them). A run makes a caller's client, and so warns about
 * the policies of its calls, when the caller first calls; here every instance's clients are made, so a policy of a
 * call a run never makes is warned of too. What only a run can tell (CPU starvation, traffic sources waiting for
 * connections, a fault that finds nothing to break) is not here. Each warning is a string of
 * `simulate(config).warnings`, or of a longer run's.
 *
 * @throws the errors of `simulate` for an invalid config (naming the field).
 * @example
 * ```ts
 * for (const { message, path } of staticWarnings(config)) console.warn(path?.join('.') ?? '-', message);
 * ```
 */
export function staticWarnings(config: SimulationConfig): ConfigWarning[] {
  checkConfig(config, 'staticWarnings');
  const model = buildModel(config, new Engine());
  createEveryClient(model);
  return [...model.warnings.entries()];
}
