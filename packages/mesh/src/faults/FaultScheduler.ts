// Applies scheduled faults: latency and error faults on instances; crashes of instances (once, or in a crash loop
// the kubelet restarts with its backoff), mesh proxies (sidecar, ztunnel, waypoint, ...) and whole nodes (powered
// off: silent until the node controller marks them NotReady); and control-plane outages, during which endpoint
// changes stop reaching callers (stale endpoints keep receiving traffic). Readiness probes change endpoints too.

import type { Random } from '@meshsim/engine';
import type { FaultConfig, FaultEffect } from '../config/SimulationConfig.js';
import type { NodeCrashPods, NodeCrashRecord } from '../config/SimulationResult.js';
import type { Proxy } from '../shapes/dataplane/Proxy.js';
import type { Instance } from '../server/Instance.js';
import type { InstanceService } from '../server/Instance.js';
import type { EndpointList } from '../server/EndpointList.js';
import type { Node } from '../topology/Topology.js';
import { ControlPlane } from './ControlPlane.js';
import type { FaultContext } from './FaultContext.js';
import { startReadinessProbes } from './ReadinessProbes.js';
import { RestartBackoff } from './RestartBackoff.js';
import { formatDuration } from '../config/formatDuration.js';

/** One run's faults: the context they act on, the control plane's state, the certificate stream. */
class FaultRun {
  readonly control = new ControlPlane();
  /** The kubelet's restart backoff of each instance a crash loop has crashed. */
  readonly backoffs = new Map<Instance, RestartBackoff>();
  private certificates: Random | null = null;

  constructor(readonly context: FaultContext) {}

  /** The stream that draws certificate expiry times (created on first use, so runs without outages never create it). */
  certificateRandom(): Random {
    this.certificates ??= this.context.streams.stream('certificates');
    return this.certificates;
  }
}

/** The instances, proxies and nodes one fault acts on, resolved when it starts. */
interface FaultTargets {
  instances: Instance[];
  proxies: Proxy[];
  /** The nodes a `crash-node` fault powers off (empty for other faults). */
  nodes: Node[];
}

interface FaultEvent {
  readonly fault: FaultConfig;
  /** Its index in the config's faults. */
  readonly index: number;
  targets: FaultTargets;
  /** The fault has ended (a node marked NotReady after it came back stays Ready). */
  ended: boolean;
  /** Its powered-off nodes' pods were marked NotReady (and so left the endpoints). */
  markedNotReady: boolean;
}

const NO_TARGETS: FaultTargets = { instances: [], proxies: [], nodes: [] };

/**
 * How long Kubernetes' node controller waits for a node's heartbeat before it marks the node, and its pods, NotReady
 * [ms]: kube-controller-manager's `--node-monitor-grace-period` default, 50 s since Kubernetes 1.32 (40 s before)
 * (docs/sources.md#k8s-node-monitor-grace-period). A `crashNode` fault's default.
 */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;

/**
 * How long Kubernetes leaves the pods of an unreachable node bound to it before evicting them to run elsewhere [ms]:
 * the `tolerationSeconds: 300` of `node.kubernetes.io/unreachable` that the DefaultTolerationSeconds admission plugin
 * gives every pod (docs/sources.md#k8s-taint-based-evictions).
 */
export const UNREACHABLE_TOLERATION_MS = 300_000;

