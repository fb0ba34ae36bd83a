// Every service a config built in code refers to must exist: traffic targets, calls, mirrors and faults. A
// scenario file is checked for this when it is read (with line numbers); this is the same rule for the library.

import type { SimulationConfig } from './SimulationConfig.js';

/**
 * Throws an Error naming the field path, the unknown name and the services there are, for the first
 * reference to a service `config` does not define.
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
  for (const service of config.services) {
    service.calls.forEach((stage, s) =>
      stage.forEach((call, c) => {
        const path = `services.${service.name}.calls[${s}][${c}]`;
        check(`${path}.to`, call.to);
        if (call.mirror !== undefined && call.mirror !== null) check(`${path}.mirror.to`, call.mirror.to);
      }),
    );
  }
  config.faults.forEach((fault, i) => {
    if (fault.effect.kind !== 'control-plane-outage') check(`faults[${i}].service`, fault.service);
  });
}
