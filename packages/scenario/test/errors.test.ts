import { meshShapeNames } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { ScenarioError, formatScenarioIssue, parseScenario } from '../src/index.js';
import { issuesOf, messagesOf, minimal, parseError } from './__helpers__/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case pokes at arbitrary raw fields
type Mutation = (s: any) => void;

/** The mesh shapes as an enum error lists them (the list grows as shapes are added). */
const SHAPES = meshShapeNames()
  .map((shape) => JSON.stringify(shape))
  .join(', ');

const DURATION = 'a duration such as 250ms, 1.5s, 5m, 300us or a number of milliseconds';

const CASES: [string, Mutation, string[]][] = [
  [
    'retry.attempts 0: attempts counts every try, so 1 means no retries (Istio counts retries only)',
    (s) => (s.services.frontend.calls[0].retry = { attempts: 0 }),
    [
      "test.yaml: services.frontend.calls[0].retry.attempts: must be an integer >= 1: attempts counts every try including the first, so 1 means no retries (Istio's attempts: 0) (got 0)",
    ],
  ],
  [
    'appRetry.attempts 0: the application retries count every try too',
    (s) => (s.services.frontend.calls[0].appRetry = { attempts: 0 }),
    [
      "test.yaml: services.frontend.calls[0].appRetry.attempts: must be an integer >= 1: attempts counts every try including the first, so 1 means no retries (Istio's attempts: 0) (got 0)",
    ],
  ],
  [
    "appRetry has no perTryTimeout (each try is a call, with the call's own timeouts)",
    (s) => (s.services.frontend.calls[0].appRetry = { attempts: 2, perTryTimeout: '1s' }),
    [
      "test.yaml: services.frontend.calls[0].appRetry.perTryTimeout: unknown field: each try of the application is a whole call, so the call's own timeout and perTryTimeout apply to it: set them on the call",
    ],
  ],
  [
    'appRetry has no timeout either, in a parallel group too',
    (s) =>
      (s.services.frontend.calls = [
        { parallel: [{ to: 'backend' }, { to: 'backend', appRetry: { attempts: 2, timeout: '1s' } }] },
      ]),
    [
      "test.yaml: services.frontend.calls[0].parallel[1].appRetry.timeout: unknown field: each try of the application is a whole call, so the call's own timeout and perTryTimeout apply to it: set them on the call",
    ],
  ],
  [
    'appRetry without attempts: required, as in retry',
    (s) => (s.services.frontend.calls[0].appRetry = { retryOn: ['5xx'] }),
    ['test.yaml: services.frontend.calls[0].appRetry.attempts: is required'],
  ],
  [
    'retry without attempts: required',
    (s) => (s.services.frontend.calls[0].retry = { retryOn: ['5xx'] }),
    ['test.yaml: services.frontend.calls[0].retry.attempts: is required'],
  ],
  [
    'nodes: { count, cpu } (a node pool as other tools write it): told how meshsim sizes and counts nodes',
    (s) => ((s as Record<string, unknown>)['nodes'] = { count: 4, cpu: 2 }),
    [
      "test.yaml: nodes: unknown field: a node pool is written by its size and its zones: nodeCpu, nodeMemory and nodeMaxPods give the size of every node, and the number of nodes is each zone's `nodes` in clusters[].zones (default: one cluster, 3 zones × 4 nodes)",
    ],
  ],
  [
    "appRetry on a traffic source: its retry is already the client's own",
    (s) => (s.traffic[0].appRetry = { attempts: 2 }),
    [
      "test.yaml: traffic[0].appRetry: unknown field: a source's retry is already its client's own retries (no mesh hop sits between the client and its retries); write them there",
    ],
  ],
  [
    'an unknown top-level key, close to a known one',
    (s) => (s.duraton = '5s'),
    ['test.yaml: duraton: unknown field (did you mean "duration"?)'],
  ],
  [
    'an unknown key far from any known one',
    (s) => (s.services.frontend.calls[0].color = 'red'),
    [
      'test.yaml: services.frontend.calls[0].color: unknown field; expected one of: to, probability, optional, keepAlive, forClasses, timeout, perTryTimeout, retry, appRetry, mirror, faultInjection',
    ],
  ],
  [
    'a misspelt distribution kind',
    (s) => (s.services.backend.serviceTime = { exponental: { mean: '1ms' } }),
    ['test.yaml: services.backend.serviceTime.exponental: unknown field (did you mean "exponential"?)'],
  ],
  [
    'a call to an unknown service',
    (s) => (s.services.frontend.calls[0].to = 'backnd'),
    [
      'test.yaml: services.frontend.calls[0].to: unknown service "backnd" (did you mean "backend"?); known services: frontend, backend',
    ],
  ],
  [
    'a call cycle',
    (s) => (s.services.backend.calls = [{ to: 'frontend' }]),
    [
      'test.yaml: services.backend.calls[0].to: call cycle frontend → backend → frontend: a request would call itself forever (the model needs an acyclic call graph)',
    ],
  ],
  [
    'a service calling itself',
    (s) => (s.services.backend.calls = [{ parallel: [{ to: 'backend' }] }]),
    [
      'test.yaml: services.backend.calls[0].parallel[0].to: call cycle backend → backend: a request would call itself forever (the model needs an acyclic call graph)',
    ],
  ],
  [
    'traffic to an unknown service',
    (s) => (s.traffic[0].to = 'nope'),
    ['test.yaml: traffic[0].to: unknown service "nope"; known services: frontend, backend'],
  ],
  [
    'a traffic source running in an unknown service (from)',
    (s) => (s.traffic[0].from = 'frontnd'),
    [
      'test.yaml: traffic[0].from: unknown service "frontnd" (did you mean "frontend"?); known services: frontend, backend',
    ],
  ],
  [
    'a fault on an unknown service',
    (s) => (s.faults = [{ at: '1s', service: 'front', crash: true }]),
    ['test.yaml: faults[0].service: unknown service "front"; known services: frontend, backend'],
  ],
  [
    'an unknown library service',
    (s) => (s.mesh = { shape: 'library', libraryServices: ['frontnd'] }),
    [
      'test.yaml: mesh.libraryServices[0]: unknown service "frontnd" (did you mean "frontend"?); known services: frontend, backend',
    ],
  ],
  [
    'an unknown cluster',
    (s) => (s.services.backend.cluster = 'east'),
    ['test.yaml: services.backend.cluster: unknown cluster "east"; known clusters: cluster-1'],
  ],
  [
    'a rate schedule not starting at 0',
    (s) => (s.traffic[0].rate = [{ at: '1s', rps: 5 }]),
    ['test.yaml: traffic[0].rate[0].at: the first point must be at 0 (got "1s")'],
  ],
  [
    'rate points out of order',
    (s) =>
      (s.traffic[0].rate = [
        { at: 0, rps: 5 },
        { at: '10s', rps: 6 },
        { at: '10s', rps: 7 },
      ]),
    ['test.yaml: traffic[0].rate[2].at: must be after the previous point (10s) (got "10s")'],
  ],
  [
    'rate points out of order after a bare number: milliseconds, said',
    (s) =>
      (s.traffic[0].rate = [
        { at: 0, rps: 5 },
        { at: 3000, rps: 6 },
        { at: '2s', rps: 7 },
      ]),
    [
      'test.yaml: traffic[0].rate[2].at: must be after the previous point (3000 ms: a bare number is milliseconds; write 3000s for seconds) (got "2s")',
    ],
  ],
  [
    'a ramp on the first point',
    (s) => (s.traffic[0].rate = [{ at: 0, rps: 5, ramp: true }]),
    [
      'test.yaml: traffic[0].rate[0].ramp: the first point cannot ramp (ramp: true ramps from the previous point)',
    ],
  ],
  [
    "a point's bad time is said once, not again as out of order",
    (s) =>
      (s.traffic[0].rate = [
        { at: 0, rps: 300 },
        { at: 'soon', rps: 1500 },
      ]),
    [`test.yaml: traffic[0].rate[1].at: must be ${DURATION} (got "soon")`],
  ],
  [
    'a rate schedule written as a list of numbers: each item shows the point form',
    (s) => (s.traffic[0].rate = [300, 1500]),
    [
      'test.yaml: traffic[0].rate[0]: must be a point { at, rps } (a schedule is a list of them, e.g. [{ at: 0s, rps: 300 }, { at: 40s, rps: 1500, ramp: true }]) (got 300)',
      'test.yaml: traffic[0].rate[1]: must be a point { at, rps } (a schedule is a list of them, e.g. [{ at: 0s, rps: 300 }, { at: 40s, rps: 1500, ramp: true }]) (got 1500)',
    ],
  ],
  [
    'a rate that is not a rate',
    (s) => (s.traffic[0].rate = 'fast'),
    ['test.yaml: traffic[0].rate: must be a rate such as 800, 800/s, 48000/m or 800rps (got "fast")'],
  ],
  [
    'a probability above 1',
    (s) => (s.services.frontend.calls[0].probability = 1.5),
    ['test.yaml: services.frontend.calls[0].probability: must be a probability in [0, 1] (got 1.5)'],
  ],
  [
    'an unknown mesh shape',
    (s) => (s.mesh = 'kuma'),
    [
      `test.yaml: mesh: must be one of ${SHAPES} (got "kuma") (a shape of your own must be registered first: ` +
        'registerMeshShape in code, --shape-module FILE on the command line)',
    ],
  ],
  [
    'a word of several shape names suggests each of them',
    (s) => (s.mesh = 'istio'),
    [
      `test.yaml: mesh: must be one of ${SHAPES} (got "istio") (did you mean "istio-sidecar" or "istio-ambient"?)`,
    ],
  ],
  [
    'a word of one shape name suggests it',
    (s) => (s.mesh = 'ambient'),
    [`test.yaml: mesh: must be one of ${SHAPES} (got "ambient") (did you mean "istio-ambient"?)`],
  ],
  [
    'a shape name with words added (the product name) suggests the shape, not registering one',
    (s) => (s.mesh = 'cilium-service-mesh'),
    [`test.yaml: mesh: must be one of ${SHAPES} (got "cilium-service-mesh") (did you mean "cilium"?)`],
  ],
  [
    'a misspelt mesh shape',
    (s) => (s.mesh = 'isto-sidecar'),
    [`test.yaml: mesh: must be one of ${SHAPES} (got "isto-sidecar") (did you mean "istio-sidecar"?)`],
  ],
  [
    "Cilium's per-node Envoy written as envoy: nodeProxy is its name",
    (s) => (s.mesh = { shape: 'cilium', envoy: { cpuPerRequest: '0.1ms' } }),
    [
      "test.yaml: mesh.envoy: Cilium's per-node Envoy is nodeProxy in meshsim: write mesh.nodeProxy (the node Envoy's profile); " +
        "the Envoy of istio-sidecar, app-mesh and consul is sidecar, an istio-ambient waypoint's is waypoint",
    ],
  ],
  [
    "Cilium's mutual authentication written as authentication: mtls is its name",
    (s) => (s.mesh = { shape: 'cilium', authentication: { mode: 'required' } }),
    [
      "test.yaml: mesh.authentication: Cilium's mutual authentication (a CiliumNetworkPolicy's authentication.mode: required) " +
        'is mtls in meshsim: write mtls: true (for every call of the mesh, not per policy)',
    ],
  ],
  [
    "Cilium's encryption type (wireguard, as a word or as its Helm chart's encryption.type): write encryption: true",
    (s) => (s.mesh = { shape: 'cilium', encryption: 'wireguard' }),
    [
      'test.yaml: mesh.encryption: must be true or false (got "wireguard"): ' +
        "Cilium's WireGuard encryption is encryption: true in meshsim (WireGuard is the encryption it models)",
    ],
  ],
  [
    "Cilium's Helm form of the encryption: write encryption: true",
    (s) => (s.mesh = { shape: 'cilium', encryption: { enabled: true, type: 'wireguard' } }),
    [
      'test.yaml: mesh.encryption: must be true or false (got {"enabled":true,"type":"wireguard"}): ' +
        "Cilium's WireGuard encryption is encryption: true in meshsim (WireGuard is the encryption it models)",
    ],
  ],
  [
    "Cilium's IPsec encryption: not modelled, WireGuard is",
    (s) => (s.mesh = { shape: 'cilium', encryption: 'ipsec' }),
    [
      'test.yaml: mesh.encryption: must be true or false (got "ipsec"): ' +
        "meshsim models Cilium's WireGuard encryption, not IPsec: write encryption: true for WireGuard, or leave it out",
    ],
  ],
  [
    "Cilium's Maglev: the kube-proxy replacement's hashing of traffic entering the cluster, not of calls between pods",
    (s) => (s.mesh = { shape: 'cilium', loadBalancer: 'maglev' }),
    [
      'test.yaml: mesh.loadBalancer: must be one of "round-robin", "random", "least-request", "peak-ewma" (got "maglev"): ' +
        "Maglev is Cilium's consistent hashing of traffic entering the cluster (north-south); a call between pods gets " +
        "its backend from Cilium's socket load balancer at connect, not from Maglev: write loadBalancer: random (the " +
        "cilium shape's default) or leave it out",
    ],
  ],
  [
    'a bad duration string',
    (s) => (s.duration = '5 sec'),
    [`test.yaml: duration: must be ${DURATION} (got "5 sec")`],
  ],
  [
    'negative duration, rate and memory-size strings',
    (s) => {
      s.duration = '-5s';
      s.services.backend.serviceTime = '-5ms';
      s.services.backend.requestBytes = '-64Mi';
      s.traffic[0].rate = '-800/s';
    },
    [
      'test.yaml: duration: cannot be negative (got "-5s")',
      'test.yaml: services.backend.serviceTime: cannot be negative (got "-5ms")',
      'test.yaml: services.backend.requestBytes: cannot be negative (got "-64Mi")',
      'test.yaml: traffic[0].rate: cannot be negative (got "-800/s")',
    ],
  ],
  [
    'quantities in exponent notation (refused with the plain form to write)',
    (s) => {
      s.duration = '1e3ms';
      s.services.backend.serviceTime = { lognormal: { median: '1e9s', p99: '1e10s' } };
      s.services.backend.requestBytes = '1e15Gi';
      s.services.backend.cpuRequest = '1e2m';
      s.traffic[0].rate = '1e2/s';
    },
    [
      'test.yaml: duration: exponent notation (1e3ms) is not supported: write 1000ms (got "1e3ms")',
      'test.yaml: services.backend.serviceTime.lognormal.median: exponent notation (1e9s) is not supported: write 1000000000s (got "1e9s")',
      'test.yaml: services.backend.serviceTime.lognormal.p99: exponent notation (1e10s) is not supported: write 10000000000s (got "1e10s")',
      'test.yaml: services.backend.requestBytes: exponent notation (1e15Gi) is not supported: write 1000000000000000Gi (got "1e15Gi")',
      'test.yaml: services.backend.cpuRequest: exponent notation (1e2m) is not supported: write 100m (got "1e2m")',
      'test.yaml: traffic[0].rate: exponent notation (1e2/s) is not supported: write 100/s (got "1e2/s")',
    ],
  ],
  [
    'a fault latency in exponent notation',
    (s) => (s.faults = [{ at: '1s', for: '1s', service: 'backend', latency: '+1e2ms' }]),
    [
      'test.yaml: faults[0].latency: exponent notation (+1e2ms) is not supported: write +100ms (got "+1e2ms")',
    ],
  ],
  [
    'a zero timeout',
    (s) => (s.services.frontend.calls[0].timeout = '0s'),
    ['test.yaml: services.frontend.calls[0].timeout: must be a duration > 0 (got "0s")'],
  ],
  [
    'a negative timeout',
    (s) => (s.services.frontend.calls[0].timeout = -5),
    ['test.yaml: services.frontend.calls[0].timeout: must be > 0 (got -5)'],
  ],
  [
    'an empty timeout (YAML null)',
    (s) => (s.services.frontend.calls[0].timeout = null),
    [`test.yaml: services.frontend.calls[0].timeout: must be ${DURATION}, > 0 (got null)`],
  ],
  [
    'a lognormal p99 below its median',
    (s) => (s.services.backend.serviceTime = { lognormal: { median: '40ms', p99: '30ms' } }),
    ['test.yaml: services.backend.serviceTime.lognormal.p99: must be > median (40ms) (got "30ms")'],
  ],
  [
    'a lognormal without p99',
    (s) => (s.services.backend.serviceTime = { lognormal: { median: '4ms' } }),
    ['test.yaml: services.backend.serviceTime.lognormal.p99: is required'],
  ],
  [
    'a uniform with max < min',
    (s) => (s.services.backend.serviceTime = { uniform: { min: '5ms', max: '3ms' } }),
    ['test.yaml: services.backend.serviceTime.uniform.max: must be >= min (5ms) (got "3ms")'],
  ],
  [
    'a uniform with max < min, min a bare number: milliseconds, said',
    (s) => (s.services.backend.serviceTime = { uniform: { min: 5000, max: '3s' } }),
    [
      'test.yaml: services.backend.serviceTime.uniform.max: must be >= min (5000 ms: a bare number is milliseconds; write 5000s for seconds) (got "3s")',
    ],
  ],
  [
    'an exponential with mean 0',
    (s) => (s.services.backend.serviceTime = { exponential: { mean: 0 } }),
    ['test.yaml: services.backend.serviceTime.exponential.mean: must be > 0 (got 0)'],
  ],
  [
    'two distribution kinds in one object',
    (s) => (s.services.backend.serviceTime = { exponential: { mean: '1ms' }, constant: '2ms' }),
    [
      'test.yaml: services.backend.serviceTime: must name exactly one distribution kind (got constant and exponential)',
    ],
  ],
  [
    'an empty distribution object',
    (s) => (s.services.backend.serviceTime = {}),
    [
      'test.yaml: services.backend.serviceTime: must name one distribution kind: constant, uniform, exponential, normal, lognormal, gamma, erlang, pareto, weibull, empirical, mixture (got {})',
    ],
  ],
  [
    'a bad duration inside a mixture',
    (s) =>
      (s.services.backend.serviceTime = { mixture: [{ weight: 1, dist: { exponential: { mean: 'x' } } }] }),
    [
      `test.yaml: services.backend.serviceTime.mixture[0].dist.exponential.mean: must be ${DURATION} (got "x")`,
    ],
  ],
  [
    'a mixture whose weights are all 0',
    (s) => (s.services.backend.serviceTime = { mixture: [{ weight: 0, dist: '1ms' }] }),
    ['test.yaml: services.backend.serviceTime.mixture: total weight must be a finite number > 0 (got 0)'],
  ],
  [
    'an empirical bin whose upper edge is below its lower edge, and bins that count nothing',
    (s) => {
      s.services.backend.serviceTime = { empirical: { bins: [{ lower: '5ms', upper: '4ms', count: 1 }] } };
      s.services.frontend.serviceTime = { empirical: { bins: [{ lower: 0, upper: '1ms', count: 0 }] } };
    },
    [
      'test.yaml: services.frontend.serviceTime.empirical.bins: total count must be a finite number > 0 (got 0)',
      'test.yaml: services.backend.serviceTime.empirical.bins[0].upper: must be >= lower (5ms) (got "4ms")',
    ],
  ],
  [
    'a missing serviceTime',
    (s) => delete s.services.backend.serviceTime,
    ['test.yaml: services.backend.serviceTime: is required'],
  ],
  [
    'a misspelt required field (serviceTme): one error, the unknown field saying it is the missing required one',
    (s) => {
      s.services.backend.serviceTme = s.services.backend.serviceTime;
      delete s.services.backend.serviceTime;
    },
    [
      'test.yaml: services.backend.serviceTme: unknown field (did you mean "serviceTime", which is required and missing?)',
    ],
  ],
  [
    'a misspelt optional field beside a missing required one: two errors',
    (s) => {
      s.services.backend.replcas = 2;
      delete s.services.backend.serviceTime;
    },
    [
      'test.yaml: services.backend.serviceTime: is required',
      'test.yaml: services.backend.replcas: unknown field (did you mean "replicas"?)',
    ],
  ],
  [
    'a queue that is neither a number nor "unbounded"',
    (s) => (s.services.backend.queue = 'infinite'),
    [
      'test.yaml: services.backend.queue: must be an integer between 0 and 1000000 or "unbounded" (got "infinite")',
    ],
  ],
  [
    'fractional replicas',
    (s) => (s.services.backend.replicas = 1.5),
    ['test.yaml: services.backend.replicas: must be an integer (got 1.5)'],
  ],
  [
    'an invalid service name',
    (s) => (s.services.Checkout = { serviceTime: '1ms' }),
    [
      'test.yaml: services.Checkout: invalid service name "Checkout": use lowercase letters, digits and "-", starting with a letter, at most 63 characters',
    ],
  ],
  [
    'a call that is a bare string',
    (s) => (s.services.frontend.calls = ['backend']),
    [
      'test.yaml: services.frontend.calls[0]: must be a call { to, ... } or a parallel group { parallel: [calls] } (got "backend")',
    ],
  ],
  [
    'a bad call inside a parallel group',
    (s) => (s.services.frontend.calls = [{ parallel: [{ to: 'backend', probability: 2 }] }]),
    [
      'test.yaml: services.frontend.calls[0].parallel[0].probability: must be a probability in [0, 1] (got 2)',
    ],
  ],
  [
    'perTryTimeout both on the call and in retry',
    (s) =>
      (s.services.frontend.calls[0] = {
        to: 'backend',
        perTryTimeout: '1s',
        retry: { attempts: 2, perTryTimeout: '1s' },
      }),
    [
      'test.yaml: services.frontend.calls[0].retry.perTryTimeout: is also set on the call: give perTryTimeout in one place only',
    ],
  ],
  [
    'an unknown retry condition',
    (s) => (s.services.frontend.calls[0].retry = { attempts: 2, retryOn: ['5XX'] }),
    [
      'test.yaml: services.frontend.calls[0].retry.retryOn[0]: must be one of "connect-failure", "reset", "overflow", "5xx", "gateway-error", "per-try-timeout" (got "5XX") (did you mean "5xx"?)',
    ],
  ],
  [
    'an unknown jitter kind',
    (s) => (s.services.frontend.calls[0].retry = { attempts: 2, backoff: { jitter: 'ful' } }),
    [
      'test.yaml: services.frontend.calls[0].retry.backoff.jitter: must be one of "none", "full", "equal", "decorrelated" (got "ful") (did you mean "full"?)',
    ],
  ],
  [
    "Istio's comma-separated retryOn string: meshsim takes a list, shown with the written conditions",
    (s) => (s.services.frontend.calls[0].retry = { attempts: 2, retryOn: '5xx,reset' }),
    [
      'test.yaml: services.frontend.calls[0].retry.retryOn: must be a list of conditions: write retryOn: [5xx, reset] (Istio\'s VirtualService writes them as one comma-separated string) (got "5xx,reset")',
    ],
  ],
  [
    "Istio's default retryOn pasted as its string: the list to write leaves out the conditions meshsim has no outcome for",
    (s) =>
      (s.services.frontend.calls[0].retry = {
        attempts: 2,
        retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
      }),
    [
      'test.yaml: services.frontend.calls[0].retry.retryOn: must be a list of conditions: write retryOn: [connect-failure] (Istio\'s VirtualService writes them as one comma-separated string; refused-stream, unavailable, cancelled, retriable-status-codes are Istio/Envoy conditions with no meshsim outcome of their own, left out) (got "connect-failure,refused-stream,unavailable,cancelled,ret...)',
    ],
  ],
  [
    "the same hint for appRetry's retryOn, spaces after the commas and a lone condition alike",
    (s) => {
      s.services.frontend.calls[0].appRetry = { attempts: 2, retryOn: 'gateway-error, connect-failure' };
      s.services.frontend.calls.push({ to: 'backend', appRetry: { attempts: 2, retryOn: '5xx' } });
    },
    [
      'test.yaml: services.frontend.calls[0].appRetry.retryOn: must be a list of conditions: write retryOn: [gateway-error, connect-failure] (Istio\'s VirtualService writes them as one comma-separated string) (got "gateway-error, connect-failure")',
      'test.yaml: services.frontend.calls[1].appRetry.retryOn: must be a list of conditions: write retryOn: [5xx] (got "5xx")',
    ],
  ],
  [
    'a CPU request above its limit, which Kubernetes refuses',
    (s) => Object.assign(s.services.frontend, { cpuRequest: 1, cpuLimit: '500m' }),
    [
      'test.yaml: services.frontend.cpuLimit: must be >= cpuRequest (1) (got "500m"): Kubernetes refuses a pod whose request is above its limit',
    ],
  ],
  [
    "a sidecar's memory request above its limit",
    (s) => Object.assign(s.services.frontend, { proxyMemoryRequest: '1Gi', proxyMemoryLimit: '256Mi' }),
    [
      'test.yaml: services.frontend.proxyMemoryLimit: must be >= proxyMemoryRequest (1Gi) (got "256Mi"): Kubernetes refuses a pod whose request is above its limit',
    ],
  ],
  [
    'a backoff max below its base',
    (s) => (s.services.frontend.calls[0].retry = { attempts: 2, backoff: { base: '100ms', max: '50ms' } }),
    [
      'test.yaml: services.frontend.calls[0].retry.backoff.max: must be >= base (100ms) (got "50ms"): Envoy refuses a max_interval below base_interval',
    ],
  ],
  [
    'a backoff max below its base, the base a bare number: milliseconds, said',
    (s) => (s.services.frontend.calls[0].retry = { attempts: 2, backoff: { base: 100, max: '50ms' } }),
    [
      'test.yaml: services.frontend.calls[0].retry.backoff.max: must be >= base (100 ms: a bare number is milliseconds; write 100s for seconds) (got "50ms"): Envoy refuses a max_interval below base_interval',
    ],
  ],
  [
    'traffic with both rate and users',
    (s) => (s.traffic[0].users = 5),
    [
      'test.yaml: traffic[0].users: cannot be combined with rate: set rate (open loop) or users (closed loop), not both',
    ],
  ],
  [
    'traffic with neither rate nor users',
    (s) => delete s.traffic[0].rate,
    ['test.yaml: traffic[0]: must set rate (open loop) or users (closed loop)'],
  ],
  [
    'arrival on closed-loop traffic',
    (s) => (s.traffic[0] = { to: 'frontend', users: 2, arrival: 'poisson' }),
    ['test.yaml: traffic[0].arrival: only applies to open-loop traffic (with rate)'],
  ],
  [
    'connections on closed-loop traffic',
    (s) => (s.traffic[0] = { to: 'frontend', users: 2, connections: 4 }),
    [
      'test.yaml: traffic[0].connections: only applies to open-loop traffic (with rate): closed-loop users already bound the requests in flight (one each)',
    ],
  ],
  [
    'no connections',
    (s) => (s.traffic[0].connections = 0),
    ['test.yaml: traffic[0].connections: must be an integer >= 1 (got 0)'],
  ],
  [
    'a connection group on closed-loop traffic',
    (s) => (s.traffic[0] = { to: 'frontend', users: 2, connectionGroup: 'wrk2' }),
    [
      'test.yaml: traffic[0].connectionGroup: only applies to open-loop traffic (with rate), as connections does',
    ],
  ],
  [
    'a connection group without its limit',
    (s) => (s.traffic[0].connectionGroup = 'wrk2'),
    [
      'test.yaml: traffic[0].connections: is required with connectionGroup "wrk2": the group\'s limit of requests in flight',
    ],
  ],
  [
    'a connection group with two limits',
    (s) =>
      (s.traffic = [
        { name: 'a', to: 'frontend', rate: 10, connections: 8, connectionGroup: 'wrk2' },
        { name: 'b', to: 'frontend', rate: 10, connections: 4, connectionGroup: 'wrk2' },
      ]),
    [
      'test.yaml: traffic[1].connections: must be the same in every source of connectionGroup "wrk2" (traffic[0] sets 8) (got 4)',
    ],
  ],
  [
    'a fault with two effects',
    (s) => (s.faults = [{ at: '1s', service: 'backend', latency: '+5ms', crash: true }]),
    ['test.yaml: faults[0].crash: cannot be combined with latency: one effect per fault (add another fault)'],
  ],
  [
    'a fault without an effect',
    (s) => (s.faults = [{ at: '1s', service: 'backend' }]),
    [
      'test.yaml: faults[0]: must set one effect: latency, errorRate, crash, crashLoop, crashProxy, crashNode or controlPlaneOutage',
    ],
  ],
  [
    'an unknown proxy role',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashProxy: 'ztunel' }]),
    [
      'test.yaml: faults[0].crashProxy: must be one of "sidecar", "ztunnel", "waypoint", "node-proxy", "managed-hop" (got "ztunel") (did you mean "ztunnel"?)',
    ],
  ],
  [
    'a proxy crash on more instances than the service has',
    (s) => {
      s.services.backend.replicas = 2;
      s.faults = [{ at: '1s', service: 'backend', instances: 3, crashProxy: 'sidecar' }];
    },
    ['test.yaml: faults[0].instances: must be <= the replicas of backend (2) (got 3)'],
  ],
  [
    'a node crash without a service',
    (s) => (s.faults = [{ at: '1s', crashNode: true }]),
    ['test.yaml: faults[0].service: is required (every fault but controlPlaneOutage names its service)'],
  ],
  [
    'crashNode: false',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashNode: false }]),
    ['test.yaml: faults[0].crashNode: must be true (got false)'],
  ],
  [
    'a crashNode grace period of 0',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashNode: { nodeMonitorGracePeriod: '0s' } }]),
    ['test.yaml: faults[0].crashNode.nodeMonitorGracePeriod: must be a duration > 0 (got "0s")'],
  ],
  [
    'crashLoop: false',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashLoop: false }]),
    ['test.yaml: faults[0].crashLoop: must be true or an object { runsFor } (got false)'],
  ],
  [
    'crashLoop: yes (a string)',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashLoop: 'yes' }]),
    ['test.yaml: faults[0].crashLoop: must be true or an object { runsFor } (got "yes")'],
  ],
  [
    "Kubernetes' crashLoopBackOff for crashLoop",
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashLoopBackOff: true }]),
    ['test.yaml: faults[0].crashLoopBackOff: unknown field (did you mean "crashLoop"?)'],
  ],
  [
    'a crashLoop whose containers run a negative time',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashLoop: { runsFor: '-1s' } }]),
    ['test.yaml: faults[0].crashLoop.runsFor: cannot be negative (got "-1s")'],
  ],
  [
    'crashLoop with crash',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crash: true, crashLoop: true }]),
    [
      'test.yaml: faults[0].crashLoop: cannot be combined with crash: one effect per fault (add another fault)',
    ],
  ],
  [
    'a readiness probe period under 1 s',
    (s) => (s.services.backend!.readinessProbe = { period: '500ms' }),
    [
      'test.yaml: services.backend.readinessProbe.period: must be >= 1s (periodSeconds: the minimum value is 1) (got "500ms")',
    ],
  ],
  [
    'a readiness probe failureThreshold of 0',
    (s) => (s.services.backend!.readinessProbe = { failureThreshold: 0 }),
    ['test.yaml: services.backend.readinessProbe.failureThreshold: must be an integer >= 1 (got 0)'],
  ],
  [
    "a readiness probe in Kubernetes' seconds fields",
    (s) => (s.services.backend!.readinessProbe = { periodSeconds: 5, httpGet: { path: '/ready' } }),
    [
      "test.yaml: services.backend.readinessProbe.periodSeconds: Kubernetes' name (in seconds); in meshsim write period: 5s",
      "test.yaml: services.backend.readinessProbe.httpGet: Kubernetes' check mechanism, not modelled: meshsim's probe is an HTTP GET the application's workers answer (leave it out)",
    ],
  ],
  [
    'an unknown crashNode field',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashNode: { gracePeriod: '40s' } }]),
    [
      'test.yaml: faults[0].crashNode.gracePeriod: unknown field; expected one of: reachable, nodeMonitorGracePeriod',
    ],
  ],
  [
    'a control-plane outage naming a service and instances',
    (s) => (s.faults = [{ at: '1s', service: 'backend', instances: 1, controlPlaneOutage: true }]),
    [
      'test.yaml: faults[0].service: does not apply to controlPlaneOutage: the control plane serves the whole mesh (remove it)',
      'test.yaml: faults[0].instances: does not apply to controlPlaneOutage: the control plane serves the whole mesh (remove it)',
    ],
  ],
  [
    'a proxy crash combined with a node crash',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crashProxy: 'sidecar', crashNode: true }]),
    [
      'test.yaml: faults[0].crashNode: cannot be combined with crashProxy: one effect per fault (add another fault)',
    ],
  ],
  [
    'a fault latency without + or x',
    (s) => (s.faults = [{ at: '1s', service: 'backend', latency: '150ms' }]),
    [
      'test.yaml: faults[0].latency: must be "+<duration>" (added, e.g. "+150ms") or "x<factor>" (multiplied, e.g. "x3") (got "150ms")',
    ],
  ],
  [
    'crash: false',
    (s) => (s.faults = [{ at: '1s', service: 'backend', crash: false }]),
    ['test.yaml: faults[0].crash: must be true (got false)'],
  ],
  [
    'a fault on more instances than the service has',
    (s) => {
      s.services.backend.replicas = 2;
      s.faults = [{ at: '1s', service: 'backend', instances: 3, crash: true }];
    },
    ['test.yaml: faults[0].instances: must be <= the replicas of backend (2) (got 3)'],
  ],
  [
    'a fault starting at the end of the run',
    (s) => {
      s.duration = '30s';
      s.faults = [{ at: '30s', service: 'backend', crash: true }];
    },
    ['test.yaml: faults[0].at: must be before the end of the run (duration 30s) (got "30s")'],
  ],
  [
    'a fault past the end of a run whose duration is a bare number: milliseconds, said',
    (s) => {
      s.duration = 60;
      s.faults = [{ at: '20s', service: 'backend', crash: true }];
    },
    [
      'test.yaml: faults[0].at: must be before the end of the run (duration 60 ms: a bare number is milliseconds; write 60s for seconds) (got "20s")',
    ],
  ],
  [
    'a fault past the end of a run of the default duration',
    (s) => (s.faults = [{ at: '90s', service: 'backend', crash: true }]),
    ['test.yaml: faults[0].at: must be before the end of the run (duration 60s, the default) (got "90s")'],
  ],
  [
    'a traffic source named as a service (edges are keyed by caller name), written or by default',
    (s) => {
      s.services.client = { serviceTime: '1ms' };
      s.traffic = [
        { name: 'backend', to: 'frontend', rate: 10 },
        { to: 'frontend', rate: 10 },
      ];
    },
    [
      `test.yaml: traffic[0].name: "backend" is also a service's name: a traffic source's name must differ from every service name, because edges are keyed by caller name (the source's calls would be counted as the service's)`,
      `test.yaml: traffic[1].name: "client" (the default name) is also a service's name: a traffic source's name must differ from every service name, because edges are keyed by caller name (the source's calls would be counted as the service's); give the source a name`,
    ],
  ],
  [
    'two traffic sources of one name and one target (one edge); one name and two targets is fine',
    (s) => {
      s.traffic = [
        { to: 'frontend', rate: 10 },
        { name: 'a', to: 'frontend', rate: 10 },
        { name: 'a', to: 'backend', rate: 10 },
        { to: 'frontend', users: 2 },
        { name: 'a', to: 'frontend', rate: 5 },
      ];
    },
    [
      `test.yaml: traffic[3].name: duplicate traffic source "client" (the default name) → frontend (traffic[0] too): sources of one name and one target share one edge, keyed by caller name, so their calls would be counted as one source's; give each its own name`,
      `test.yaml: traffic[4].name: duplicate traffic source "a" → frontend (traffic[1] too): sources of one name and one target share one edge, keyed by caller name, so their calls would be counted as one source's; give each its own name`,
    ],
  ],
  [
    'duplicate cluster and zone names',
    (s) => {
      s.clusters = [
        {
          name: 'a',
          zones: [
            { name: 'z', nodes: 1 },
            { name: 'z', nodes: 2 },
          ],
        },
        { name: 'a', zones: [{ name: 'y', nodes: 1 }] },
      ];
      s.services.frontend.cluster = 'a';
      s.services.backend.cluster = 'a';
    },
    [
      'test.yaml: clusters[0].zones[1].name: duplicate zone name "z" in cluster "a"',
      'test.yaml: clusters[1].name: duplicate cluster name "a"',
    ],
  ],
  [
    'node pools: a zone outside the cluster, a duplicate, an unknown pool and one with dedicated nodes',
    (s) => {
      s.clusters = [
        {
          name: 'a',
          zones: [{ name: 'z', nodes: 1 }],
          nodePools: [
            { name: 'big', nodeCpu: 16, zones: [{ name: 'y', nodes: 1 }] },
            { name: 'big', zones: [{ name: 'z', nodes: 1 }] },
          ],
        },
      ];
      s.services.frontend.nodePool = 'bigg';
      s.services.backend.nodePool = 'big';
      s.services.backend.dedicatedNodes = true;
    },
    [
      'test.yaml: clusters[0].nodePools[0].zones[0].name: "y" is not a zone of cluster "a" (its zones: z)',
      'test.yaml: clusters[0].nodePools[1].name: duplicate node pool "big" in cluster "a"',
      'test.yaml: services.frontend.nodePool: unknown node pool "bigg" (did you mean "big"?); known node pools: big',
      'test.yaml: services.backend.nodePool: a service runs on a node pool or on dedicated nodes (dedicatedNodes), not both',
    ],
  ],
  [
    'tolerated pools: an unknown pool, and a toleration with dedicated nodes',
    (s) => {
      s.clusters = [
        {
          name: 'a',
          zones: [{ name: 'z', nodes: 1 }],
          nodePools: [{ name: 'spot', zones: [{ name: 'z', nodes: 1 }] }],
        },
      ];
      s.services.frontend.tolerates = ['spto'];
      s.services.backend.tolerates = ['spot'];
      s.services.backend.dedicatedNodes = true;
    },
    [
      'test.yaml: services.frontend.tolerates[0]: unknown node pool "spto" (did you mean "spot"?); known node pools: spot',
      'test.yaml: services.backend.tolerates[0]: a service on dedicated nodes (dedicatedNodes) runs nowhere else',
    ],
  ],
  [
    "a node pool named as the cluster's own nodes (poolName)",
    (s) => {
      s.clusters = [
        {
          name: 'a',
          poolName: 'default-pool',
          zones: [{ name: 'z', nodes: 1 }],
          nodePools: [{ name: 'default-pool', zones: [{ name: 'z', nodes: 1 }] }],
        },
      ];
    },
    [
      `test.yaml: clusters[0].nodePools[0].name: duplicate node pool "default-pool" in cluster "a" (its own nodes' poolName)`,
    ],
  ],
  [
    'a node pool in a cluster without pools',
    (s) => (s.services.frontend.nodePool = 'big'),
    ['test.yaml: services.frontend.nodePool: unknown node pool "big": cluster "cluster-1" has no nodePools'],
  ],
  [
    'a top-level nodeCpu that no cluster uses (each sets its own)',
    (s) => {
      s.nodeCpu = 4;
      s.clusters = [
        { name: 'a', nodeCpu: 24, zones: [{ name: 'z', nodes: 1 }] },
        { name: 'b', nodeCpu: '500m', zones: [{ name: 'y', nodes: 1 }] },
      ];
      s.services.frontend.cluster = 'a';
      s.services.backend.cluster = 'b';
    },
    [
      'test.yaml: nodeCpu: every cluster sets its own nodeCpu, so this one applies to no node: set clusters[i].nodeCpu instead (got 4)',
    ],
  ],
  [
    "a service's proxy CPU limit finer than a millicore",
    (s) => (s.services.backend.proxyCpuLimit = '0.5m'),
    [
      'test.yaml: services.backend.proxyCpuLimit: must be a CPU quantity of at least 1m: cores (2, 0.5) or millicores (500m) (got "0.5m")',
    ],
  ],
  [
    'an empty cluster list',
    (s) => (s.clusters = []),
    ['test.yaml: clusters: must have at least 1 item (got 0 items)'],
  ],
  [
    'a sidecar memory size without a known unit',
    (s) => (s.mesh = { shape: 'istio-sidecar', sidecar: { memoryBase: '64 megs' } }),
    ['test.yaml: mesh.sidecar.memoryBase: must be a memory size such as 64Mi, 4G or 50MB (got "64 megs")'],
  ],
  [
    "a memory size in Kubernetes' milli-bytes: the reason, and what was meant",
    (s) => (s.services.backend.memoryRequest = '512m'),
    [
      'test.yaml: services.backend.memoryRequest: must be a memory size such as 64Mi, 4G or 50MB: ' +
        '512m is 0.512 bytes (Kubernetes\' suffix m is milli: a thousandth of a byte); did you mean 512Mi? (got "512m")',
    ],
  ],
  [
    'a ztunnel profile with 0 workers',
    (s) => (s.mesh = { shape: 'istio-ambient', ztunnel: { workers: 0 } }),
    ['test.yaml: mesh.ztunnel.workers: must be an integer >= 1 or "unlimited" (got 0)'],
  ],
  [
    'a misspelt waypoint field',
    (s) => (s.mesh = { shape: 'istio-ambient', waypoint: { replica: 2 } }),
    ['test.yaml: mesh.waypoint.replica: unknown field (did you mean "replicas"?)'],
  ],
  [
    'a waypoint that is a number',
    (s) => (s.services.frontend.waypoint = 3),
    [
      'test.yaml: services.frontend.waypoint: must be true, false, a waypoint name, or { name, replicas: <integer >= 1>, cpuLimit } (got 3)',
    ],
  ],
  [
    'a waypoint shared across clusters',
    (s) => {
      s.mesh = 'istio-ambient';
      s.clusters = [
        { name: 'east', zones: [{ name: 'a', nodes: 2 }] },
        { name: 'west', zones: [{ name: 'b', nodes: 2 }] },
      ];
      s.services.frontend.waypoint = 'shop';
      s.services.backend.waypoint = 'shop';
      s.services.backend.cluster = 'west';
    },
    [
      'test.yaml: services.backend.waypoint: waypoint "shop" runs in cluster "east" (services.frontend), but backend runs in "west"; a waypoint serves one cluster',
    ],
  ],
  [
    'services sharing a waypoint with different replicas',
    (s) => {
      s.services.frontend.waypoint = { name: 'shop', replicas: 2 };
      s.services.backend.waypoint = { name: 'shop', replicas: 3 };
    },
    [
      'test.yaml: services.backend.waypoint.replicas: 3 differs from services.frontend.waypoint.replicas (2) for the shared waypoint "shop"',
    ],
  ],
  [
    'services sharing a waypoint with different CPU limits',
    (s) => {
      s.services.frontend.waypoint = { name: 'shop', cpuLimit: '500m' };
      s.services.backend.waypoint = { name: 'shop', cpuLimit: 4 };
    },
    [
      'test.yaml: services.backend.waypoint.cpuLimit: 4 cores differs from services.frontend.waypoint.cpuLimit (0.5 cores) for the shared waypoint "shop"',
    ],
  ],
  [
    'replicas on a profile that is not the waypoint',
    (s) => (s.mesh = { shape: 'linkerd', linkerdProxy: { replicas: 2 } }),
    [
      'test.yaml: mesh.linkerdProxy.replicas: unknown field; expected one of: latency, workers, cpuPerRequest, cpuPerKiB, memoryBase, memoryPerEndpoint, memoryPerConnection, cpuRequest, memoryRequest, memoryLimit, cpuLimit, tlsHandshakeCpu',
    ],
  ],
  [
    'prices that are neither "none" nor a table',
    (s) => (s.mesh = { shape: 'linkerd', prices: 'free' }),
    ['test.yaml: mesh.prices: must be "none" or a price table { vcpuHourUsd, gibHourUsd, ... } (got "free")'],
  ],
  [
    'a negative price',
    (s) => (s.mesh = { shape: 'vpc-lattice', prices: { latticeGbUsd: -1 } }),
    ['test.yaml: mesh.prices.latticeGbUsd: must be >= 0 (got -1)'],
  ],
  [
    'a fractional seed',
    (s) => (s.seed = 1.5),
    ['test.yaml: seed: must be a non-negative integer or a string (got 1.5)'],
  ],
  // As `--seed`: a negative seed would also make the one negative number of a result.
  ['a negative seed', (s) => (s.seed = -5), ['test.yaml: seed: must be an integer >= 0 (got -5)']],
  ['a missing traffic list', (s) => delete s.traffic, ['test.yaml: traffic: is required']],
  [
    'no services',
    (s) => {
      s.services = {};
      s.traffic = [{ to: 'x', rate: 1 }];
    },
    [
      'test.yaml: services: must define at least one service',
      'test.yaml: traffic[0].to: unknown service "x"; no services are defined',
    ],
  ],
];