/** Schedules every fault of the scenario on the engine. */
export function scheduleFaults(context: FaultContext, faults: readonly FaultConfig[]): void {
  const engine = context.engine;
  const world = new FaultRun(context);
  const instances: Instance[] = [];
  for (const service of context.services.values())
    for (const instance of service.instances) instances.push(instance);
  startReadinessProbes(
    engine,
    instances,
    () => context.streams.stream('readiness-probes'),
    (instance) => refreshLater(world, [instance.service]),
  );
  // A process that can crash on a live node fails what it holds then: its proxies keep track of it.
  if (faults.some(crashesProcesses)) for (const proxy of context.dataPlane.proxies()) proxy.trackHeld();
  // A proxy that restarts (after its crash, or its node's) starts with empty in-memory state: its proxies keep it.
  if (faults.some(restartsProcesses)) for (const proxy of context.dataPlane.proxies()) proxy.trackRestarts();
  faults.forEach((fault, index) => {
    if (fault.atMs >= context.durationMs) {
      // Valid (a run may be shortened below a file's faults), but the fault under test would vanish without a word.
      context.warnings.add(
        `fault ${fault.effect.kind} on ${fault.service} starts at ${formatDuration(fault.atMs)}, at or after the end of the run ` +
          `(${formatDuration(context.durationMs)}): it does not happen in this run (lengthen the run to include it)`,
        ['faults', index, 'at'],
      );
    }
    // meshsim keeps a crashed node's pods down until the node returns; Kubernetes would move them after the toleration
    // (counted from the taint, which a powered-off node gets when the node controller marks it, after the grace period).
    const downMs = Math.min(fault.atMs + fault.durationMs, context.durationMs) - fault.atMs;
    const effect = fault.effect;
    if (effect.kind === 'crash-node') {
      const graceMs = effect.reachable === true ? 0 : nodeMonitorGracePeriodMs(effect);
      const evictMs = graceMs + UNREACHABLE_TOLERATION_MS;
      if (downMs > evictMs) {
        context.warnings.add(
          `fault at ${formatDuration(fault.atMs)}: its nodes stay down for ${Math.round(downMs / 1000)} s; Kubernetes would evict their pods ` +
            `after ${Math.round(evictMs / 1000)} s (${graceMs > 0 ? 'the node-monitor grace period, then ' : ''}the default toleration of ` +
            'node.kubernetes.io/unreachable) and run them on other nodes, which meshsim does not: they stay down until their node returns',
          ['faults', index, 'for'],
        );
      }
    }
    if (effect.kind === 'crash-loop') warnProbeOutlastsRun(context, fault, effect.runsForMs, index);
    const event: FaultEvent = { fault, index, targets: NO_TARGETS, ended: false, markedNotReady: false };
    engine.scheduleAt(fault.atMs, startFault, { world, event });
    const endMs = fault.atMs + fault.durationMs;
    if (endMs < context.durationMs) engine.scheduleAt(endMs, endFault, { world, event });
  });
}

/**
 * Warns (at the fault's `crashLoop`) when a crash loop's containers run no longer than their service's readiness
 * probe's initial delay: skipping the probes until then, the kubelet never counts them Ready before they crash, so they
 * never rejoin the endpoints while the loop lasts. Not for `runsFor` 0: those crash as they start, probe or not.
 */
function warnProbeOutlastsRun(
  context: FaultContext,
  fault: FaultConfig,
  runsForMs: number,
  index: number,
): void {
  const probe = context.services.get(fault.service)?.config.readinessProbe;
  if (runsForMs === 0 || probe == null || probe.initialDelayMs < runsForMs) return;
  context.warnings.add(
    `fault at ${formatDuration(fault.atMs)}: ${fault.service}'s crash-looping containers run ${formatDuration(runsForMs)} before each crash, ` +
      `not more than its readinessProbe's initialDelay (${formatDuration(probe.initialDelayMs)}): they never become Ready ` +
      '(never rejoin the endpoints) while the loop lasts',
    ['faults', index, 'crashLoop'],
  );
}

/** Whether `fault` crashes processes on nodes that stay up (a proxy's, a pod's, a reachable node's). */
function crashesProcesses(fault: FaultConfig): boolean {
  const effect = fault.effect;
  return (
    effect.kind === 'crash-proxy' ||
    effect.kind === 'crash' ||
    effect.kind === 'crash-loop' ||
    (effect.kind === 'crash-node' && effect.reachable === true)
  );
}

/** Whether `fault` stops processes that start again (crashes of proxies, pods or nodes). */
function restartsProcesses(fault: FaultConfig): boolean {
  return crashesProcesses(fault) || fault.effect.kind === 'crash-node';
}

