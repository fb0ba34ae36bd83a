// The kubelet's readiness probes of the instances whose service has one (`ServiceConfig.readinessProbe`): every
// period at a phase of its own, a probe passes or fails, and the thresholds turn the container Ready or NotReady.

import type { Engine, Random } from '@meshsim/engine';
import type { ReadinessProbeConfig } from '../config/SimulationConfig.js';
import type { Instance } from '../server/Instance.js';

/** One instance's probe worker: its probe and the consecutive results it has seen. */
interface ProbeWorker {
  readonly engine: Engine;
  readonly instance: Instance;
  readonly probe: ReadinessProbeConfig;
  readonly changed: (instance: Instance) => void;
  /** The container start the counts below belong to (a new container starts them over). */
  startedMs: number;
  successes: number;
  failures: number;
}

/**
 * Whether a probe of `instance` passes now. Its application container must be running (a crashed one is not probed:
 * it is NotReady already); the probe is an HTTP GET its own workers answer, so it fails when a request would be
 * turned away (503: every worker busy and the queue full). Its wait in a queue that is not full passes (the probe's
 * `timeoutSeconds` against that wait is not modelled: an assumption).
 */
export function probePasses(instance: Instance): boolean {
  return instance.up && !instance.turnsAway;
}

/**
 * Starts a probe worker for each instance of `instances` whose service has a readiness probe. Each probes every
 * `periodMs` from a phase drawn uniformly within the first period from `random()` (its pod's start, before the run:
 * an assumption), skipping the probes within `initialDelayMs` of its container's start, while the container is down,
 * and while its node is off (its kubelet with it). `changed` is told of each change of an instance's readiness.
 */
export function startReadinessProbes(
  engine: Engine,
  instances: readonly Instance[],
  random: () => Random,
  changed: (instance: Instance) => void,
): void {
  let phases: Random | null = null;
  for (const instance of instances) {
    const probe = instance.service.config.readinessProbe;
    if (probe == null) continue;
    phases ??= random();
    const worker: ProbeWorker = {
      engine,
      instance,
      probe,
      changed,
      startedMs: instance.startedMs,
      // Running since before the run, and Ready.
      successes: probe.successThreshold,
      failures: 0,
    };
    engine.schedule(phases() * probe.periodMs, tick, worker);
  }
}

function tick(worker: ProbeWorker): void {
  probeOnce(worker);
  worker.engine.schedule(worker.probe.periodMs, tick, worker);
}

/** One probe of `worker`'s container, and the change of readiness it makes. */
function probeOnce(worker: ProbeWorker): void {
  const { instance, probe } = worker;
  if (!instance.up || instance.node.unreachable) return;
  if (worker.startedMs !== instance.startedMs) {
    // A new container: its state starts as Failure (Instance.restart), its counts from nothing.
    worker.startedMs = instance.startedMs;
    worker.successes = 0;
    worker.failures = 0;
  }
  if (worker.engine.now - instance.startedMs < probe.initialDelayMs) return;
  if (probePasses(instance)) {
    worker.failures = 0;
    worker.successes++;
    if (!instance.probeReady && worker.successes >= probe.successThreshold) {
      instance.setProbeReady(true);
      worker.changed(instance);
    }
  } else {
    worker.successes = 0;
    worker.failures++;
    if (instance.probeReady && worker.failures >= probe.failureThreshold) {
      instance.setProbeReady(false);
      worker.changed(instance);
    }
  }
}
