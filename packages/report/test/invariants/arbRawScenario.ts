// fast-check arbitraries of random valid scenarios in the scenario format (plain data for resolveScenario),
// covering what the format can express: open- and closed-loop traffic, call policies, mirrors, fault
// injection, the application's own retries (appRetry), breakers, budgets, outlier detection, connection pools,
// inbound policies, versions and faults, and the model of overhead under load: node CPU, CPU limits, protocols,
// keep-alive, load-generator connections.
// Runs are short (200–500 ms simulated) so that a thousand fit in the suite.

import fc from 'fast-check';
import { uniform } from '../../../engine/test/__helpers__/uniform.js';
import { meshShapeNames } from '@meshsim/mesh';

/**
 * A random scenario as plain data, the largest number of tries any of its retry policies allows, and the tries of
 * the application's `appRetry` per edge (`'s0->s1'`; an edge without one is not named).
 */
export interface RandomScenario {
  input: Record<string, unknown>;
  maxAttempts: number;
  appAttempts: Record<string, number>;
}

const ms = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((n) => `${n}ms`);
const pct = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((n) => `${n}%`);

const arbServiceTime = fc.oneof(
  ms(0, 20),
  fc.integer({ min: 1, max: 20 }).map((mean) => ({ exponential: { mean: `${mean}ms` } })),
  fc
    .record({ median: fc.integer({ min: 1, max: 10 }), spread: fc.integer({ min: 2, max: 8 }) })
    .map(({ median, spread }) => ({ lognormal: { median: `${median}ms`, p99: `${median * spread}ms` } })),
);

const arbRetry = fc.record(
  {
    attempts: fc.integer({ min: 1, max: 4 }),
    retryOn: fc.subarray(['5xx', 'gateway-error', 'connect-failure', 'reset', 'per-try-timeout'], {
      minLength: 1,
    }),
    backoff: fc.record({
      base: ms(1, 20),
      max: ms(20, 200),
      jitter: fc.constantFrom('none', 'full', 'equal'),
    }),
  },
  { requiredKeys: ['attempts'] },
);

/** The calling application's own retries of a whole call (`appRetry`), around the mesh's. */
const arbAppRetry = fc.record(
  {
    attempts: fc.integer({ min: 1, max: 3 }),
    retryOn: fc.subarray(
      ['5xx', 'gateway-error', 'connect-failure', 'reset', 'overflow', 'per-try-timeout'],
      {
        minLength: 1,
      },
    ),
    backoff: fc.record(
      { base: ms(1, 20), max: ms(20, 200), jitter: fc.constantFrom('none', 'full', 'equal') },
      {
        requiredKeys: [],
      },
    ),
  },
  { requiredKeys: ['attempts'] },
);

const arbDestinationPolicy = fc.record(
  {
    connectionPool: fc.record(
      {
        maxConnections: fc.integer({ min: 1, max: 20 }),
        maxPendingRequests: fc.integer({ min: 0, max: 20 }),
        maxRequests: fc.integer({ min: 1, max: 20 }),
        maxRetries: fc.integer({ min: 0, max: 5 }),
      },
      { requiredKeys: [] },
    ),
    outlierDetection: fc.oneof(
      fc.constant('envoy-defaults'),
      fc.record({
        consecutive5xx: fc.integer({ min: 1, max: 5 }),
        interval: ms(50, 300),
        baseEjectionTime: ms(50, 500),
        maxEjectionPercent: fc.integer({ min: 10, max: 100 }),
      }),
    ),
    failureAccrual: fc.oneof(
      fc.constant('linkerd-defaults'),
      fc.record({
        maxFailures: fc.integer({ min: 1, max: 7 }),
        minPenalty: ms(10, 100),
        maxPenalty: ms(100, 400),
      }),
    ),
    errorRateBreaker: fc.oneof(
      fc.constant('hystrix-defaults'),
      fc.record({
        failureRate: pct(10, 100),
        minimumRequests: fc.integer({ min: 1, max: 20 }),
        window: ms(50, 500),
        openFor: ms(0, 300),
        halfOpenProbes: fc.integer({ min: 1, max: 3 }),
      }),
    ),
    retryBudget: fc.constantFrom('linkerd', 'envoy', 'grpc', 'aws-sdk'),
  },
  { requiredKeys: [] },
);

