// Applies scheduled faults: latency and error faults on instances; crashes of instances, mesh proxies
// (sidecar, ztunnel, waypoint, ...) and whole nodes; and control-plane outages, during which endpoint
// changes stop reaching callers (stale endpoints keep receiving traffic).

import type { FaultConfig, FaultEffect } from '../config/SimulationConfig.js';
import type { Proxy } from '../dataplane/Proxy.js';
import type { World } from '../internal/World.js';
import type { Instance } from '../server/Instance.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';

/** The instances and proxies one fault acts on, resolved when it starts. */
interface FaultTargets {
  instances: Instance[];
  proxies: Proxy[];
}

interface FaultEvent {
  readonly fault: FaultConfig;
  targets: FaultTargets;
}

/** Schedules every fault of the scenario on the engine. */
export function scheduleFaults(world: World, faults: readonly FaultConfig[]): void {
  const engine = world.engine;
  for (const fault of faults) {
    const event: FaultEvent = { fault, targets: { instances: [], proxies: [] } };
    engine.scheduleAt(fault.atMs, startFault, { world, event });
    const endMs = fault.atMs + fault.durationMs;
    if (endMs < world.config.durationMs) engine.scheduleAt(endMs, endFault, { world, event });
  }
}

/** The first N instances of the fault's service, in placement order. */
function anchorInstances(world: World, fault: FaultConfig): Instance[] {
  const service = world.service(fault.service);
  return service.instances.slice(0, Math.min(fault.instances, service.instances.length));
}

function resolveTargets(world: World, fault: FaultConfig): FaultTargets {
  const effect = fault.effect;
  if (effect.kind === 'control-plane-outage') return { instances: [], proxies: [] };
  const anchors = anchorInstances(world, fault);
  if (effect.kind === 'crash-node') {
    const nodes = new Set(anchors.map((instance) => instance.node.id));
    const instances: Instance[] = [];
    for (const service of world.services.values()) {
      for (const instance of service.instances) if (nodes.has(instance.node.id)) instances.push(instance);
    }
    const proxies = world.dataPlane
      .proxies()
      .filter((proxy) => proxy.node !== null && nodes.has(proxy.node.id));
    return { instances, proxies };
  }
  if (effect.kind === 'crash-proxy') {
    const ids = new Set(anchors.map((instance) => instance.id));
    const nodes = new Set(anchors.map((instance) => instance.node.id));
    const proxies = world.dataPlane.proxies().filter((proxy) => {
      if (proxy.role !== effect.proxy) return false;
      switch (effect.proxy) {
        case 'sidecar':
          return ids.has(proxy.instanceId);
        case 'ztunnel':
        case 'node-proxy':
          return proxy.node !== null && nodes.has(proxy.node.id);
        case 'waypoint':
          return proxy.service === fault.service;
        case 'managed-hop':
          // A Lattice service fronts one destination; a proxy without a service is shared by all.
          return proxy.service === null || proxy.service === fault.service;
      }
    });
    if (proxies.length === 0) {
      world.dataPlane.warn(
        `fault at ${fault.atMs} ms: mesh shape ${world.config.mesh.shape} has no ${effect.proxy} proxy for service ${fault.service}; the fault does nothing`,
      );
    }
    return { instances: [], proxies };
  }
  return { instances: anchors, proxies: [] };
}

function startFault({ world, event }: { world: World; event: FaultEvent }): void {
  const effect = event.fault.effect;
  event.targets = resolveTargets(world, event.fault);
  const { instances, proxies } = event.targets;
  switch (effect.kind) {
    case 'latency':
    case 'error':
      for (const instance of instances) instance.faults.push(effect);
      return;
    case 'crash':
    case 'crash-node':
      for (const instance of instances) instance.crash();
      for (const proxy of proxies) proxy.crashed = true;
      refreshLater(world, servicesOf(instances), false);
      return;
    case 'crash-proxy':
      for (const proxy of proxies) proxy.crashed = true;
      return;
    case 'control-plane-outage':
      world.controlPlaneUp = false;
      scheduleCertificateExpiry(world, event.fault);
      return;
  }
}

/**
 * During a control-plane outage no certificate is renewed. Certificates are rotated at half their
 * lifetime, so each proxy's expires between 50 % and 100 % of the lifetime after the outage starts
 * (drawn per proxy from the `certificates` stream); from then its mTLS handshakes fail until the
 * control plane is back. Only shapes with mTLS; managed hops (Lattice) are unaffected.
 */
function scheduleCertificateExpiry(world: World, fault: FaultConfig): void {
  const mesh = world.config.mesh;
  if (mesh.mtls === false) return;
  const lifetimeMs = mesh.certificateLifetimeMs ?? 24 * 3_600_000;
  const endMs = Math.min(fault.atMs + fault.durationMs, world.config.durationMs);
  const random = world.certificateRandom();
  for (const proxy of world.dataPlane.proxies()) {
    if (proxy.role === 'managed-hop') continue;
    const expiresMs = fault.atMs + lifetimeMs * (0.5 + 0.5 * random());
    if (expiresMs < endMs) world.engine.scheduleAt(expiresMs, expireCertificate, proxy);
  }
}

function expireCertificate(proxy: Proxy): void {
  proxy.certificateExpired = true;
}

function endFault({ world, event }: { world: World; event: FaultEvent }): void {
  const effect: FaultEffect = event.fault.effect;
  const { instances, proxies } = event.targets;
  switch (effect.kind) {
    case 'latency':
    case 'error':
      for (const instance of instances) {
        const index = instance.faults.indexOf(effect);
        if (index >= 0) instance.faults.splice(index, 1);
      }
      return;
    case 'crash':
    case 'crash-node':
      for (const instance of instances) instance.restart();
      for (const proxy of proxies) proxy.crashed = false;
      refreshLater(world, servicesOf(instances), true);
      return;
    case 'crash-proxy':
      for (const proxy of proxies) proxy.crashed = false;
      return;
    case 'control-plane-outage': {
      world.controlPlaneUp = true;
      // Proxies reconnect and get fresh certificates at once (an assumption: no re-issue delay).
      for (const proxy of world.dataPlane.proxies()) proxy.certificateExpired = false;
      const stale = [...world.staleServices];
      world.staleServices.clear();
      refreshLater(world, stale, true);
      return;
    }
  }
}

function servicesOf(instances: readonly Instance[]): ServiceRuntime[] {
  const services: ServiceRuntime[] = [];
  for (const instance of instances) if (!services.includes(instance.service)) services.push(instance.service);
  return services;
}

/** Endpoint lists change after the mesh's update delay, and not at all while the control plane is down. */
function refreshLater(world: World, services: readonly ServiceRuntime[], up: boolean): void {
  const now = world.engine.now;
  const delayMs = world.dataPlane.endpointChangeDelayMs?.(up, now) ?? world.config.mesh.endpointUpdateDelayMs;
  for (const service of services) world.engine.schedule(delayMs, refreshEndpoints, { world, service });
}

function refreshEndpoints({ world, service }: { world: World; service: ServiceRuntime }): void {
  if (world.controlPlaneUp) service.refreshEndpoints();
  else world.staleServices.add(service);
}
