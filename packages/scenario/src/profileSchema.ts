// The zod schemas of the mesh's cost profiles in a scenario file: overrides of a proxy profile (sidecar,
// ztunnel, waypoint, linkerd2-proxy, eBPF, node proxy, Lattice hop) and of the price table. Applied in internal/buildMesh.ts.

import * as z from 'zod';
import { scenarioRegistry } from './internal/registry.js';
import { CpuQuantity, Distribution, Duration, MemorySize, doc, integer, must } from './schemaParts.js';

const WORKERS_REASON = 'must be an integer >= 1 or "unlimited"';

const profileFields = {
  latency: doc(Distribution.optional(), 'Processing time per traversal (one direction through the proxy).'),
  workers: doc(
    z
      .union(
        [
          z.int(must(WORKERS_REASON)).min(1, must(WORKERS_REASON)),
          z.literal('unlimited', must(WORKERS_REASON)),
        ],
        must(WORKERS_REASON),
      )
      .optional(),
    'Worker threads; traversals beyond this wait. "unlimited": no queueing (a kernel datapath, a managed hop). Not written: Istio 1.20+ Envoys (sidecar, waypoint) and Linkerd proxies with a CPU limit run the limit rounded up.',
  ),
  cpuPerRequest: doc(Duration.optional(), 'CPU time per request, both directions together (e.g. 0.2ms).'),
  cpuPerKiB: doc(
    Duration.optional(),
    'CPU time per KiB of payload, per traversal (e.g. 0.01ms); payload sizes are the requestBytes and responseBytes of the services.',
  ),
  memoryBase: doc(MemorySize.optional(), 'Memory at rest: a number [MiB] or a size (60Mi, 64MB).'),
  memoryPerEndpoint: doc(
    MemorySize.optional(),
    'Memory per endpoint in the proxy configuration: a number [KiB] or a size (2Ki).',
  ),
  memoryPerConnection: doc(
    MemorySize.optional(),
    'Memory per pooled upstream connection: a number [KiB] or a size (4Ki). Default 0.',
  ),
  cpuRequest: doc(
    CpuQuantity.optional(),
    "CPU request of each proxy's container (100m): node capacity it reserves, reported and counted in the nodes' requests, and its weight when a node's CPU is contended. Default: the shape's (Istio's Envoys 100m, ztunnel 200m, App Mesh's Envoy 10m, others none), or a cpuLimit set without a request.",
  ),
  memoryRequest: doc(
    MemorySize.optional(),
    "Memory request of each proxy's container: a number [MiB] or a size (128Mi): node memory it reserves, reported (memory it uses is memoryBase and the per-endpoint and per-connection parts). Default: the shape's (Istio's Envoys 128Mi, ztunnel 512Mi, App Mesh's Envoy 32Mi, others none).",
  ),
  memoryLimit: doc(
    MemorySize.optional(),
    "Memory limit of each proxy's container: a number [MiB] or a size (1Gi): its request when memoryRequest is not set, and part of its pod's QoS class (Guaranteed needs every container's memory limit equal to its request); a service's proxyMemoryLimit overrides it for its sidecars. No OOM kill is modelled. Default: the shape's (Istio's Envoys 1Gi, others none).",
  ),
  cpuLimit: doc(
    z.union([CpuQuantity, z.literal('unlimited')]).optional(),
    "CPU limit of each proxy's container (2, 500m), a CFS quota when nodes have a size, or unlimited (none: Istio 1.18+ then runs as many workers as the node has cores); a service's proxyCpuLimit overrides it for its sidecars. Default: the shape's (Istio's Envoys 2, others none).",
  ),
  tlsHandshakeCpu: doc(
    Duration.optional(),
    "CPU of this proxy's side of one mTLS handshake (e.g. 1.2ms on a core that signs RSA-2048 in 0.6 ms). Default: the shape's (docs/model.md#connections).",
  ),
};

/** Overrides of one proxy profile; omitted fields keep the shape's default profile. */
export const ProxyProfileOverride = z.strictObject(profileFields).register(scenarioRegistry, {
  id: 'ProxyProfile',
  description:
    "Proxy profile overrides; fields not given keep the shape's default profile (docs/mesh-shapes/).",
});

/** Requests of Istio's CNI node agent (a DaemonSet pod on every node; no proxy, so no profile). */
export const NodeAgentOverride = z
  .strictObject({
    cpuRequest: doc(
      CpuQuantity.optional(),
      "CPU request of the agent's container on every node (100m). Default 100m.",
    ),
    memoryRequest: doc(
      MemorySize.optional(),
      "Memory request of the agent's container on every node: a number [MiB] or a size (100Mi). Default 100Mi.",
    ),
  })
  .register(scenarioRegistry, {
    id: 'NodeAgent',
    description: "Requests of a mesh's node agent (a DaemonSet pod on every node that carries no traffic).",
  });

/** Overrides of the waypoint profile: a proxy profile plus the replica count. */
export const WaypointOverride = z
  .strictObject({
    ...profileFields,
    replicas: doc(
      integer(1).optional(),
      "Pods of each waypoint deployment (a service's own or a shared one); a service's waypoint: { replicas } wins. Default 1.",
    ),
  })
  .register(scenarioRegistry, {
    id: 'WaypointProfile',
    description: 'istio-ambient waypoint profile overrides; fields not given keep the defaults.',
  });

const price = (what: string) =>
  doc(z.number().min(0).optional(), `${what} [USD]. Default: AWS us-east-1 list price.`);

/** `mesh.prices`: `none` (no prices), or overrides of the default price table. */
export const Prices = z
  .union(
    [
      z.literal('none', must('must be "none" or a price table { vcpuHourUsd, gibHourUsd, ... }')),
      z.strictObject({
        label: doc(
          z.string().min(1).optional(),
          'Where and when the prices were taken, printed with the result. Default: a list of the prices given.',
        ),
        vcpuHourUsd: price('Price of one vCPU for one hour'),
        gibHourUsd: price('Price of one GiB of memory for one hour'),
        latticeServiceHourUsd: price('VPC Lattice: price per service per hour'),
        latticeGbUsd: price('VPC Lattice: price per GB processed'),
        latticeMillionRequestsUsd: price('VPC Lattice: price per million requests'),
      }),
    ],
    must('must be "none" or a price table { vcpuHourUsd, gibHourUsd, ... }'),
  )
  .register(scenarioRegistry, {
    id: 'Prices',
    description:
      'Prices of proxy resources for costPerMonthUsd: "none" (no prices), or a table whose omitted fields keep the AWS us-east-1 list prices.',
  });
