// The services of a run by name, in config order; lookups of an unknown name throw naming it.

import type { ServiceRuntime } from './ServiceRuntime.js';

/** Services by name (a Map: names never collide with object properties). */
export class ServiceDirectory {
  private readonly byName = new Map<string, ServiceRuntime>();

  /** Adds a service; names are unique (the config was validated). */
  add(service: ServiceRuntime): void {
    this.byName.set(service.name, service);
  }

  /** The service `name`; throws naming it if it does not exist. */
  get(name: string): ServiceRuntime {
    const service = this.byName.get(name);
    if (service === undefined) throw new Error(`unknown service "${name}"`);
    return service;
  }

  /** The service `name`, or undefined. */
  find(name: string): ServiceRuntime | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Every service, in config order. */
  values(): IterableIterator<ServiceRuntime> {
    return this.byName.values();
  }
}
