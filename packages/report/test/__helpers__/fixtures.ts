// Hand-made SimulationResult fixtures for the renderer tests: a small three-service run and an empty one, and a
// diagnosis of the small run.

import type { Diagnosis, RunFigures } from '@meshsim/analysis';
import { FAILURE_CAUSES } from '@meshsim/mesh';
import type {
  EdgeMetrics,
  FailureCause,
  LatencySummary,
  ResolvedProxyProfile,
  SimulationResult,
} from '@meshsim/mesh';

import {
  renderEdgesCsv,
  renderJson,
  renderOpenMetrics,
  renderNodesCsv,
  renderProxiesCsv,
  renderServiceSeriesCsv,
  renderText,
  renderTimeSeriesCsv,
} from '../../src/index.js';

// Built from FAILURE_CAUSES so that a new cause in the model needs no change here.
const NO_FAILURES = Object.fromEntries(FAILURE_CAUSES.map((cause) => [cause, 0])) as Record<
  FailureCause,
  number
>;

/** A latency summary with every field zero (no completed call). */
export function emptyLatency(): LatencySummary {
  return { count: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
}

/** An edge with no traffic at all. */
export function emptyEdge(source: string, destination: string): EdgeMetrics {
  return {
    source,
    destination,
    calls: 0,
    attempts: 0,
    retries: 0,
    succeeded: 0,
    failed: 0,
    failures: { ...NO_FAILURES },
    inFlight: 0,
    waitingAtSource: 0,
    successRate: null,
    latency: emptyLatency(),
    policyEvents: {},
    policyTimeMs: {},
    mtls: true,
    connectionsOpened: 0,
    outlierDetectors: 0,
  };
}

/**
 * The Istio 1.20–1.24 sidecar profile with `latency: 1ms`, `cpuPerRequest: 0.5ms` and `memoryBase: 80Mi` set by the
 * scenario (the other fields as `resolveMeshConfig` fills them; memory per endpoint 1,380 bytes).
 */
export function istioSidecarProfile(): ResolvedProxyProfile {
  return {
    name: 'sidecar',
    kind: 'envoy-sidecar',
    setByScenario: ['latencyMs', 'cpuMsPerRequest', 'memoryBaseMiB'],
    latencyMs: { kind: 'constant', value: 1 },
    workers: 2,
    cpuMsPerRequest: 0.5,
    cpuMsPerKiB: 0,
    memoryBaseMiB: 80,
    memoryPerEndpointKiB: 1380 / 1024,
    memoryPerConnectionKiB: 0,
    cpuLimitCores: 2,
    cpuRequestCores: 0.1,
    memoryRequestMiB: 128,
    memoryLimitMiB: 1024,
    tlsHandshakeCpuMs: 0.6,
  };
}

/**
 * The profiles of a default `layered` mesh (Istio ambient inside, the Lattice hop between), with the waypoint's
 * `replicas: 2` set by the scenario: no limits on the ztunnel and the hop (null), no queueing at the hop.
 */
export function layeredProfiles(): ResolvedProxyProfile[] {
  const envoy = { cpuMsPerKiB: 0, memoryPerEndpointKiB: 1380 / 1024, memoryPerConnectionKiB: 0 };
  return [
    {
      name: 'ztunnel',
      kind: 'ztunnel',
      setByScenario: [],
      latencyMs: { kind: 'lognormal', median: 0.03375, p99: 0.06824 },
      workers: 2,
      cpuMsPerRequest: 0.06,
      memoryBaseMiB: 12 / 1.048576,
      ...envoy,
      memoryPerEndpointKiB: 0.5,
      cpuLimitCores: null,
      cpuRequestCores: 0.2,
      memoryRequestMiB: 512,
      memoryLimitMiB: null,
      tlsHandshakeCpuMs: 0.3,
    },
    {
      name: 'waypoint',
      kind: 'waypoint',
      setByScenario: ['replicas'],
      latencyMs: { kind: 'lognormal', median: 0.03817, p99: 0.1161 },
      workers: 2,
      cpuMsPerRequest: 0.25,
      memoryBaseMiB: 60 / 1.048576,
      ...envoy,
      cpuLimitCores: 2,
      cpuRequestCores: 0.1,
      memoryRequestMiB: 128,
      memoryLimitMiB: 1024,
      tlsHandshakeCpuMs: 0.6,
      replicas: 2,
    },
    {
      name: 'lattice',
      kind: 'vpc-lattice',
      setByScenario: [],
      latencyMs: { kind: 'lognormal', median: 0.9371, p99: 3.249 },
      workers: null,
      cpuMsPerRequest: 0,
      memoryBaseMiB: 0,
      cpuMsPerKiB: 0,
      memoryPerEndpointKiB: 0,
      memoryPerConnectionKiB: 0,
      cpuLimitCores: null,
      cpuRequestCores: 0,
      memoryRequestMiB: 0,
      memoryLimitMiB: null,
      tlsHandshakeCpuMs: 0,
    },
  ];
}

/**
 * A 10 s run of client → frontend → checkout under istio-sidecar, with retries, timeouts and rejections
 * on the checkout edge and awkward floats (1/3) to exercise rounding.
 */
export function makeResult(): SimulationResult {
  return {
    scenario: {
      name: 'retry-storm',
      description: 'Retries amplify a latency spike into an outage.',
      seed: 42,
      durationMs: 10_000,
      mesh: 'istio-sidecar',
      meshProfiles: [istioSidecarProfile()],
    },
    events: 1_234_567,
    edges: [
      {
        source: 'client',
        destination: 'frontend',
        calls: 8000,
        attempts: 8000,
        retries: 0,
        succeeded: 7900,
        failed: 95,
        failures: { ...NO_FAILURES, timeout: 60, error: 35 },
        inFlight: 5,
        waitingAtSource: 0,
        successRate: 7900 / 7995,
        latency: {
          count: 7900,
          meanMs: 6.1,
          p50Ms: 4.2123,
          p90Ms: 9.87,
          p99Ms: 31.456,
          p999Ms: 120.5,
          maxMs: 1001.25,
        },
        policyEvents: {},
        policyTimeMs: {},
        mtls: true,
        connectionsOpened: 0,
        outlierDetectors: 0,
      },
      {
        source: 'frontend',
        destination: 'checkout',
        calls: 7995,
        attempts: 9500,
        retries: 1510,
        succeeded: 7895,
        failed: 100,
        failures: { ...NO_FAILURES, 'per-try-timeout': 40, rejected: 50, reset: 3, 'breaker-open': 7 },
        inFlight: 0,
        waitingAtSource: 0,
        successRate: 7895 / 7995,
        latency: {
          count: 7895,
          meanMs: 1 / 3,
          p50Ms: 0.2512,
          p90Ms: 0.61,
          p99Ms: 2.5,
          p999Ms: 8.25,
          maxMs: 300,
        },
        // Deliberately not sorted: renderers must sort.
        policyEvents: { 'retry-budget-denied': 120, 'breaker-trip': 2 },
        policyTimeMs: {},
        mtls: true,
        connectionsOpened: 0,
        outlierDetectors: 0,
      },
    ],
    services: [
      {
        name: 'frontend',
        namespace: 'default',
        cluster: 'primary',
        instances: 3,
        pendingPods: 0,
        concurrency: 64,
        arrived: 8000,
        completed: 7993,
        rejected: 0,
        errors: 35,
        wasted: 12,
        utilisation: 0.4567,
        maxQueueLength: 17,
        rateLimited: 0,
        denied: 0,
        shed: 0,
        deadlineDropped: 0,
        cancelled: 0,
        versions: [],
        cpuCores: 0,
        cpuThrottledMs: 0,
        sidecarThrottledMs: 0,
        cpuWaitMs: 42.5,
        sidecarCpuWaitMs: 3.25,
        podQosClass: 'Burstable',
        podCpuWeight: 4,
        latency: { count: 7993, meanMs: 5.9, p50Ms: 4.1, p90Ms: 9.5, p99Ms: 30.9, p999Ms: 118, maxMs: 1000 },
      },
      {
        name: 'checkout',
        namespace: 'default',
        cluster: 'primary',
        instances: 2,
        pendingPods: 0,
        concurrency: 16,
        arrived: 9450,
        completed: 9398,
        rejected: 50,
        errors: 0,
        wasted: 210,
        utilisation: 2 / 3,
        maxQueueLength: 128,
        rateLimited: 0,
        denied: 0,
        shed: 0,
        deadlineDropped: 0,
        cancelled: 0,
        versions: [],
        cpuCores: 0,
        cpuThrottledMs: 0,
        sidecarThrottledMs: 0,
        cpuWaitMs: 0,
        sidecarCpuWaitMs: 0,
        podQosClass: null,
        podCpuWeight: null,
        latency: { count: 9398, meanMs: 0.3, p50Ms: 0.25, p90Ms: 0.6, p99Ms: 2.4, p999Ms: 8, maxMs: 299 },
      },
    ],
    proxies: {
      count: 5,
      cpuCores: 0.3333333333,
      cpuRequestedCores: 0.5,
      memoryMiB: 300.25,
      memoryRequestedMiB: 640,
      byKind: [
        {
          kind: 'envoy-sidecar',
          count: 5,
          cpuCores: 0.3333333333,
          memoryMiB: 300.25,
          queued: 42,
          throttledMs: 0,
          cpuWaitMs: 0,
          cpuRequestedCores: 0.5,
          memoryRequestedMiB: 640,
        },
      ],
    },
    nodes: [],
    extraNodesNeeded: null,
    connections: { pools: 0, opened: 0, tlsHandshakes: 0, handshakeCpuMs: 0 },
    timeSeries: {
      intervalMs: 5000,
      startMs: [0, 5000],
      edges: [
        {
          source: 'client',
          destination: 'frontend',
          calls: [4000, 4000],
          succeeded: [3990, 3910],
          failed: [5, 90],
          retries: [0, 0],
          p50Ms: [4.1, 4.3],
          p99Ms: [20.5, 40.25],
          goodput: [3990, 3910],
          successesByLateness: [[3900, 90], [3910]],
        },
        {
          source: 'frontend',
          destination: 'checkout',
          calls: [3995, 3995],
          succeeded: [3990, 0],
          failed: [3, 90],
          retries: [10, 1500],
          p50Ms: [0.25, 0],
          p99Ms: [2.5, 0],
          goodput: [3990, 0],
        },
      ],
      services: [
        {
          name: 'frontend',
          utilisation: [0.3, 0.6],
          queueLength: [0, 17],
          completed: [3995, 3998],
          rejected: [0, 0],
        },
        {
          name: 'checkout',
          utilisation: [0.5, 0.8],
          queueLength: [0, 128],
          completed: [4500, 4898],
          rejected: [0, 50],
        },
      ],
    },
    mtlsCoverage: 1,
    conservation: { offered: 8000, succeeded: 7900, failed: 95, inFlight: 5, holds: true },
    warnings: ['mesh none cannot enforce retries on frontend → checkout'],
    assumptions: ['Sidecar latency is lognormal, fitted to Istio 1.20 benchmark p90/p99 (guess).'],
  };
}

/**
 * A run in which nothing happened: zero duration, no calls, no proxies, an edge without traffic,
 * an empty time series.
 */
export function makeEmptyResult(): SimulationResult {
  return {
    scenario: { name: 'empty', description: '', seed: 'abc', durationMs: 0, mesh: 'none' },
    events: 0,
    edges: [emptyEdge('client', 'frontend')],
    services: [
      {
        name: 'frontend',
        namespace: 'default',
        cluster: 'primary',
        instances: 1,
        pendingPods: 0,
        concurrency: 1,
        arrived: 0,
        completed: 0,
        rejected: 0,
        errors: 0,
        wasted: 0,
        utilisation: Number.NaN,
        maxQueueLength: 0,
        rateLimited: 0,
        denied: 0,
        shed: 0,
        deadlineDropped: 0,
        cancelled: 0,
        versions: [],
        cpuCores: 0,
        cpuThrottledMs: 0,
        sidecarThrottledMs: 0,
        cpuWaitMs: 0,
        sidecarCpuWaitMs: 0,
        podQosClass: null,
        podCpuWeight: null,
        latency: emptyLatency(),
      },
    ],
    proxies: { count: 0, cpuCores: 0, memoryMiB: 0, byKind: [] },
    nodes: [],
    extraNodesNeeded: null,
    connections: { pools: 0, opened: 0, tlsHandshakes: 0, handshakeCpuMs: 0 },
    timeSeries: {
      intervalMs: 1000,
      startMs: [0],
      edges: [
        {
          source: 'client',
          destination: 'frontend',
          calls: [0],
          succeeded: [0],
          failed: [0],
          retries: [0],
          p50Ms: [0],
          p99Ms: [0],
          goodput: [0],
        },
      ],
      services: [{ name: 'frontend', utilisation: [0], queueLength: [0], completed: [0], rejected: [0] }],
    },
    mtlsCoverage: 1,
    conservation: { offered: 0, succeeded: 0, failed: 0, inFlight: 0, holds: true },
    warnings: [],
    assumptions: [],
  };
}

/**
 * {@link makeResult} under a priced two-kind shape (`layered`: ztunnels plus a managed hop that does not
 * count as a proxy), with a canary version and server-side protections on checkout, so that every text
 * table and every proxy cost field has something to show.
 */
export function makePricedResult(): SimulationResult {
  const result = makeResult();
  result.scenario = {
    ...result.scenario,
    name: 'priced "layered"',
    mesh: 'layered',
    meshProfiles: layeredProfiles(),
  };
  const checkout = result.services[1];
  if (checkout === undefined) throw new Error('makeResult has two services');
  // A policy time: a duration [ms], reported apart from the counts.
  const checkoutEdge = result.edges[1];
  if (checkoutEdge === undefined) throw new Error('makeResult has two edges');
  checkoutEdge.policyTimeMs = { 'breaker-open': 1234.5678 };
  checkout.rateLimited = 30;
  checkout.shed = 4;
  checkout.deadlineDropped = 2;
  checkout.pendingPods = 1;
  checkout.versions = [
    {
      name: 'v1',
      instances: 2,
      arrived: 8505,
      completed: 8460,
      rejected: 45,
      errors: 0,
      successRate: 8460 / 8505,
    },
    {
      name: 'v2',
      instances: 1,
      arrived: 945,
      completed: 938,
      rejected: 5,
      errors: 12,
      successRate: 926 / 943,
    },
  ];
  result.proxies = {
    count: 6,
    cpuCores: 0.1591,
    cpuRequestedCores: 3,
    memoryMiB: 137.4,
    memoryRequestedMiB: 3072,
    byKind: [
      {
        kind: 'ztunnel',
        count: 6,
        cpuCores: 0.1591,
        memoryMiB: 137.4,
        queued: 360,
        traversals: 64_000,
        costPerMonthUsd: 5.1403,
        maxMemoryMiB: 22.9,
        throttledMs: 12.5,
        cpuWaitMs: 7.25,
        handshakes: 24,
        cpuRequestedCores: 3,
        memoryRequestedMiB: 3072,
      },
      {
        kind: 'vpc-lattice',
        count: 2,
        cpuCores: 0,
        memoryMiB: 0,
        queued: 0,
        throttledMs: 0,
        cpuWaitMs: 0,
        traversals: 3_200,
        costPerMonthUsd: 36.7775,
      },
    ],
    costPerMonthUsd: 41.9178,
    requestedCostPerMonthUsd: 98.6434,
    priceSource: 'list prices, "test" table',
  };
  // Nodes with a size: the node and service CPU tables print.
  result.extraNodesNeeded = 2;
  result.nodes = [
    {
      name: 'east/zone-a/node-1',
      cluster: 'east',
      zone: 'zone-a',
      cores: 2,
      pods: 3,
      meshNodePods: 1,
      systemPods: 0,
      maxPods: 110,
      cpuRequestedCores: 0.75,
      memoryMiB: 4096,
      memoryRequestedMiB: 1536,
      utilisation: 0.4321,
      maxRunnable: 5,
    },
    {
      name: 'east/zone-b/node-1',
      cluster: 'east',
      zone: 'zone-b',
      cores: 2,
      pods: 1,
      meshNodePods: 0,
      systemPods: 0,
      maxPods: 29,
      cpuRequestedCores: 0,
      memoryMiB: 4096,
      memoryRequestedMiB: 0,
      utilisation: 0.9,
      maxRunnable: 9,
    },
  ];
  checkout.cpuCores = 1.2345;
  checkout.cpuThrottledMs = 250;
  result.connections = { pools: 4, opened: 12, tlsHandshakes: 12, handshakeCpuMs: 9.6 };
  return result;
}

/**
 * `result` as a run of `of`'s scenario (its name, seed and duration) under its own mesh: what a comparison takes
 * (summarizeComparison refuses runs of different scenarios, seeds or durations).
 */
export function asRunOf(result: SimulationResult, of: SimulationResult): SimulationResult {
  const { name, seed, durationMs } = of.scenario;
  return { ...result, scenario: { ...result.scenario, name, seed, durationMs } };
}

/**
 * {@link makePricedResult} as a shape of {@link makeResult}'s scenario (its name: the priced fixture's own name
 * exercises quoting in a single run's outputs), for comparisons beside it.
 */
export function makePricedShape(): SimulationResult {
  return asRunOf(makePricedResult(), makeResult());
}

/**
 * {@link makeResult} as if a Zeno guard had stopped it at 4 s of its 10 s: its time series is one interval, 0–4 s,
 * holding the counts of both of makeResult's (a run's series ends where it stopped).
 */
export function makeStoppedResult(): SimulationResult {
  const result = makeResult();
  const sum = (values: readonly number[]): number[] => [values.reduce((a, b) => a + b, 0)];
  const max = (values: readonly number[]): number[] => [Math.max(...values)];
  const mean = (values: readonly number[]): number[] => [sum(values)[0]! / values.length];
  const timeSeries = {
    intervalMs: result.timeSeries.intervalMs,
    startMs: [0],
    edges: result.timeSeries.edges.map((edge) => ({
      ...edge,
      calls: sum(edge.calls),
      succeeded: sum(edge.succeeded),
      failed: sum(edge.failed),
      retries: sum(edge.retries),
      p50Ms: max(edge.p50Ms),
      p99Ms: max(edge.p99Ms),
    })),
    services: result.timeSeries.services.map((service) => ({
      ...service,
      utilisation: mean(service.utilisation),
      queueLength: max(service.queueLength),
      completed: sum(service.completed),
      rejected: sum(service.rejected),
    })),
  };
  return {
    ...result,
    timeSeries,
    stopped: {
      reason: 'zeno',
      atMs: 4000,
      limit: 1_000_000,
      message:
        'more than 1,000,000 events at 4,000 ms of simulated time (maxEventsAtOneInstant): simulated time stopped advancing; calls at that instant: client → frontend (9,000); traffic sources: client',
      loop: {
        sources: ['client'],
        edges: [{ source: 'client', destination: 'frontend', calls: 9000 }],
        sampledEvents: 10_000,
      },
    },
  };
}

/** Every renderer of the package applied to `result`, by name. */
export function renderAll(result: SimulationResult): Record<string, string> {
  return {
    text: renderText(result),
    json: renderJson(result),
    edgesCsv: renderEdgesCsv(result),
    proxiesCsv: renderProxiesCsv(result),
    nodesCsv: renderNodesCsv(result),
    timeSeriesCsv: renderTimeSeriesCsv(result),
    serviceSeriesCsv: renderServiceSeriesCsv(result),
    openMetrics: renderOpenMetrics(result),
  };
}

/**
 * A hand-made diagnosis (not computed from a result; its times are those of a 90 s run): metastable after a latency
 * fault on checkout, with one source, a sustaining loop, one depth of amplification and a cascade — every block the
 * diagnosis renderers show.
 */
export function makeDiagnosis(): Diagnosis {
  return {
    verdict: 'metastable',
    lossy: false,
    reason: 'client: goodput is still 0.0 % of offered calls 40 s after the last trigger ended',
    triggers: [
      {
        kind: 'fault',
        description: 'latency fault on checkout',
        origin: 'checkout slowed (+200 ms latency fault)',
        startMs: 30_000,
        endMs: 50_000,
      },
    ],
    lastTriggerEndMs: 50_000,
    recoveryMs: null,
    stillDownMs: 40_000,
    sources: [
      {
        source: 'client',
        to: 'frontend',
        verdict: 'metastable',
        referenceRatio: 0.999,
        minRatio: 0,
        finalRatio: 0,
        degradedAtMs: 31_000,
        recoveredAtMs: null,
        recoveryMs: null,
        stillDownMs: 40_000,
        lossy: false,
        backlog: null,
        reason: 'still down',
      },
    ],
    loop: {
      fromMs: 50_000,
      toMs: 90_000,
      saturated: ['checkout'],
      edges: [
        {
          source: 'frontend',
          destination: 'checkout',
          depth: 2,
          mechanisms: ['retries', 'queue'],
          attemptsPerCall: 2.99,
          attemptsRps: 4000,
          calleeUtilisation: 1,
          calleeQueueLength: 767,
        },
      ],
      wastedShare: { checkout: 0.72 },
      summary: 'checkout saturated; frontend → checkout: retries + queue',
    },
    amplification: [
      {
        depth: 1,
        edges: ['client → frontend'],
        baseline: 1,
        during: 3,
        duringRatio: 3,
        window: 2.98,
        ratio: 2.98,
      },
    ],
    cascade: [{ service: 'checkout', atMs: 30_000, depth: 2, signal: 'saturated' }],
    saturatedBeforeTrigger: [],
  };
}

/** The headline figures of one run for paired-difference tests: end-to-end p99 and success as given, the rest fixed. */
export function figuresWith(p99: number, success: number): RunFigures {
  return {
    successRatio: success,
    goodputRps: 0,
    endToEndP50Ms: 0,
    endToEndP99Ms: p99,
    attemptsPerCall: 1,
    workPerRequest: 1,
    proxyCpuCores: 0,
    proxyCpuRequestedCores: 0,
    proxyMemoryMiB: 0,
    proxyMemoryRequestedMiB: 0,
    nodeCpuUtilisation: null,
    pendingPods: null,
    extraNodesNeeded: null,
    proxyCostPerMonthUsd: null,
    proxyRequestsCostPerMonthUsd: null,
  };
}
