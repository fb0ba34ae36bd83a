// Warns about a call's timeouts that undo it: a timeout shorter than half its callee's mean service time (most of its
// calls time out before the callee could answer — often a unit slip, `timeout: 1` being 1 ms, which a scenario file's
// own bare-number warning names), retries with no timeout at all (a slow or hung attempt is never retried), and a
// per-try timeout not shorter than the timeout (it never takes effect: the timeout covers every try, as Envoy's).

import { distributionMean } from '@meshsim/engine';

import { callFieldPath } from '../config/ConfigWarning.js';
import type { ScenarioFieldPath } from '../config/ConfigWarning.js';
import type { CallPolicy } from '../config/CallPolicy.js';
import type { CallConfig, SimulationConfig } from '../config/SimulationConfig.js';
import type { Warnings } from '../ports/Warnings.js';

/**
 * Adds one warning per call whose overall or per-try timeout is below half the callee's mean service time, one
 * per call that writes retries (`attempts` > 1) but neither a timeout nor a per-try timeout, and one per call, traffic
 * source or `mesh.defaultPolicy` whose finite per-try timeout is not shorter than its finite timeout.
 */
export function checkTimeouts(config: SimulationConfig, warnings: Warnings): void {
  const meanMs = new Map(config.services.map((s) => [s.name, distributionMean(s.serviceTimeMs)] as const));
  checkPerTryBeyondTimeout(
    `mesh shape ${config.mesh.shape}'s defaultPolicy`,
    config.mesh.defaultPolicy,
    ['mesh', 'defaultPolicy'],
    warnings,
  );
  for (const service of config.services) {
    service.calls.forEach((stage, s) => {
      stage.forEach((call, i) => {
        const at = callFieldPath(service.name, s, i, stage.length);
        checkShortTimeout(service.name, call, meanMs.get(call.to), at, warnings);
        checkRetryWithoutTimeout(config, service.name, call, at, warnings);
        checkPerTryBeyondTimeout(`${service.name} → ${call.to}`, call.policy, at, warnings);
      });
    });
  }
  config.traffic.forEach((source, i) =>
    checkPerTryBeyondTimeout(`${source.name} → ${source.to}`, source.policy, ['traffic', i], warnings),
  );
}

/**
 * The warning of a per-try timeout not shorter than the timeout, both finite: the timeout covers every try (Envoy's
 * route timeout "includes all retries", and a per-try timeout not less than it is ignored: docs/sources.md
 * `envoy-router`), so the call times out first — meshsim fires the overall timeout first at a tie too — and the
 * per-try timeout never cuts a try short. Placed at the `perTryTimeout` of the call, source or default policy (a
 * scenario file may write it in `retry`: `scenarioWarnings` finds it there).
 */
function checkPerTryBeyondTimeout(
  who: string,
  policy: CallPolicy,
  at: ScenarioFieldPath,
  warnings: Warnings,
): void {
  const { timeoutMs, perTryTimeoutMs, retry } = policy;
  if (!Number.isFinite(timeoutMs) || !Number.isFinite(perTryTimeoutMs) || perTryTimeoutMs < timeoutMs) return;
  warnings.add(
    `${who}: its perTryTimeout (${formatMs(perTryTimeoutMs)}) is not shorter than its timeout (${formatMs(timeoutMs)}): ` +
      "the timeout covers every try, as Envoy's route timeout does, so the call times out first and the per-try " +
      `timeout never takes effect${retry.maxAttempts > 1 ? ' (no try is cut short and retried)' : ''}; ` +
      'set perTryTimeout below timeout, or leave it out',
    [...at, 'perTryTimeout'],
  );
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
  // A per-try timeout may be written on the call or in its `retry`: `scenarioWarnings` finds it in either.
  warnings.add(
    `${caller} → ${call.to}: its ${perTry ? 'per-try timeout' : 'timeout'} (${formatMs(shortest)}) is under half of ` +
      `${call.to}'s mean service time (${formatMs(calleeMs)}), so most calls time out before ${call.to} can answer`,
    [...at, perTry ? 'perTryTimeout' : 'timeout'],
  );
}

/**
 * The warning of a call that writes retries but no timeout: a written policy replaces the mesh's `defaultPolicy`
 * whole (docs/scenario-format.md, "Who enforces a policy"), so no timeout applies to its attempts.
 */
function checkRetryWithoutTimeout(
  config: SimulationConfig,
  caller: string,
  call: CallConfig,
  at: ScenarioFieldPath,
  warnings: Warnings,
): void {
  const { retry, timeoutMs, perTryTimeoutMs } = call.policy;
  if (!call.policySet || retry.maxAttempts <= 1 || timeoutMs !== Infinity || perTryTimeoutMs !== Infinity)
    return;
  const fallback = config.mesh.defaultPolicy;
  const dropped = Math.min(fallback.timeoutMs, fallback.perTryTimeoutMs);
  warnings.add(
    `${caller} → ${call.to}: it retries (${retry.maxAttempts} attempts) but has neither a timeout nor a perTryTimeout, so a ` +
      'slow or hung attempt is waited for as long as it takes and never retried (set perTryTimeout or timeout)' +
      (Number.isFinite(dropped)
        ? `; the ${formatMs(dropped)} timeout of mesh shape ${config.mesh.shape}'s defaultPolicy does not apply to a ` +
          'call that writes its own policy'
        : ''),
    [...at, 'retry'],
  );
}

/** A duration [ms] for a message: `1 ms`, `0.25 ms`, `1,500 ms`. */
function formatMs(ms: number): string {
  return `${Number(ms.toPrecision(3)).toLocaleString('en-US')} ms`;
}