/** The first N instances of the fault's service, in placement order. */
function anchorInstances(world: FaultRun, fault: FaultConfig): Instance[] {
  const service = world.context.services.get(fault.service);
  return service.instances.slice(0, Math.min(fault.instances, service.instances.length));
}

/** A `crash-node` fault's grace period [ms]: its own, or Kubernetes' default. */
function nodeMonitorGracePeriodMs(effect: Extract<FaultEffect, { kind: 'crash-node' }>): number {
  return effect.nodeMonitorGracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS;
}

function resolveTargets(world: FaultRun, fault: FaultConfig): FaultTargets {
  const effect = fault.effect;
  if (effect.kind === 'control-plane-outage') return NO_TARGETS;
  const anchors = anchorInstances(world, fault);
  if (effect.kind === 'crash-node') {
    const nodes: Node[] = [];
    for (const anchor of anchors) if (!nodes.includes(anchor.node)) nodes.push(anchor.node);
    const instances: Instance[] = [];
    for (const service of world.context.services.values()) {
      for (const instance of service.instances) if (nodes.includes(instance.node)) instances.push(instance);
    }
    const proxies = world.context.dataPlane
      .proxies()
      .filter((proxy) => proxy.node !== null && nodes.includes(proxy.node));
    return { instances, proxies, nodes };
  }
  if (effect.kind === 'crash-proxy') {
    const ids = new Set(anchors.map((instance) => instance.id));
    const nodes = new Set(anchors.map((instance) => instance.node.id));
    const proxies = world.context.dataPlane.proxies().filter((proxy) => {
      if (proxy.role !== effect.proxy) return false;
      switch (effect.proxy) {
        case 'sidecar':
          return ids.has(proxy.instanceId);
        case 'ztunnel':
        case 'node-proxy':
          return proxy.node !== null && nodes.has(proxy.node.id);
        case 'waypoint':
          // The waypoint the service is bound to: its own, or one it shares with other services.
          return proxy.boundServices.includes(fault.service);
        case 'managed-hop':
          // A Lattice service fronts one destination; a proxy without a service is shared by all.
          return proxy.service === null || proxy.service === fault.service;
      }
    });
    if (proxies.length === 0) {
      world.context.warnings.add(
        `fault at ${formatDuration(fault.atMs)}: mesh shape ${world.context.mesh.shape} has no ${effect.proxy} proxy for service ${fault.service}; the fault does nothing`,
      );
    }
    return { instances: [], proxies, nodes: [] };
  }
  return { instances: anchors, proxies: [], nodes: [] };
}

function startFault({ world, event }: { world: FaultRun; event: FaultEvent }): void {
  const effect = event.fault.effect;
  event.targets = resolveTargets(world, event.fault);
  const { instances, proxies } = event.targets;
  switch (effect.kind) {
    case 'latency':
    case 'error':
      for (const instance of instances) instance.faults.push(effect);
      return;
    case 'crash-node':
      world.context.nodeCrashes.push(nodeCrashRecord(world, event, effect.reachable === true));
      // A reachable node's pods crash as `crash` crashes them.
      if (effect.reachable === true) crashInstances(world, event.targets);
      else powerOff(world, event, effect);
      return;
    case 'crash':
      crashInstances(world, event.targets);
      return;
    case 'crash-loop':
      for (const instance of instances) crashInLoop(world, event, instance);
      return;
    case 'crash-proxy':
      for (const proxy of proxies) proxy.crash();
      setPodsOfProxiesReady(world, proxies, false);
      return;
    case 'control-plane-outage':
      world.control.up = false;
      scheduleCertificateExpiry(world, event.fault);
      return;
  }
}

