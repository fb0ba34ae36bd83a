// Applies scheduled faults: latency and error faults switch on and off on instances; crashes take
// instances down and restart them. Endpoint lists follow after the mesh's endpoint update delay.

import type { FaultConfig } from '../config/SimulationConfig.js';
import type { World } from '../internal/World.js';
import type { Instance } from '../server/Instance.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';

interface FaultEvent {
  readonly fault: FaultConfig;
  readonly targets: readonly Instance[];
}

/** Schedules every fault of the scenario on the engine. */
export function scheduleFaults(world: World, faults: readonly FaultConfig[]): void {
  const engine = world.engine;
  for (const fault of faults) {
    const service = world.service(fault.service);
    const count = Math.min(fault.instances, service.instances.length);
    const event: FaultEvent = { fault, targets: service.instances.slice(0, count) };
    engine.scheduleAt(fault.atMs, startFault, { world, event });
    const endMs = fault.atMs + fault.durationMs;
    if (endMs < world.config.durationMs) engine.scheduleAt(endMs, endFault, { world, event });
  }
}

function startFault({ world, event }: { world: World; event: FaultEvent }): void {
  const effect = event.fault.effect;
  for (const instance of event.targets) {
    if (effect.kind === 'crash') instance.crash();
    else instance.faults.push(effect);
  }
  if (effect.kind === 'crash') refreshLater(world, event.targets[0]?.service);
}

function endFault({ world, event }: { world: World; event: FaultEvent }): void {
  const effect = event.fault.effect;
  for (const instance of event.targets) {
    if (effect.kind === 'crash') instance.restart();
    else {
      const index = instance.faults.indexOf(effect);
      if (index >= 0) instance.faults.splice(index, 1);
    }
  }
  if (effect.kind === 'crash') refreshLater(world, event.targets[0]?.service);
}

function refreshLater(world: World, service: ServiceRuntime | undefined): void {
  if (service === undefined) return;
  world.engine.schedule(world.config.mesh.endpointUpdateDelayMs, refreshEndpoints, service);
}

function refreshEndpoints(service: ServiceRuntime): void {
  service.refreshEndpoints();
}
