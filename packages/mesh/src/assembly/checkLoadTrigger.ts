// Warns about `loadTrigger: false` on an open-loop source whose rate never changes: its schedule has no stretch above
// its base rate, so the diagnosis takes none of it as a load trigger either way. Never ignored without a word.

import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { Warnings } from '../ports/Warnings.js';

/** Adds one warning, at the field, per open-loop source with `loadTrigger: false` whose points all have one rate. */
export function checkLoadTrigger(config: SimulationConfig, warnings: Warnings): void {
  config.traffic.forEach((source, i) => {
    if (source.kind !== 'open' || source.loadTrigger !== false) return;
    const rps = source.rate[0]?.rps;
    if (rps === undefined || source.rate.some((point) => point.rps !== rps)) return;
    warnings.add(
      `traffic ${source.name}: loadTrigger: false has no effect: its rate never rises above its base rate (a constant ` +
        `${rps.toLocaleString('en-US')} req/s), so the diagnosis finds no load trigger in it either way`,
      ['traffic', i, 'loadTrigger'],
    );
  });
}
