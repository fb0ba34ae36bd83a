// Rule table of a service's scalar fields in a scenario (`services.*`, `ServiceConfig`): capacity,
// queue, error rate, payload sizes. The capacity defaults are assumptions, printed when used.

import type { RuleTable } from './RuleRow.js';
import { CPU_PRECISION, MIN_CPU_CORES, RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const CONVENIENCE = {
  assumption: 'a default of convenience, not a measurement; the run lists it among its assumptions',
} as const;

/** The scalar fields of one service. */
export const SERVICE_RULES = {
  id: 'service',
  title: 'Service',
  scenarioPath: 'services.*',
  configPath: 'ServiceConfig',
  rows: [
    {
      field: 'replicas',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'a service runs at least one instance' } },
      max: {
        value: 10_000,
        source: {
          assumption:
            'far above published single deployments; every caller instance keeps per-endpoint state for each replica',
        },
      },
      default: { value: 1, source: { assumption: 'one instance unless told otherwise' } },
      description: 'Number of instances (pods).',
    },
    {
      field: 'concurrency',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'an instance serves at least one request at a time' } },
      max: {
        value: 100_000,
        source: {
          assumption:
            'thread pools and event loops serve at most tens of thousands of requests at once per instance; more is a typo',
        },
      },
      default: { value: 16, source: CONVENIENCE },
      description: 'Requests served at once per instance (workers).',
    },
    {
      field: 'queue',
      configField: 'queueCapacity',
      kind: 'integer',
      unit: 'count',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      max: {
        value: 1_000_000,
        source: {
          assumption:
            'a million waiting requests per instance is minutes of traffic at any realistic rate; write unbounded for no limit',
        },
      },
      unlimited: { word: 'unbounded', source: { assumption: 'an unbounded queue never rejects' } },
      default: { value: 128, source: CONVENIENCE },
      description: 'Waiting requests per instance; a full queue rejects with 503.',
    },
    {
      field: 'queueDiscipline',
      kind: 'enum',
      unit: 'none',
      values: ['fifo', 'lifo'],
      default: { value: 'fifo', source: { assumption: 'first come, first served unless told otherwise' } },
      description: 'Order of the waiting queue.',
    },
    {
      field: 'errorRate',
      kind: 'probability',
      unit: 'ratio',
      min: { value: 0, source: RULE_ASSUMPTIONS.probability },
      max: { value: 1, source: RULE_ASSUMPTIONS.probability },
      default: { value: 0, source: { assumption: 'the application itself does not fail unless told' } },
      description: 'Probability that the application itself fails a request (500).',
    },
    {
      field: 'deadlinePropagation',
      kind: 'boolean',
      unit: 'none',
      default: {
        value: false,
        source: { assumption: 'most HTTP stacks serve abandoned requests to the end' },
      },
      description:
        'Drop queued work whose deadline has passed (504) and propagate the remaining deadline downstream.',
    },
    {
      field: 'dedicatedNodes',
      kind: 'boolean',
      unit: 'none',
      default: {
        value: false,
        source: { assumption: 'pods share their cluster’s nodes unless a node pool is set aside for them' },
      },
      description:
        'Give each replica a node of its own (of the cluster’s node size) that no other pod uses, like a tainted node pool for a load generator.',
    },
    {
      field: 'requestBytes',
      kind: 'size',
      unit: 'bytes',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: {
        value: 0,
        source: { assumption: 'payload sizes matter only to proxies that cost CPU per KiB' },
      },
      description:
        'Size of a request to this service: a number of bytes or a size (1Ki), for proxies whose CPU grows per KiB.',
    },
    {
      field: 'responseBytes',
      kind: 'size',
      unit: 'bytes',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: {
        value: 0,
        source: { assumption: 'payload sizes matter only to proxies that cost CPU per KiB' },
      },
      description: "Size of this service's response: a number of bytes or a size (4Ki).",
    },
    {
      field: 'cpuLimit',
      configField: 'cpuLimitCores',
      kind: 'cpu',
      unit: 'cores',
      min: { value: MIN_CPU_CORES, source: CPU_PRECISION },
      atLeast: {
        field: 'cpuRequest',
        ifOmitted: 'skip',
        source: {
          cite: 'k8s-request-within-limit',
          note: 'Kubernetes refuses a pod whose request is above its limit',
        },
      },
      default: { none: 'no limit' },
      description:
        "CPU limit of each instance's application container, enforced as a CFS quota per 100 ms when its cluster's nodes have a size (nodeCpu).",
    },
    {
      field: 'cpuRequest',
      configField: 'cpuRequestCores',
      kind: 'cpu',
      unit: 'cores',
      min: { value: MIN_CPU_CORES, source: CPU_PRECISION },
      default: { none: 'none' },
      description:
        "CPU request of each instance's application container: where its pods are placed (with their sidecar's request, on a node with room; a pod no node has room for is Pending and never runs) and their CPU weight on a busy node.",
    },
    {
      field: 'proxyCpuLimit',
      configField: 'proxyCpuLimitCores',
      kind: 'cpu',
      unit: 'cores',
      min: { value: MIN_CPU_CORES, source: CPU_PRECISION },
      unlimited: {
        word: 'unlimited',
        source: {
          cite: 'istio-1-18-concurrency',
          note: 'an Istio Envoy without a limit runs a worker per CPU',
        },
      },
      atLeast: {
        field: 'proxyCpuRequest',
        ifOmitted: 'skip',
        source: {
          cite: 'k8s-request-within-limit',
          note: 'Kubernetes refuses a pod whose request is above its limit',
        },
      },
      default: { none: "the mesh's (sidecar.cpuLimit, linkerdProxy.cpuLimit)" },
      description:
        "CPU limit of each instance's sidecar proxy, overriding the mesh's as a pod annotation does (sidecar.istio.io/proxyCPULimit, config.linkerd.io/proxy-cpu-limit): a CFS quota when nodes have a size; under istio-sidecar (Istio 1.18+) and linkerd also the proxy's workers, the limit rounded up. unlimited: no limit (an Istio Envoy then runs a worker per core of its node).",
    },
    {
      field: 'proxyCpuRequest',
      configField: 'proxyCpuRequestCores',
      kind: 'cpu',
      unit: 'cores',
      min: { value: MIN_CPU_CORES, source: CPU_PRECISION },
      default: { none: "the mesh's (sidecar.cpuRequest, linkerdProxy.cpuRequest)" },
      description:
        "CPU request of each instance's sidecar proxy, overriding the mesh's as a pod annotation does (sidecar.istio.io/proxyCPU, config.linkerd.io/proxy-cpu-request): capacity it reserves on the node, reported and counted when its pod is placed (a pod no node has room for is Pending).",
    },
    {
      field: 'memoryRequest',
      configField: 'memoryRequestMiB',
      kind: 'size',
      unit: 'MiB',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { none: 'its memoryLimit (Kubernetes copies a limit without a request), else none' },
      description:
        "Memory request of each instance's application container: a number [MiB] or a size (256Mi), fitted with its sidecar's on nodes with a memory size (nodeMemory); a pod no node has room for is Pending. Memory use is not modelled.",
    },
    {
      field: 'memoryLimit',
      configField: 'memoryLimitMiB',
      kind: 'size',
      unit: 'MiB',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      atLeast: {
        field: 'memoryRequest',
        ifOmitted: 'skip',
        source: {
          cite: 'k8s-request-within-limit',
          note: 'Kubernetes refuses a pod whose request is above its limit',
        },
      },
      default: { none: 'none' },
      description:
        "Memory limit of each instance's application container: a number [MiB] or a size (512Mi); its request when memoryRequest is not written. No OOM kill is modelled.",
    },
    {
      field: 'proxyMemoryRequest',
      configField: 'proxyMemoryRequestMiB',
      kind: 'size',
      unit: 'MiB',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { none: "the mesh's (sidecar.memoryRequest, linkerdProxy.memoryRequest)" },
      description:
        "Memory request of each instance's sidecar proxy, overriding the mesh's as a pod annotation does (sidecar.istio.io/proxyMemory, config.linkerd.io/proxy-memory-request): memory it reserves, reported and fitted when its pod is placed on nodes with a memory size.",
    },
    {
      field: 'proxyMemoryLimit',
      configField: 'proxyMemoryLimitMiB',
      kind: 'size',
      unit: 'MiB',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      atLeast: {
        field: 'proxyMemoryRequest',
        ifOmitted: 'skip',
        source: {
          cite: 'k8s-request-within-limit',
          note: 'Kubernetes refuses a pod whose request is above its limit',
        },
      },
      default: { none: "the mesh's (sidecar.memoryLimit, linkerdProxy.memoryLimit)" },
      description:
        "Memory limit of each instance's sidecar proxy, overriding the mesh's as a pod annotation does (sidecar.istio.io/proxyMemoryLimit, config.linkerd.io/proxy-memory-limit): its request when none is set, and part of its pod's QoS class. No OOM kill is modelled.",
    },
    {
      field: 'serviceTimeCpu',
      configField: 'serviceTimeCpuShare',
      kind: 'probability',
      unit: 'ratio',
      min: { value: 0, source: RULE_ASSUMPTIONS.probability },
      max: { value: 1, source: RULE_ASSUMPTIONS.probability },
      default: {
        value: 1,
        source: { assumption: 'service time is CPU work unless told that part of it is waiting (I/O)' },
      },
      description:
        'Share of the service time that is CPU work on the node (the rest is waiting, e.g. for a disk or a database); matters when nodes have a size.',
    },
    {
      field: 'protocol',
      kind: 'enum',
      unit: 'none',
      values: ['http1', 'http2'],
      default: {
        value: 'http1',
        source: { assumption: 'HTTP/1.1 unless the service speaks HTTP/2 or gRPC' },
      },
      description:
        'How callers talk to the service: http1 (one request per connection at a time) or http2 (multiplexed; gRPC).',
    },
    {
      field: 'onDependencyFailure',
      kind: 'enum',
      unit: 'none',
      values: [500, 502, 503, 504, 'passthrough'],
      default: {
        value: 500,
        source: { assumption: 'an application that catches a failed call usually answers 500' },
      },
      description:
        "What the service answers when a non-optional call fails: a fixed status, or passthrough (the dependency's failure class: 503 overload, 504 timeout, 502 reset/refused, 500 error).",
    },
  ],
} as const satisfies RuleTable;
