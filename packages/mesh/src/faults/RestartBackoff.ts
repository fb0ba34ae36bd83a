// The kubelet's restart backoff of one container (CrashLoopBackOff): how long it waits before restarting a
// container that exited, after Kubernetes' "Pod Lifecycle" page (docs/sources.md#k8s-restart-backoff).

/** The first backoff delay [ms]: the second restart of a crash loop waits 10 s. */
export const RESTART_BACKOFF_INITIAL_MS = 10_000;

/** The cap of the delay [ms]: 300 s (5 minutes). */
export const RESTART_BACKOFF_MAX_MS = 300_000;

/** A container that ran this long [ms] without a problem has its backoff reset: 10 minutes. */
export const RESTART_BACKOFF_RESET_MS = 600_000;

/**
 * The kubelet's delay before the `exit`-th restart of a crash loop [ms] (`exit` ≥ 1, counted since the last reset):
 * "Kubernetes attempts an immediate restart" after the initial crash (0), then an exponential backoff delay
 * "(10s, 20s, 40s, …), that is capped at 300 seconds (5 minutes)" — 10 s, 20 s, 40 s, 80 s, 160 s, then 300 s.
 */
export function restartDelayMs(exit: number): number {
  if (exit <= 1) return 0;
  // 2 ** 30 × 10 s is far past the cap: the exponent is bounded so the power stays exact.
  const doublings = Math.min(exit - 2, 30);
  return Math.min(RESTART_BACKOFF_INITIAL_MS * 2 ** doublings, RESTART_BACKOFF_MAX_MS);
}

/** One container's restart backoff: the exits counted since its last reset. */
export class RestartBackoff {
  private exits = 0;

  /**
   * The delay before the kubelet restarts the container that exited at `exitMs`, having started at `startedMs`
   * (-Infinity for one running since before the run) [ms]. A container that "has executed for 10 minutes without any
   * problems" resets the backoff: its exit counts as an initial crash again.
   */
  delayAfterExit(startedMs: number, exitMs: number): number {
    if (exitMs - startedMs >= RESTART_BACKOFF_RESET_MS) this.exits = 0;
    this.exits++;
    return restartDelayMs(this.exits);
  }
}

/**
 * When a crash loop's containers come back for good [ms]: their first start at or after the fault's end, for a
 * `crashLoop` fault from `atMs` lasting `durationMs` whose containers run `runsForMs` before they crash — the crash
 * loop of the fault scheduler, on the same {@link RestartBackoff}: crashed at `atMs` (an initial crash: running since
 * before the run), restarted after each backoff, each container started before the end crashing `runsForMs` after its
 * start. For a container no other fault crashes or restarts meanwhile. `Infinity` for a fault that never ends.
 */
export function crashLoopRestartMs(atMs: number, durationMs: number, runsForMs: number): number {
  const endMs = atMs + durationMs;
  if (!Number.isFinite(endMs)) return Infinity;
  const backoff = new RestartBackoff();
  let startedMs = -Infinity;
  let exitMs = atMs;
  for (;;) {
    const restartMs = exitMs + backoff.delayAfterExit(startedMs, exitMs);
    if (restartMs >= endMs) return restartMs;
    startedMs = restartMs;
    exitMs = restartMs + runsForMs;
  }
}