/** What a `crashNode` fault takes down as it starts: its nodes, every service's pods on them, the proxies there. */
function nodeCrashRecord(world: FaultRun, event: FaultEvent, reachable: boolean): NodeCrashRecord {
  const { instances, proxies, nodes } = event.targets;
  const services: NodeCrashPods[] = [];
  for (const service of world.context.services.values()) {
    const pods = instances.filter((instance) => instance.service === service).length;
    if (pods > 0) services.push({ service: service.name, pods, of: service.instances.length });
  }
  const byKind = new Map<string, number>();
  let sidecars = 0;
  for (const proxy of proxies) {
    if (proxy.role === 'sidecar') sidecars++;
    else byKind.set(proxy.kind, (byKind.get(proxy.kind) ?? 0) + 1);
  }
  return {
    fault: event.index,
    atMs: event.fault.atMs,
    service: event.fault.service,
    reachable,
    nodes: nodes.map((node) => node.name),
    services,
    sidecars,
    proxies: [...byKind].map(([kind, count]) => ({ kind, count })),
  };
}

/**
 * Crashes the targets (connections reset, then refused); callers' endpoints drop them after the update delay. Proxies
 * first: an instance whose sidecar crashes with it (a whole pod) resets its requests, not its sidecar's 503.
 */
function crashInstances(world: FaultRun, targets: FaultTargets): void {
  const { instances, proxies } = targets;
  for (const proxy of proxies) {
    proxy.crash();
    proxy.ready = false;
  }
  for (const instance of instances) instance.crash();
  refreshLater(world, endpointListsOf(world, targets));
  refreshManagedLater(world, servicesOf(instances), false);
}

/** One instance of a crash loop and the fault that crashes it. */
interface LoopStep {
  readonly world: FaultRun;
  readonly event: FaultEvent;
  readonly instance: Instance;
  /** The start of the container this step crashes, or (for a restart) of the one that crashed before it [ms]. */
  readonly startedMs: number;
}

/**
 * A crash of `instance` in a crash loop: it goes down as with `crash`, and the kubelet restarts it after its backoff
 * (RestartBackoff: at once after an initial crash, then 10 s, 20 s, … up to 300 s).
 */
function crashInLoop(world: FaultRun, event: FaultEvent, instance: Instance): void {
  if (!instance.up) return;
  const startedMs = instance.startedMs;
  crashInstances(world, { instances: [instance], proxies: [], nodes: [] });
  let backoff = world.backoffs.get(instance);
  if (backoff === undefined) {
    backoff = new RestartBackoff();
    world.backoffs.set(instance, backoff);
  }
  const delayMs = backoff.delayAfterExit(startedMs, world.context.engine.now);
  world.context.engine.schedule(delayMs, restartInLoop, { world, event, instance, startedMs });
}

/**
 * The kubelet restarts a crash loop's container. One started before the fault's end crashes `runsForMs` after its
 * start (at once for 0); one started at or after it stays up. A container another fault restarted in between (or
 * whose node is off) is left as it is.
 */
function restartInLoop({ world, event, instance, startedMs }: LoopStep): void {
  if (instance.up || instance.startedMs !== startedMs || instance.node.unreachable) return;
  restartInstances(world, { instances: [instance], proxies: [], nodes: [] });
  const { effect, atMs, durationMs } = event.fault;
  if (effect.kind !== 'crash-loop' || world.context.engine.now >= atMs + durationMs) return;
  if (effect.runsForMs === 0) crashInLoop(world, event, instance);
  else
    world.context.engine.schedule(effect.runsForMs, crashLoopStart, {
      world,
      event,
      instance,
      startedMs: instance.startedMs,
    });
}

/** A container a crash loop started crashes, unless it was crashed and restarted since. */
function crashLoopStart({ world, event, instance, startedMs }: LoopStep): void {
  if (instance.startedMs === startedMs) crashInLoop(world, event, instance);
}

/** Restarts crashed targets; callers' endpoints take them back after the update delay. */
function restartInstances(world: FaultRun, targets: FaultTargets): void {
  const { instances, proxies } = targets;
  // Proxies first: a pod is Ready again only once its sidecar is up too (Instance.restart).
  for (const proxy of proxies) {
    proxy.restart();
    proxy.ready = true;
  }
  for (const instance of instances) instance.restart();
  refreshLater(world, endpointListsOf(world, targets));
  refreshManagedLater(world, servicesOf(instances), true);
}

