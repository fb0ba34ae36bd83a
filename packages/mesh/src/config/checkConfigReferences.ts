// Every service a config built in code refers to must exist (traffic targets, calls, mirrors, faults) and
// its calls must not form a cycle. A scenario file is checked for both when it is read (with line numbers);
// these are the same rules for the library.

import type { SimulationConfig } from './SimulationConfig.js';
import { callCycleReason, findCallCycles } from './findCallCycles.js';
import type { CallEdge } from './findCallCycles.js';

/**
 * Throws an Error naming the field path, the unknown name and the services there are, for the first
 * reference to a service `config` does not define; else naming the call that closes the first call cycle.
 *
 * @example
 * ```ts
 * checkConfigReferences({ ...config, services: [] });
 * // Error: traffic[0].to: unknown service "frontend" (the config has no services)
 * ```
 */
export function checkConfigReferences(config: SimulationConfig): void {
  const names = new Set(config.services.map((service) => service.name));
  const check = (path: string, name: string): void => {
    if (names.has(name)) return;
    const known = names.size === 0 ? 'the config has no services' : `services: ${[...names].join(', ')}`;
    throw new Error(`${path}: unknown service "${name}" (${known})`);
  };
  config.traffic.forEach((source, i) => check(`traffic[${i}].to`, source.to));
  // A mirrored copy is a call too: its target must exist and must not call back.
  const edges: CallEdge<string>[] = [];
  for (const service of config.services) {
    const from = service.name;
    service.calls.forEach((stage, s) =>
      stage.forEach((call, c) => {
        const path = `services.${from}.calls[${s}][${c}]`;
        check(`${path}.to`, call.to);
        edges.push({ from, to: call.to, path: `${path}.to` });
        if (call.mirror !== undefined && call.mirror !== null) {
          check(`${path}.mirror.to`, call.mirror.to);
          edges.push({ from, to: call.mirror.to, path: `${path}.mirror.to` });
        }
      }),
    );
  }
  config.faults.forEach((fault, i) => {
    if (fault.effect.kind !== 'control-plane-outage') check(`faults[${i}].service`, fault.service);
  });
  const [first] = findCallCycles([...names], edges);
  if (first !== undefined) throw new Error(`${first.path}: ${callCycleReason(first.cycle)}`);
}