describe('invalid scenarios: each error names the file, the field path and the reason', () => {
  it.each(CASES)('%s', (_title, mutate, expected) => {
    // Arrange
    const input = minimal();
    mutate(input);
    // Act
    const messages = messagesOf(input);
    // Assert
    expect(messages).toEqual(expected);
  });

  it('ScenarioError.issues carries file, path and reason separately', () => {
    const input = minimal();
    input.services['frontend'] = { serviceTime: '1ms', calls: [{ to: 'backend', retry: { attempts: 0 } }] };
    expect(issuesOf(input, 'retry-storm.yaml')).toEqual([
      {
        file: 'retry-storm.yaml',
        path: 'services.frontend.calls[0].retry.attempts',
        reason:
          "must be an integer >= 1: attempts counts every try including the first, so 1 means no retries (Istio's attempts: 0) (got 0)",
      },
    ]);
  });

  it('formatScenarioIssue omits the path when it is empty', () => {
    expect(formatScenarioIssue({ file: 'a.yaml', path: '', reason: 'file not found' })).toBe(
      'a.yaml: file not found',
    );
  });

  it('formatScenarioIssue writes a known position as file:line:column, as compilers and editors read it', () => {
    const issue = { file: 'a.yaml', path: 'seed', reason: 'must be an integer >= 0 (got -5)' };
    expect(formatScenarioIssue({ ...issue, line: 3, column: 7 })).toBe(
      'a.yaml:3:7: seed: must be an integer >= 0 (got -5)',
    );
    expect(formatScenarioIssue({ ...issue, path: '', line: 3 })).toBe(
      'a.yaml:3: must be an integer >= 0 (got -5)',
    );
  });
});