/**
 * Powers the fault's nodes off: nothing on them answers (requests in flight are lost, new connections wait for the
 * connect timeout), and their pods stay in the endpoints until the node controller marks them NotReady, the grace
 * period later (then the endpoint update delay). A managed hop with health checks of its own (Lattice) finds the
 * targets down by itself: its delay runs from the crash.
 */
function powerOff(
  world: FaultRun,
  event: FaultEvent,
  effect: Extract<FaultEffect, { kind: 'crash-node' }>,
): void {
  const { instances, proxies, nodes } = event.targets;
  for (const node of nodes) node.unreachable = true;
  for (const instance of instances) instance.powerOff();
  for (const proxy of proxies) proxy.crashed = true;
  refreshManagedLater(world, servicesOf(instances), false);
  world.context.engine.schedule(nodeMonitorGracePeriodMs(effect), markNotReady, { world, event });
}

/** The powered-off nodes are back: their pods run again; they left the endpoints only if they were marked NotReady. */
function powerOn(world: FaultRun, event: FaultEvent): void {
  const { instances, proxies, nodes } = event.targets;
  event.ended = true;
  for (const node of nodes) {
    node.unreachable = false;
    // Rebooted: connections opened before are dead (reset at their next use, ConnectionPool).
    node.boots++;
  }
  for (const proxy of proxies) {
    proxy.restart();
    proxy.ready = true;
  }
  for (const instance of instances) instance.restart();
  // Pods the node controller never marked are in the endpoints still; those with a readiness probe are NotReady now.
  if (event.markedNotReady || instances.some((instance) => !instance.ready))
    refreshLater(world, endpointListsOf(world, event.targets));
  refreshManagedLater(world, servicesOf(instances), true);
}

/**
 * The node controller marks the powered-off nodes' pods NotReady (unless the nodes came back first): the services'
 * instances, and the proxies' pods among which callers choose (ambient waypoint replicas, `proxyEndpoints`).
 */
function markNotReady({ world, event }: { world: FaultRun; event: FaultEvent }): void {
  if (event.ended) return;
  event.markedNotReady = true;
  const { instances, proxies } = event.targets;
  for (const instance of instances) instance.ready = false;
  for (const proxy of proxies) proxy.ready = false;
  refreshLater(world, endpointListsOf(world, event.targets));
}

/**
 * A crashed (`ready` false) or restarted proxy container changes its pod's readiness: Kubernetes counts a pod Ready
 * only when every container in it is ready (docs/sources.md#k8s-pod-ready). So a sidecar's crash makes its pod — the
 * instance — NotReady, and a waypoint replica's its waypoint pod; callers see the change after the endpoint update
 * delay, as for an application's crash. A restarted sidecar's pod is Ready again if its application is up. Proxies in
 * pods of their own that callers do not pick from endpoint lists (ztunnels, node Envoys) and managed hops are left as
 * they were.
 */
function setPodsOfProxiesReady(world: FaultRun, proxies: readonly Proxy[], ready: boolean): void {
  const pods: Instance[] = [];
  const waypoints: Proxy[] = [];
  for (const proxy of proxies) {
    if (proxy.role === 'waypoint') {
      proxy.ready = ready;
      waypoints.push(proxy);
    } else if (proxy.role === 'sidecar') {
      const service = proxy.service === null ? undefined : world.context.services.get(proxy.service);
      const pod = service?.instances.find((instance) => instance.id === proxy.instanceId);
      if (pod !== undefined) pods.push(pod);
    }
  }
  if (pods.length === 0 && waypoints.length === 0) return;
  for (const pod of pods) pod.ready = ready && pod.up && pod.probeReady;
  refreshLater(world, endpointListsOf(world, { instances: pods, proxies: waypoints, nodes: [] }));
}

