// Warns about a call whose timeout is shorter than half its callee's mean service time: most of its calls time out
// before the callee could answer — often a unit slip (a bare number is milliseconds: `timeout: 1` is 1 ms, not 1 s).

import { distributionMean } from '@meshsim/engine';

import { callFieldPath } from '../config/ConfigWarning.js';
import type { ScenarioFieldPath } from '../config/ConfigWarning.js';
import type { CallConfig, SimulationConfig } from '../config/SimulationConfig.js';
import type { Warnings } from '../ports/Warnings.js';

/** Adds one warning per call whose overall or per-try timeout is below half the callee's mean service time. */
export function checkTimeouts(config: SimulationConfig, warnings: Warnings): void {
  const meanMs = new Map(config.services.map((s) => [s.name, distributionMean(s.serviceTimeMs)] as const));
  for (const service of config.services) {
    service.calls.forEach((stage, s) => {
      stage.forEach((call, i) => {
        const at = callFieldPath(service.name, s, i, stage.length);
        checkShortTimeout(service.name, call, meanMs.get(call.to), at, warnings);
      });
    });
  }
}

/** The warning of a timeout under half the callee's mean service time (`calleeMs`), if it is. */
function checkShortTimeout(
  caller: string,
  call: CallConfig,
  calleeMs: number | undefined,
  at: ScenarioFieldPath,
  warnings: Warnings,
): void {
  if (calleeMs === undefined || !Number.isFinite(calleeMs) || calleeMs <= 0) return;
  const { timeoutMs, perTryTimeoutMs } = call.policy;
  const shortest = Math.min(timeoutMs, perTryTimeoutMs);
  if (!(shortest < calleeMs / 2)) return;
  const perTry = perTryTimeoutMs < timeoutMs;
  // A per-try timeout may be written on the call or in its `retry`: the warning points at the call then.
  warnings.add(
    `${caller} → ${call.to}: its ${perTry ? 'per-try timeout' : 'timeout'} (${formatMs(shortest)}) is under half of ` +
      `${call.to}'s mean service time (${formatMs(calleeMs)}), so most calls time out before ${call.to} can answer ` +
      '(a bare number is milliseconds: write 1s for a second)',
    perTry ? at : [...at, 'timeout'],
  );
}

/** A duration [ms] for a message: `1 ms`, `0.25 ms`, `1,500 ms`. */
function formatMs(ms: number): string {
  return `${Number(ms.toPrecision(3)).toLocaleString('en-US')} ms`;
}