describe('invalid scenarios: every error is reported at once, in file order, with positions', () => {
  const TEXT = `name: broken
duraton: 90s
services:
  frontend:
    replicas: 0
    serviceTime: 4ms
    calls:
      - to: chekout
        retry: { attempts: 0 }
  checkout:
    serviceTime: { lognormal: { median: 40ms, p99: 30ms } }
traffic:
  - { to: frontend, rate: [ { at: 5s, rps: 800 } ] }
faults:
  - { at: 30s, service: checkout, latency: 150ms }
`;

  describe("a distribution's problems do not hide one another: all at once", () => {
    /** The messages of a scenario whose backend's serviceTime is `serviceTime`. */
    const messagesFor = (serviceTime: unknown): string[] => {
      const s = minimal();
      s.services['backend'] = { serviceTime };
      return messagesOf(s);
    };

    it("a misspelt parameter beside max below min, p99 below median: both (the engine's check runs)", () => {
      expect(messagesFor({ uniform: { min: '5ms', max: '3ms', mx: 1 } })).toEqual([
        'test.yaml: services.backend.serviceTime.uniform.mx: unknown field (did you mean "max"?)',
        'test.yaml: services.backend.serviceTime.uniform.max: must be >= min (5ms) (got "3ms")',
      ]);
      expect(messagesFor({ lognormal: { median: '40ms', p99: '30ms', extra: 2 } })).toEqual([
        'test.yaml: services.backend.serviceTime.lognormal.extra: unknown field; expected one of: median, p99',
        'test.yaml: services.backend.serviceTime.lognormal.p99: must be > median (40ms) (got "30ms")',
      ]);
    });

    it('a field of a kind\'s other form (lognormal\'s mu beside a median) is told the forms, not "did you mean" itself', () => {
      const mixed = messagesFor({ lognormal: { median: '40ms', mu: 1 } });
      expect(mixed).toContain(
        'test.yaml: services.backend.serviceTime.lognormal.mu: belongs to the other form: must be { median, p99 } or { mu, sigma }, not a mix of the two',
      );
      expect(mixed.join('\n')).not.toMatch(/did you mean "mu"/);
      expect(messagesFor({ empirical: { samples: ['1ms'], bins: [] } }).join('\n')).toMatch(
        /empirical\.(bins|samples): belongs to the other form: must be \{ samples: \[\.\.\.\] \} or \{ bins: \[\{ lower, upper, count \}\] \}, not a mix of the two/,
      );
    });

    it("the library's { kind: X, … } form is one error with the scenario's rewrite, not one unknown field per key", () => {
      expect(messagesFor({ kind: 'lognormal', median: '40ms', p99: '100ms' })).toEqual([
        "test.yaml: services.backend.serviceTime: is the library's { kind: lognormal, … } form; a scenario names the kind as the key: { lognormal: { median: 40ms, p99: 100ms } }",
      ]);
      // A kind that is none of the object's keys: the unknown fields as before.
      expect(messagesFor({ kind: 'bogus', x: 1 })).toHaveLength(2);
    });

    it("histogram bins: each bin's edges are checked, whatever another bin gets wrong (three mistakes, three errors)", () => {
      expect(
        messagesFor({
          empirical: {
            bins: [
              { lower: '5ms', upper: '3ms', count: 1 },
              { lower: '1ms', upper: '2ms', count: -1 },
              { lower: '9ms', upper: '8ms', count: 1 },
            ],
          },
        }),
      ).toEqual([
        'test.yaml: services.backend.serviceTime.empirical.bins[1].count: must be >= 0 (got -1)',
        'test.yaml: services.backend.serviceTime.empirical.bins[0].upper: must be >= lower (5ms) (got "3ms")',
        'test.yaml: services.backend.serviceTime.empirical.bins[2].upper: must be >= lower (9ms) (got "8ms")',
      ]);
    });

    it("a mixture's weights are checked whatever its components get wrong", () => {
      expect(
        messagesFor({
          mixture: [
            { weight: 0, dist: { uniform: { min: '5ms', max: '3ms' } } },
            { weight: 0, dist: '5ms' },
          ],
        }),
      ).toEqual([
        'test.yaml: services.backend.serviceTime.mixture[0].dist.uniform.max: must be >= min (5ms) (got "3ms")',
        'test.yaml: services.backend.serviceTime.mixture: total weight must be a finite number > 0 (got 0)',
      ]);
    });

    it('two kinds in one object are said beside a bad parameter of one of them', () => {
      expect(messagesFor({ normal: { mean: '5ms', stdDev: '-1ms' }, exponential: { mean: '8ms' } })).toEqual([
        'test.yaml: services.backend.serviceTime.normal.stdDev: cannot be negative (got "-1ms")',
        'test.yaml: services.backend.serviceTime: must name exactly one distribution kind (got exponential and normal)',
      ]);
    });
  });

  it("a weight schedule's three mistakes are three errors, and a weight that is no percentage is not summed as 0", () => {
    const text = `duration: 10s
services:
  api:
    serviceTime: 5ms
    versions:
      - { name: v1, replicas: 1, weight: fifty }
      - { name: v2, replicas: 1, weight: 50 }
    weightSchedule:
      - { at: 5s, weights: { v1: 50, v2: lots }, extra: 1 }
      - { at: 2s, weights: { v1: 50, v3: 50 } }
traffic: [{ to: api, rate: 10 }]
`;
    expect(parseError(text, 'canary.yaml').message.split('\n')).toEqual([
      'canary.yaml:6:34: services.api.versions[0].weight: must be a percentage in [0, 100]: a number (12.5) or a string such as 12.5% (got "fifty")',
      'canary.yaml:9:38: services.api.weightSchedule[0].weights.v2: must be a percentage in [0, 100]: a number (12.5) or a string such as 12.5% (got "lots")',
      'canary.yaml:9:50: services.api.weightSchedule[0].extra: unknown field; expected one of: at, weights',
      'canary.yaml:10:11: services.api.weightSchedule[1].at: must be after the previous step (5s) (got "2s")',
      'canary.yaml:10:38: services.api.weightSchedule[1].weights.v3: unknown version "v3" (did you mean "v1"?); known versions: v1, v2',
    ]);
  });

  it('reports all the problems of a file, not just the first', () => {
    // Act
    const error = parseError(TEXT, 'broken.yaml');
    // Assert
    expect(error.message.split('\n')).toEqual([
      'broken.yaml:2:1: duraton: unknown field (did you mean "duration"?)',
      'broken.yaml:5:5: services.frontend.replicas: must be an integer >= 1 (got 0)',
      'broken.yaml:8:9: services.frontend.calls[0].to: unknown service "chekout" (did you mean "checkout"?); known services: frontend, checkout',
      "broken.yaml:9:18: services.frontend.calls[0].retry.attempts: must be an integer >= 1: attempts counts every try including the first, so 1 means no retries (Istio's attempts: 0) (got 0)",
      'broken.yaml:11:47: services.checkout.serviceTime.lognormal.p99: must be > median (40ms) (got "30ms")',
      'broken.yaml:13:31: traffic[0].rate[0].at: the first point must be at 0 (got "5s")',
      'broken.yaml:15:35: faults[0].latency: must be "+<duration>" (added, e.g. "+150ms") or "x<factor>" (multiplied, e.g. "x3") (got "150ms")',
    ]);
  });

  it("a rate point's bad ramp (ramp: yes) does not hide the schedule's other problems: all at once, in file order", () => {
    const text = `services:
  api: { serviceTime: 5ms }
traffic:
  - to: api
    rate:
      - { at: 5s, rps: 300 }
      - { at: 10s, rps: 1500, ramp: yes }
      - { at: 8s, rps: 800 }
`;
    expect(parseError(text, 'ramp.yaml').message.split('\n')).toEqual([
      'ramp.yaml:6:11: traffic[0].rate[0].at: the first point must be at 0 (got "5s")',
      'ramp.yaml:7:31: traffic[0].rate[1].ramp: must be true or false (got "yes")',
      'ramp.yaml:8:11: traffic[0].rate[2].at: must be after the previous point (10s) (got "8s")',
    ]);
  });

  it("a service's misspelt field does not hide its request above its limit: both at once", () => {
    const text = `services:
  api:
    serviceTime: 5ms
    replicaz: 2
    cpuRequest: 1
    cpuLimit: 500m
traffic: [{ to: api, rate: 10 }]
`;
    expect(parseError(text, 'svc.yaml').message.split('\n')).toEqual([
      'svc.yaml:4:5: services.api.replicaz: unknown field (did you mean "replicas"?)',
      'svc.yaml:6:5: services.api.cpuLimit: must be >= cpuRequest (1) (got "500m"): Kubernetes refuses a pod whose request is above its limit',
    ]);
  });

  it("a relation is not checked against a field that is itself wrong: the field's own error only", () => {
    const s = minimal();
    s.services['frontend'] = { ...s.services['frontend'], cpuRequest: 1, cpuLimit: -2, replicaz: 2 };
    expect(messagesOf(s)).toEqual([
      'test.yaml: services.frontend.cpuLimit: must be a CPU quantity of at least 1m: cores (2, 0.5) or millicores (500m) (got -2)',
      'test.yaml: services.frontend.replicaz: unknown field (did you mean "replicas"?)',
    ]);
  });

  it("a backoff's misspelt field does not hide its max below its base", () => {
    const s = minimal();
    s.services['frontend'] = {
      serviceTime: '2ms',
      calls: [
        { to: 'backend', retry: { attempts: 2, backoff: { base: '1s', max: '100ms', jiter: 'full' } } },
      ],
    };
    expect(messagesOf(s)).toEqual([
      expect.stringMatching(
        /^test\.yaml: services\.frontend\.calls\[0\]\.retry\.backoff\.jiter: unknown field/,
      ),
      expect.stringMatching(
        /^test\.yaml: services\.frontend\.calls\[0\]\.retry\.backoff\.max: must be >= base \(1s\) \(got "100ms"\)/,
      ),
    ]);
  });

  it('gives the line and column of each field', () => {
    const positions = parseError(TEXT, 'broken.yaml').issues.map((i) => [i.path, i.line, i.column]);
    expect(positions).toEqual([
      ['duraton', 2, 1],
      ['services.frontend.replicas', 5, 5],
      ['services.frontend.calls[0].to', 8, 9],
      ['services.frontend.calls[0].retry.attempts', 9, 18],
      ['services.checkout.serviceTime.lognormal.p99', 11, 47],
      ['traffic[0].rate[0].at', 13, 31],
      ['faults[0].latency', 15, 35],
    ]);
  });

  it("places a traffic source's name that is a service's at its line and column", () => {
    const error = parseError(
      'services:\n  api: { serviceTime: 1ms }\ntraffic:\n  - { name: api, to: api, rate: 1 }\n',
    );
    expect(error.issues.map((i) => [i.path, i.line, i.column])).toEqual([['traffic[0].name', 4, 7]]);
  });

  it('points a missing field at its closest written parent', () => {
    const error = parseError('services:\n  api:\n    replicas: 2\ntraffic: [ { to: api, rate: 1 } ]\n');
    expect(error.issues).toEqual([
      { file: 'test.yaml', path: 'services.api.serviceTime', reason: 'is required', line: 2, column: 3 },
    ]);
  });

  it('nothing is built from an invalid file: parseScenario throws instead of returning', () => {
    expect(() => parseScenario(TEXT, 'broken.yaml')).toThrow(ScenarioError);
  });
});