/** The endpoint lists a change of the targets' readiness touches: their services', and the data plane's proxy pods. */
function endpointListsOf(world: FaultRun, { instances, proxies }: FaultTargets): EndpointList[] {
  const lists: EndpointList[] = servicesOf(instances);
  const proxyEndpoints = world.context.dataPlane.proxyEndpoints;
  if (proxyEndpoints !== undefined && proxies.length > 0) lists.push(proxyEndpoints);
  return lists;
}

/**
 * During a control-plane outage no certificate is renewed. Certificates are rotated at half their
 * lifetime, so each proxy's expires between 50 % and 100 % of the lifetime after the outage starts
 * (drawn per proxy from the `certificates` stream); from then its mTLS handshakes fail until the
 * control plane is back. Only shapes with mTLS; managed hops (Lattice) are unaffected.
 */
function scheduleCertificateExpiry(world: FaultRun, fault: FaultConfig): void {
  const mesh = world.context.mesh;
  if (mesh.mtls === false) return;
  const lifetimeMs = mesh.certificateLifetimeMs ?? 24 * 3_600_000;
  const endMs = Math.min(fault.atMs + fault.durationMs, world.context.durationMs);
  const random = world.certificateRandom();
  for (const proxy of world.context.dataPlane.proxies()) {
    if (proxy.role === 'managed-hop') continue;
    const expiresMs = fault.atMs + lifetimeMs * (0.5 + 0.5 * random());
    if (expiresMs < endMs) world.context.engine.scheduleAt(expiresMs, expireCertificate, proxy);
  }
}

function expireCertificate(proxy: Proxy): void {
  proxy.certificateExpired = true;
}

function endFault({ world, event }: { world: FaultRun; event: FaultEvent }): void {
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
    case 'crash-node':
      // A reachable node's pods restart as after `crash`.
      if (effect.reachable === true) restartInstances(world, event.targets);
      else powerOn(world, event);
      return;
    case 'crash':
      restartInstances(world, event.targets);
      return;
    case 'crash-loop':
      // Nothing at once: the instances down now restart when their backoff says, and stay up from then on.
      return;
    case 'crash-proxy':
      for (const proxy of proxies) proxy.restart();
      setPodsOfProxiesReady(world, proxies, true);
      return;
    case 'control-plane-outage': {
      world.control.up = true;
      // Proxies reconnect and get fresh certificates at once (an assumption: no re-issue delay).
      for (const proxy of world.context.dataPlane.proxies()) proxy.certificateExpired = false;
      const stale = [...world.control.stale];
      world.control.stale.clear();
      refreshLater(world, stale);
      return;
    }
  }
}

function servicesOf(instances: readonly Instance[]): InstanceService[] {
  const services: InstanceService[] = [];
  for (const instance of instances) if (!services.includes(instance.service)) services.push(instance.service);
  return services;
}

/** Endpoint lists change after the mesh's update delay, and not at all while the control plane is down. */
function refreshLater(world: FaultRun, lists: readonly EndpointList[]): void {
  const { engine, mesh } = world.context;
  const delayMs = mesh.endpointUpdateDelayMs;
  for (const list of lists) engine.schedule(delayMs, refreshEndpoints, { world, list });
}

/**
 * A managed hop's endpoint lists (Lattice) change when its own health checks see the change: after the delay the
 * data plane gives for each service (never, for a service it runs no health checks for). They do not depend on the
 * Kubernetes control plane.
 */
function refreshManagedLater(world: FaultRun, services: readonly InstanceService[], up: boolean): void {
  const { engine, dataPlane } = world.context;
  if (dataPlane.managedEndpointChangeDelayMs === undefined) return;
  for (const service of services) {
    const delayMs = dataPlane.managedEndpointChangeDelayMs(up, engine.now, service.config);
    if (delayMs !== Infinity) engine.schedule(delayMs, refreshManagedEndpoints, service);
  }
}

function refreshManagedEndpoints(service: InstanceService): void {
  service.refreshManagedEndpoints();
}

function refreshEndpoints({ world, list }: { world: FaultRun; list: EndpointList }): void {
  if (world.control.up) list.refreshEndpoints();
  else world.control.stale.add(list);
}
