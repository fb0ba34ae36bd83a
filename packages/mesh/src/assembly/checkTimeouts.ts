// Warns about a call whose timeout is shorter than half its callee's mean service time: most of its calls time out
// before the callee could answer — often a unit slip (a bare number is milliseconds: `timeout: 1` is 1 ms, not 1 s).

import { distributionMean } from '@meshsim/engine';

import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { Warnings } from '../ports/Warnings.js';

/** Adds one warning per call whose overall or per-try timeout is below half the callee's mean service time. */
export function checkTimeouts(config: SimulationConfig, warnings: Warnings): void {
  const meanMs = new Map(config.services.map((s) => [s.name, distributionMean(s.serviceTimeMs)] as const));
  for (const service of config.services) {
    for (const stage of service.calls) {
      for (const call of stage) {
        const calleeMs = meanMs.get(call.to);
        if (calleeMs === undefined || !Number.isFinite(calleeMs) || calleeMs <= 0) continue;
        const { timeoutMs, perTryTimeoutMs } = call.policy;
        const shortest = Math.min(timeoutMs, perTryTimeoutMs);
        if (!(shortest < calleeMs / 2)) continue;
        const which = perTryTimeoutMs < timeoutMs ? 'per-try timeout' : 'timeout';
        warnings.add(
          `${service.name} → ${call.to}: its ${which} (${formatMs(shortest)}) is under half of ${call.to}'s mean ` +
            `service time (${formatMs(calleeMs)}), so most calls time out before ${call.to} can answer (a bare ` +
            'number is milliseconds: write 1s for a second)',
        );
      }
    }
  }
}

/** A duration [ms] for a message: `1 ms`, `0.25 ms`, `1,500 ms`. */
function formatMs(ms: number): string {
  return `${Number(ms.toPrecision(3)).toLocaleString('en-US')} ms`;
}