describe('invalid scenarios: syntax', () => {
  it('a YAML syntax error reports its line and column', () => {
    // Act
    const error = parseError('services:\n  api: { serviceTime: 1ms\ntraffic: []\n', 'bad.yaml');
    // Assert
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ file: 'bad.yaml', path: '', line: 3, column: 1 });
    expect(error.message).toMatch(/^bad\.yaml:3:1: YAML syntax error: /);
  });

  it('syntax errors come in file order, the first three, the third saying how many more follow', () => {
    // A list item indented one column short: the parser reports five errors, one of them late.
    const text =
      'services:\n  api:\n    calls:\n      - to: payouts\n     - to: tracking\n          retryOn:\n';
    const error = parseError(text, 'bad.yaml');
    expect(error.issues.map((issue) => [issue.line, issue.column])).toEqual([
      [5, 1],
      [5, 6],
      [5, 6],
    ]);
    expect(error.message.split('\n')).toEqual([
      'bad.yaml:5:1: YAML syntax error: A block sequence may not be used as an implicit map key',
      'bad.yaml:5:6: YAML syntax error: Implicit keys need to be on a single line',
      'bad.yaml:5:6: YAML syntax error: Implicit map keys need to be followed by map values (and 2 more after it, often caused by the first: fix that one and check again)',
    ]);
  });

  it('duplicate keys are a syntax error naming the key, its path and its first occurrence', () => {
    const error = parseError('seed: 1\nseed: 2\n', 'dup.yaml');
    expect(error.message).toBe(
      'dup.yaml:2:1: seed: YAML syntax error: duplicate key "seed" at the top level (first at line 1, column 1): keys must be unique',
    );
    const nested = parseError(
      'services:\n  api: {serviceTime: 5ms}\n  db: {serviceTime: 5ms}\n  api: {serviceTime: 6ms}\ntraffic:\n  - {to: api, rate: 5}\n',
      'dup2.yaml',
    );
    expect(nested.message).toBe(
      'dup2.yaml:4:3: services.api: YAML syntax error: duplicate key "api" in services (first at line 2, column 3): keys must be unique',
    );
  });

  it('a JSON syntax error is labelled as JSON and reports its line and column', () => {
    const error = parseError('{\n  "services": {,\n}\n', 'bad.json');
    expect(error.message).toMatch(/^bad\.json:2:\d+: JSON syntax error: /);
  });

  describe('a .json file is strict JSON', () => {
    /** The minimal scenario as JSON, two spaces per level (`"rate": 100` on line 22, column 7). */
    const json = (): string => JSON.stringify(minimal(), null, 2);

    it('refuses what YAML would accept (trailing commas, comments, single quotes), at file:line:column', () => {
      const trailing = json().replace('"rate": 100', '"rate": 100,');
      expect(parseError(trailing, 'x.json').message).toBe(
        "x.json:23:5: JSON syntax error: Expected double-quoted property name (a trailing comma: JSON allows none before '}' or ']')",
      );
      const trailingInList = json().replace('"to": "backend"\n        }', '"to": "backend"\n        },');
      expect(parseError(trailingInList, 'x.json').message).toBe(
        "x.json:9:7: JSON syntax error: Unexpected token ']' (a trailing comma: JSON allows none before '}' or ']')",
      );
      expect(parseError(`// mine\n${json()}`, 'x.json').message).toBe(
        "x.json:1:1: JSON syntax error: Unexpected token '/' (JSON has no comments: a YAML scenario file can have them)",
      );
      expect(parseError(json().replace('"rate"', "'rate'"), 'x.json').message).toBe(
        'x.json:22:7: JSON syntax error: Expected double-quoted property name',
      );
      // The same text named .yaml is YAML, which allows all of these.
      expect(() => parseScenario(trailing, 'x.yaml')).not.toThrow();
      expect(() => parseScenario(trailingInList, 'x.yml')).not.toThrow();
    });

    it('gives the schema errors of valid JSON at file:line:column with the field path', () => {
      const text = json().replace('"rate": 100', '"rate": -5').replace('"2ms"', '"2xs"');
      expect(parseError(text, 'x.json').message.split('\n')).toEqual([
        `x.json:4:7: services.frontend.serviceTime: must be ${DURATION} (got "2xs")`,
        'x.json:22:7: traffic[0].rate: must be >= 0 (got -5)',
      ]);
    });

    it('refuses duplicate keys (JSON.parse would keep the last) and deep nesting, with their positions', () => {
      expect(parseError(json().replace('"rate": 100', '"rate": 100, "rate": 200'), 'x.json').message).toBe(
        'x.json:22:20: traffic[0].rate: JSON syntax error: duplicate key "rate" in traffic[0] (first at line 22, column 7): keys must be unique',
      );
      expect(
        parseError(`{"assumptions": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'x.json').message,
      ).toBe('x.json:1:81: JSON nesting deeper than 64 levels (a scenario nests about 10)');
    });

    it('reads a file with a byte-order mark, and calls a blank one empty', () => {
      expect(parseScenario(`\uFEFF${json()}`, 'x.JSON')).toEqual(parseScenario(json(), 'x.json'));
      expect(parseError(' \n', 'x.json').message).toMatch(
        /^x\.json: the file is empty \(no scenario in it\)/,
      );
    });
  });

  it('Kubernetes manifests (several documents, or apiVersion/kind at the top) are recognised: import them', () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 2 }\n';
    expect(
      parseError(
        `${deployment}---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\n`,
        'k8s/apps.yaml',
      ).message,
    ).toBe(
      'k8s/apps.yaml: looks like Kubernetes manifests (kind: Deployment), not a scenario: import them with `meshsim import k8s/apps.yaml` (it writes a scenario: docs/import.md)',
    );
    expect(parseError(deployment, 'one.yaml').message).toBe(
      'one.yaml: looks like Kubernetes manifests (kind: Deployment), not a scenario: import them with `meshsim import one.yaml` (it writes a scenario: docs/import.md)',
    );
    expect(parseError('{"apiVersion": "v1", "kind": "List", "items": []}', 'live.json').message).toContain(
      'looks like Kubernetes manifests (kind: List)',
    );
    expect(parseError('seed: 1\n---\nseed: 2\n', 'two.yaml').message).toBe(
      'two.yaml: holds several YAML documents (---) where a scenario is one; if they are Kubernetes manifests, import them with `meshsim import two.yaml` (it writes a scenario: docs/import.md)',
    );
    // A syntax error in the first document is still reported as one.
    expect(parseError(`${deployment}bad: [\n---\nkind: Service\n`, 'k8s.yaml').message).toContain(
      'YAML syntax error',
    );
  });

  it('a file that is not a mapping is rejected', () => {
    expect(parseError('- a\n- b\n').message).toBe(
      'test.yaml:1:1: must be a mapping (key: value pairs) (got ["a","b"])',
    );
  });

  it('an empty file (or one with only comments) is called empty, with what a minimal scenario needs', () => {
    const empty =
      'the file is empty (no scenario in it): a scenario needs at least services and traffic, e.g. ' +
      '"services: { api: { serviceTime: 5ms } }" and "traffic: [{ to: api, rate: 100/s }]"';
    for (const text of ['', '\n  \n', '# my scenario, to do\n']) {
      expect(parseError(text, 'new.yaml').issues).toEqual([{ file: 'new.yaml', path: '', reason: empty }]);
    }
    // The example it gives is a valid scenario.
    expect(() =>
      parseScenario('services: { api: { serviceTime: 5ms } }\ntraffic: [{ to: api, rate: 100/s }]\n'),
    ).not.toThrow();
  });
});