const arbTraffic = (target: string, name: string): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      name: fc.constant(name),
      to: fc.constant(target),
      load: fc.oneof(
        fc.record({ rate: fc.integer({ min: 10, max: 300 }).map((r) => `${r}/s`) }),
        fc.record(
          { users: fc.integer({ min: 1, max: 20 }), thinkTime: fc.oneof(ms(0, 50), fc.constant('0ms')) },
          { requiredKeys: ['users'] },
        ),
      ),
      timeout: fc.option(ms(20, 500), { nil: undefined }),
      retry: fc.option(arbRetry, { nil: undefined }),
      keepAlive: fc.option(fc.boolean(), { nil: undefined }),
      // Open loop only (set below): at most this many requests in flight, like `wrk2 -c`.
      connections: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    })
    .map(({ load, connections, ...rest }) =>
      strip({ ...rest, ...load, connections: 'rate' in load ? connections : undefined }),
    );

/** The object without its undefined fields. */
function strip(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

const arbServiceSpec = fc.record({
  replicas: fc.integer({ min: 1, max: 3 }),
  concurrency: fc.integer({ min: 1, max: 8 }),
  queue: fc.integer({ min: 0, max: 20 }),
  serviceTime: arbServiceTime,
  errorRate: fc.option(uniform(0, 0.3), { nil: undefined }),
  destinationPolicy: fc.option(arbDestinationPolicy, { nil: undefined }),
  rateLimit: fc.option(
    fc.record({ rps: fc.integer({ min: 5, max: 300 }), burst: fc.integer({ min: 1, max: 20 }) }),
    {
      nil: undefined,
    },
  ),
  shedding: fc.option(fc.oneof(fc.constant('codel'), fc.record({ 'queue-timeout': ms(1, 100) })), {
    nil: undefined,
  }),
  versions: fc.option(
    fc.record({
      weight: fc.integer({ min: 0, max: 100 }),
      errorRate: uniform(0, 0.5),
    }),
    {
      nil: undefined,
    },
  ),
  callTimeout: fc.option(ms(10, 400), { nil: undefined }),
  perTryTimeout: fc.option(ms(5, 200), { nil: undefined }),
  retry: fc.option(arbRetry, { nil: undefined }),
  // On about half the calls (fast-check draws none with probability 1 / freq), so that the rest run without it.
  appRetry: fc.option(arbAppRetry, { nil: undefined, freq: 2 }),
  optional: fc.boolean(),
  mirror: fc.option(pct(1, 100), { nil: undefined }),
  faultInjection: fc.option(
    fc.record(
      {
        delay: fc.record({ percent: pct(1, 50), fixed: ms(1, 50) }),
        abort: fc.record({ percent: pct(1, 50), status: fc.constantFrom(500, 503) }),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  bulkhead: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  restrictCallers: fc.boolean(),
  // The model of overhead under load (they matter when the scenario's nodes have CPU).
  cpuLimit: fc.option(fc.constantFrom('100m', '500m', 1, 2), { nil: undefined }),
  // Requests weigh placement (and may overcommit a node: then a warning).
  cpuRequest: fc.option(fc.constantFrom('50m', '250m', '1500m'), { nil: undefined }),
  proxyCpuLimit: fc.option(fc.constantFrom('200m', '2500m', 4), { nil: undefined }),
  // Memory requests: fitted on nodes with a memory size (a pod short of it is Pending), else only reported.
  memoryRequest: fc.option(fc.constantFrom('64Mi', '512Mi', '3Gi'), { nil: undefined }),
  // Memory limits (a limit alone is the request): with CPU limits alone, Guaranteed pods (the QoS class counts memory).
  memoryLimit: fc.option(fc.constantFrom('64Mi', '512Mi'), { nil: undefined }),
  proxyMemoryLimit: fc.option(fc.constantFrom('128Mi', '1Gi'), { nil: undefined }),
  onNodePool: fc.boolean(),
  // Without a nodePool, may also run on the pool (a toleration of its taint).
  toleratesPool: fc.boolean(),
  // Or stays on the cluster's own nodes by naming their pool (poolName).
  ownPool: fc.boolean(),
  serviceTimeCpu: fc.option(fc.constantFrom(0, 0.3, 1), { nil: undefined }),
  protocol: fc.option(fc.constantFrom('http1', 'http2'), { nil: undefined }),
  keepAlive: fc.option(fc.boolean(), { nil: undefined }),
  onDependencyFailure: fc.option(fc.constantFrom(502, 503, 'passthrough'), { nil: undefined }),
});

const arbFault = (services: number): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      at: fc.integer({ min: 0, max: 190 }),
      for: fc.integer({ min: 20, max: 400 }),
      service: fc.integer({ min: 0, max: services - 1 }),
      effect: fc.oneof(
        fc.record({
          latency: fc.oneof(
            ms(1, 100).map((d) => `+${d}`),
            fc.integer({ min: 2, max: 10 }).map((f) => `x${f}`),
          ),
        }),
        fc.record({ errorRate: uniform(0, 1) }),
        fc.constant({ crash: true }),
        fc.constant({ crashProxy: 'sidecar' }),
        fc.constant({ crashNode: true }),
        fc.constant({ controlPlaneOutage: true }),
      ),
    })
    .map(({ at, for: forMs, service, effect }) =>
      'controlPlaneOutage' in effect
        ? { at: `${at}ms`, for: `${forMs}ms`, ...effect }
        : { at: `${at}ms`, for: `${forMs}ms`, service: `s${service}`, instances: 1, ...effect },
    );

/** Random valid scenarios: 2–4 services in a chain s0 → s1 → …, each with random policies. */
export const arbRandomScenario: fc.Arbitrary<RandomScenario> = fc
  .integer({ min: 2, max: 4 })
  .chain((count) =>
    fc.record({
      seed: fc.integer({ min: 0, max: 10_000 }),
      durationMs: fc.integer({ min: 200, max: 500 }),
      mesh: fc.constantFrom(...meshShapeNames()),
      specs: fc.array(arbServiceSpec, { minLength: count, maxLength: count }),
      traffic: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 2 }),
      trafficSpecs: fc.tuple(arbTraffic('s0', 'users'), arbTraffic('s1', 'batch')),
      // Two open-loop sources with connections may share them as one load generator.
      connectionGroup: fc.boolean(),
      faults: fc.array(arbFault(count), { maxLength: 2 }),
      nodeCpu: fc.option(fc.constantFrom('500m', 1, 2, 8), { nil: undefined }),
      nodeMemory: fc.option(fc.constantFrom('1Gi', '4Gi'), { nil: undefined }),
      nodeMaxPods: fc.option(fc.constantFrom(3, 8, 29), { nil: undefined }),
      cpuWeights: fc.option(fc.constantFrom('quadratic', 'linear', 'shares'), { nil: undefined }),
      sharedPool: fc.boolean(),
      // The cluster's other DaemonSets: a pod slot and their requests on every node.
      daemonSets: fc.option(
        fc.constantFrom(
          [{ name: 'kube-proxy', cpuRequest: '100m' }],
          [
            { name: 'kube-proxy', cpuRequest: '100m' },
            { name: 'aws-node', cpuRequest: '25m', memoryRequest: '64Mi' },
          ],
        ),
        { nil: undefined },
      ),
    }),
  )
  .map(
    ({
      seed,
      durationMs,
      mesh,
      specs,
      trafficSpecs,
      traffic,
      connectionGroup,
      faults,
      nodeCpu,
      nodeMemory,
      nodeMaxPods,
      cpuWeights,
      sharedPool,
      daemonSets,
    }) => {
      const services: Record<string, unknown> = {};
      let maxAttempts = 3; // the istio-sidecar and app-mesh default retry policies make 3 tries
      const appAttempts: Record<string, number> = {};
      const sources = [...new Set(traffic)].map((i) => ({ ...(trafficSpecs[i] as Record<string, unknown>) }));
      const limited = sources.filter((source) => source['connections'] !== undefined);
      if (connectionGroup && limited.length === 2) {
        for (const source of limited) {
          source['connections'] = limited[0]?.['connections'];
          source['connectionGroup'] = 'generator';
        }
      }
      for (const source of sources) {
        maxAttempts = Math.max(
          maxAttempts,
          (source['retry'] as { attempts?: number } | undefined)?.attempts ?? 1,
        );
      }
      specs.forEach((spec, index) => {
        const name = `s${index}`;
        const next = index + 1 < specs.length ? `s${index + 1}` : undefined;
        const service: Record<string, unknown> = {
          replicas: spec.versions === undefined ? spec.replicas : spec.replicas + 1,
          concurrency: spec.concurrency,
          queue: spec.queue,
          serviceTime: spec.serviceTime,
        };
        if (spec.errorRate !== undefined) service['errorRate'] = spec.errorRate;
        if (spec.cpuLimit !== undefined) service['cpuLimit'] = spec.cpuLimit;
        // A request above its limit is refused, as Kubernetes refuses the pod: only drawn within the limit.
        if (
          spec.cpuRequest !== undefined &&
          (spec.cpuLimit === undefined || cores(spec.cpuRequest) <= cores(spec.cpuLimit))
        )
          service['cpuRequest'] = spec.cpuRequest;
        if (spec.proxyCpuLimit !== undefined) service['proxyCpuLimit'] = spec.proxyCpuLimit;
        if (spec.memoryRequest !== undefined) service['memoryRequest'] = spec.memoryRequest;
        // A limit below the request is invalid in Kubernetes: only drawn without a request.
        if (spec.memoryLimit !== undefined && spec.memoryRequest === undefined)
          service['memoryLimit'] = spec.memoryLimit;
        if (spec.proxyMemoryLimit !== undefined) service['proxyMemoryLimit'] = spec.proxyMemoryLimit;
        if (spec.onNodePool) service['nodePool'] = 'big';
        else if (spec.toleratesPool && specs.some((s) => s.onNodePool)) service['tolerates'] = ['big'];
        else if (spec.ownPool && specs.some((s) => s.onNodePool)) service['nodePool'] = 'default-pool';
        if (spec.serviceTimeCpu !== undefined) service['serviceTimeCpu'] = spec.serviceTimeCpu;
        if (spec.protocol !== undefined) service['protocol'] = spec.protocol;
        if (spec.onDependencyFailure !== undefined) service['onDependencyFailure'] = spec.onDependencyFailure;
        if (spec.destinationPolicy !== undefined) service['destinationPolicy'] = spec.destinationPolicy;
        const inbound: Record<string, unknown> = {};
        if (spec.rateLimit !== undefined) inbound['rateLimit'] = spec.rateLimit;
        if (spec.shedding !== undefined) inbound['shedding'] = spec.shedding;
        if (spec.restrictCallers && index > 0) inbound['allowedCallers'] = [`s${index - 1}`];
        if (spec.bulkhead !== undefined && next !== undefined)
          inbound['bulkheads'] = { [next]: spec.bulkhead };
        if (Object.keys(inbound).length > 0) service['inbound'] = inbound;
        if (spec.versions !== undefined) {
          service['versions'] = [
            { name: 'v1', replicas: spec.replicas, weight: 100 - spec.versions.weight },
            { name: 'v2', replicas: 1, weight: spec.versions.weight, errorRate: spec.versions.errorRate },
          ];
        }
        if (next !== undefined) {
          const call: Record<string, unknown> = { to: next, optional: spec.optional };
          if (spec.keepAlive !== undefined) call['keepAlive'] = spec.keepAlive;
          if (spec.callTimeout !== undefined) call['timeout'] = spec.callTimeout;
          if (spec.perTryTimeout !== undefined) call['perTryTimeout'] = spec.perTryTimeout;
          if (spec.retry !== undefined) {
            call['retry'] = spec.retry;
            maxAttempts = Math.max(maxAttempts, spec.retry.attempts);
          }
          if (spec.appRetry !== undefined) {
            call['appRetry'] = spec.appRetry;
            appAttempts[`${name}->${next}`] = spec.appRetry.attempts;
          }
          const mirrorTarget = index + 2 < specs.length ? `s${index + 2}` : undefined;
          if (spec.mirror !== undefined && mirrorTarget !== undefined) {
            call['mirror'] = { to: mirrorTarget, percent: spec.mirror };
          }
          if (spec.faultInjection !== undefined && Object.keys(spec.faultInjection).length > 0) {
            call['faultInjection'] = spec.faultInjection;
          }
          service['calls'] = [call];
        }
        services[name] = service;
      });
      return {
        input: {
          name: 'random',
          seed,
          duration: `${durationMs}ms`,
          mesh,
          ...(nodeCpu === undefined ? {} : { nodeCpu }),
          ...(nodeMemory === undefined ? {} : { nodeMemory }),
          ...(nodeMaxPods === undefined ? {} : { nodeMaxPods }),
          ...(cpuWeights === undefined ? {} : { cpuWeights }),
          ...(daemonSets === undefined ? {} : { daemonSets }),
          // A pool of larger nodes in one zone for the services that name it (and, shared, for any).
          ...(specs.some((spec) => spec.onNodePool) && {
            clusters: [
              {
                name: 'cluster-1',
                poolName: 'default-pool',
                zones: [
                  { name: 'zone-a', nodes: 2 },
                  { name: 'zone-b', nodes: 2 },
                ],
                nodePools: [
                  { name: 'big', nodeCpu: 8, shared: sharedPool, zones: [{ name: 'zone-a', nodes: 1 }] },
                ],
              },
            ],
          }),
          services,
          traffic: sources,
          faults,
        },
        maxAttempts,
        appAttempts,
      };
    },
  );

/** A CPU quantity as the arbitraries write one (`250m`, `1`) in cores. */
function cores(quantity: string | number): number {
  return typeof quantity === 'number'
    ? quantity
    : Number(quantity.replace(/m$/, '')) / (quantity.endsWith('m') ? 1000 : 1);
}
