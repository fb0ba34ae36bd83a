// Assembles a runnable model from a resolved config: topology, services and their instances, the mesh
// shape's data plane, the contexts each layer works in, call plans, inbound protections, traffic sources
// and faults. Nothing runs yet; the order of construction fixes the order of same-time events.

import { RandomStreams } from '@meshsim/engine';
import type { Engine } from '@meshsim/engine';
import { CallContext } from '../call/CallContext.js';
import type { NodeCrashRecord } from '../config/SimulationResult.js';
import { ClusterCpu } from '../cpu/ClusterCpu.js';
import { ConnectionPools } from '../call/ConnectionPools.js';
import { checkCpuRequests } from './checkCpuRequests.js';
import { checkCpuWithoutNodes } from './checkCpuWithoutNodes.js';
import { checkLoadTrigger } from './checkLoadTrigger.js';
import { checkMeshOptions } from './checkMeshOptions.js';
import { checkPendingPods, warnShortfalls } from './checkPendingPods.js';
import { extraNodesNeeded } from './extraNodesNeeded.js';
import { placeServices } from './placeServices.js';
import { checkProxyCpuLimits } from './checkProxyCpuLimits.js';
import { checkTimeouts } from './checkTimeouts.js';
import { checkWaypoints } from './checkWaypoints.js';
import type { CallTap } from '../call/CallTap.js';
import type { Downstream } from '../call/Downstream.js';
import { Transport } from '../call/Transport.js';
import type { SimulationConfig } from '../config/SimulationConfig.js';
import { knownEnforcer } from '../config/capabilities.js';
import { requestedCpuCores } from '../config/requestedCpuCores.js';
import { containerMemory } from '../config/requestedMemoryMiB.js';
import { createDataPlane } from '../shapes/createDataPlane.js';
import { meshPodRequests } from '../shapes/resolveMeshConfig.js';
import { scheduleFaults } from '../faults/FaultScheduler.js';
import type { BulkheadSlots } from '../policies/BulkheadSlots.js';
import type { PolicyContext } from '../policies/PolicyContext.js';
import { EdgeStatsTable } from '../ports/EdgeStatsTable.js';
import { RunStreams } from '../ports/RunStreams.js';
import { Warnings } from '../ports/Warnings.js';
import { Instance } from '../server/Instance.js';
import { PodEventLog } from '../server/PodEventLog.js';
import { createInboundProtection } from '../server/protection/createInboundProtection.js';
import { ServiceDirectory } from '../server/ServiceDirectory.js';
import { ServiceRuntime } from '../server/ServiceRuntime.js';
import { Network } from '../topology/Network.js';
import type { Node } from '../topology/Topology.js';
import { createSources } from '../traffic/TrafficSource.js';
import type { TrafficContext } from '../traffic/TrafficContext.js';
import { wireCallPlan } from '../traffic/wireCallPlan.js';
import type { Model } from './Model.js';

/** What a telemetry recorder is built from (`buildModel`'s `createTap`). */
export interface TapParts {
  readonly streams: RunStreams;
  readonly services: ServiceDirectory;
  /** Every instance, indexed by `Instance.id`. */
  readonly instances: readonly Instance[];
}

/**
 * Builds the model of `config` on `engine` (an empty engine at time 0). `createTap`, if given, builds the
 * telemetry recorder the calls and the transport report to (none by default).
 */
