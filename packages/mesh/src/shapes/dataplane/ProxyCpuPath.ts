// A proxy's traversals when its node's CPU is modelled: each traversal holds one of the proxy's
// workers and runs its CPU work on the node (shared with everything else there, within the proxy
// container's CPU limit); it is forwarded when the work before forwarding is done.

import type { Engine } from '@meshsim/engine';
import type { CpuContainer } from '../../cpu/NodeCpu.js';
import { Deque } from '../../server/Deque.js';

/** One traversal waiting for, or holding, a worker. */
class Traversal {
  constructor(
    readonly path: ProxyCpuPath,
    readonly traveller: object,
    /** Sampled latency of the traversal [ms]. */
    readonly latencyMs: number,
    /** Its CPU work [ms of one core]. */
    readonly workMs: number,
  ) {}
}

/**
 * The same rule as the proxy's own model (Proxy.ts) with the CPU work on the node: a traversal is
 * forwarded once `min(latency, work)` of CPU work is done, plus `latency − work` of waiting when the
 * latency is longer; work beyond the latency (telemetry after the response) keeps the worker busy.
 * On an idle node the timing is exactly the proxy's own model; on a busy one the work takes longer.
 */
export class ProxyCpuPath {
  private busyWorkers = 0;
  private readonly waiting = new Deque<Traversal>();

  constructor(
    private readonly engine: Engine,
    readonly container: CpuContainer,
    /** Worker threads; Infinity: no limit. */
    private readonly workers: number,
    private readonly onForward: (traveller: object) => void,
  ) {}

  /** Takes a traversal; returns true when it had to wait for a worker. */
  enter(traveller: object, latencyMs: number, workMs: number): boolean {
    const traversal = new Traversal(this, traveller, latencyMs, workMs);
    if (this.busyWorkers < this.workers) {
      this.start(traversal);
      return false;
    }
    this.waiting.push(traversal);
    return true;
  }

  private start(traversal: Traversal): void {
    this.busyWorkers++;
    const beforeForward = traversal.latencyMs < traversal.workMs ? traversal.latencyMs : traversal.workMs;
    if (beforeForward > 0) this.container.run(beforeForward, onBeforeForwardDone, traversal);
    else this.beforeForwardDone(traversal);
  }

  /** @internal */
  beforeForwardDone(traversal: Traversal): void {
    const { latencyMs, workMs } = traversal;
    if (latencyMs > workMs) {
      // All the CPU work is done: the worker is free; the rest of the latency is waiting.
      this.release();
      this.engine.schedule(latencyMs - workMs, this.onForward, traversal.traveller);
      return;
    }
    this.onForward(traversal.traveller);
    if (workMs > latencyMs) this.container.run(workMs - latencyMs, onAfterForwardDone, traversal);
    else this.release();
  }

  /** @internal A worker is free: the next waiting traversal takes it. */
  release(): void {
    this.busyWorkers--;
    const next = this.waiting.shift();
    if (next !== undefined) this.start(next);
  }
}

function onBeforeForwardDone(traversal: Traversal): void {
  traversal.path.beforeForwardDone(traversal);
}
function onAfterForwardDone(traversal: Traversal): void {
  traversal.path.release();
}