export function buildModel(
  config: SimulationConfig,
  engine: Engine,
  createTap?: (parts: TapParts) => CallTap,
): Model {
  const streams = new RunStreams(new RandomStreams(config.seed));
  const warnings = new Warnings();
  const edges = new EdgeStatsTable();
  const network = new Network(config.network, streams.stream('network'));
  const transport = new Transport(engine, network);
  const connections = new ConnectionPools({
    engine,
    network,
    proceed: transport.proceed,
    refused: transport.refused,
    lost: transport.lost,
  });

  // Services and their instances, placed deterministically (placeServices): every service first (dedicated nodes
  // are created then), so that the nodes' CPUs exist before the instances' containers are made on them.
  const meshPods = meshPodRequests(config);
  const { topology, placements } = placeServices(config, meshPods);
  const cpu = new ClusterCpu(engine, topology, config.cpuWeights);
  const services = new ServiceDirectory();
  const instances: Instance[] = [];
  const podEvents = new PodEventLog();
  const instancePorts = {
    engine,
    podEvents,
    responder: transport,
    cpu: (instance: Instance) =>
      cpu.container(
        instance.node,
        instance.name,
        `${instance.name}/app`,
        instance.service.config.cpuLimitCores,
        requestedCpuCores(instance.service.config),
        containerMemory(instance.service.config),
      ),
  };
  let callerKey = 0;
  config.services.forEach((serviceConfig, s) => {
    const service = new ServiceRuntime(streams, serviceConfig);
    services.add(service);
    const nodes = placements[s] as Node[];
    nodes.forEach((node, index) => {
      const instance = new Instance(instancePorts, service, index, instances.length, node, callerKey++);
      service.instances.push(instance);
      instances.push(instance);
    });
    service.pendingPods = serviceConfig.replicas - nodes.length;
    for (let index = nodes.length; index < serviceConfig.replicas; index++)
      service.versions.leavePending(index);
    service.refreshEndpoints();
    service.refreshManagedEndpoints();
  });
  checkCpuWithoutNodes(cpu, instances, warnings);
  checkLoadTrigger(config, warnings);
  checkPendingPods(config, services.values(), meshPods, topology.nodes, warnings);
  const pendingOf = new Map([...services.values()].map((s) => [s.name, s.pendingPods] as const));
  const shortfalls = [...pendingOf.values()].some((n) => n > 0)
    ? extraNodesNeeded(config, meshPods, pendingOf)
    : [];
  warnShortfalls(config, shortfalls, pendingOf, meshPods, warnings);
  const tap = createTap?.({ streams, services, instances }) ?? null;
  transport.tap = tap;
  const dataPlane = createDataPlane({
    config,
    instances,
    topology,
    engine,
    streams,
    warnings,
    onForward: transport.step,
    cpuContainer: (node, pod, name, limitCores, requestCores, memory) =>
      cpu.container(node, pod, name, limitCores, requestCores, memory),
    connections,
  });
  cpu.arrangePods();
  // The mesh's node agent (no proxy) on every node, with what it requests: counted with the proxies' requests.
  const agent = meshPods.nodeAgent;
  const nodeAgents =
    agent === undefined
      ? []
      : topology.nodes.map((node) => ({
          node,
          cpuRequestCores: agent.cpuRequestCores,
          memoryRequestMiB: agent.memoryRequestMiB,
        }));
  checkCpuRequests(cpu, instances, [...dataPlane.proxies(), ...nodeAgents], topology.nodes, warnings);
  checkWaypoints(config, dataPlane, warnings);
  checkProxyCpuLimits(config, dataPlane, warnings);
  checkTimeouts(config, warnings);
  checkMeshOptions(config.mesh, warnings);
  const shape = config.mesh.shape;
  const bulkheadSlots = new Map<string, BulkheadSlots>();
  const policies: PolicyContext = {
    engine,
    streams,
    warnings,
    shape,
    meshLoadBalancer: (caller, target) =>
      dataPlane.managedLoadBalancer?.(caller, target) ?? config.mesh.loadBalancer,
    outlierEjectionCap: config.mesh.outlierEjectionCap,
    successRateEjection: config.mesh.successRateEjection,
    connectionPoolDefaults: config.mesh.connectionPoolDefaults,
    clientEnforcer: (caller, target) => dataPlane.clientEnforcer(caller, target),
    shapeClientPolicies: (caller, target) => dataPlane.shapeClientPolicies?.(caller, target) ?? [],
    bulkheadsOf: (name) => services.get(name).config.inbound?.bulkheads,
    bulkheadSlots,
  };
  const traffic: TrafficContext = {
    engine,
    durationMs: config.durationMs,
    streams,
    calls: new CallContext(engine, dataPlane, transport, tap),
    dataPlane,
    warnings,
    edges,
    services,
    policies,
  };

  // Sources first, so their edges are listed first.
  const sources = createSources(traffic, config.traffic, callerKey);
  const callPlans: Downstream[][][] = [];
  for (const service of services.values()) {
    const plan = wireCallPlan(traffic, service);
    callPlans.push(plan);
    service.downstream = plan;
    const protection = createInboundProtection(
      service,
      knownEnforcer(dataPlane.serverEnforcer(service.name)),
      { warnings, shape },
      transport,
      dataPlane.inboundEnforcerSlots?.(service.name) ?? 0,
    );
    service.protection = protection;
    service.propagatesDeadlines = protection?.deadlines ?? false;
  }
  const nodeCrashes: NodeCrashRecord[] = [];
  scheduleFaults(
    {
      engine,
      durationMs: config.durationMs,
      mesh: config.mesh,
      services,
      dataPlane,
      streams,
      warnings,
      nodeCrashes,
    },
    config.faults,
  );
  return {
    config,
    engine,
    warnings,
    edges,
    services,
    instances,
    dataPlane,
    sources,
    callPlans,
    topology,
    cpu,
    connections,
    shortfalls,
    nodeAgents,
    nodeAgentKind: agent?.kind ?? null,
    nodeCrashes,
    podEvents,
  };
}
