// The zod 4 schema of a raw scenario file (YAML or JSON) before defaults and units are applied.
// It checks types, ranges, unknown keys and local rules; cross-references are checked in checkReferences.ts.

import {
  APP_RETRY_RULES,
  BACKOFF_RULES,
  CALL_POLICY_RULES,
  CALL_RULES,
  ISTIO_VERSIONS,
  LINKERD_VERSIONS,
  MESH_OPTION_RULES,
  RETRY_CONDITIONS,
  RETRY_RULES,
  SCENARIO_RULES,
  SEED_RULE,
  READINESS_PROBE_RULES,
  SERVICE_RULES,
  TRAFFIC_RULES,
  ZONE_RULES,
  isMeshShapeName,
  meshShapeNames,
  optionOwner,
} from '@meshsim/mesh';
import type { IstioVersion, LinkerdVersion, MeshLoadBalancer, RetryCondition } from '@meshsim/mesh';
import * as z from 'zod';
import { scenarioRegistry } from './internal/registry.js';
import { ifRelationFieldsValid, ruleRelations, ruleShape } from './internal/schemaFromRules.js';
import { got } from './internal/show.js';
import { meshShapeHint } from './internal/suggest.js';
import { ciliumEncryptionHint } from './internal/ciliumFieldNames.js';
import { envoyRetryConditionReason } from './internal/envoyRetryConditions.js';
import { writtenDuration } from './internal/writtenDuration.js';
import {
  CpuQuantity,
  Distribution,
  Duration,
  IF_VALID,
  ifItemFieldsValid,
  MemorySize,
  NAME_PATTERN,
  Name,
  RateValue,
  doc,
  durationOrNaN,
  integer,
  must,
} from './schemaParts.js';
import { Fault } from './faultSchema.js';
import { NodeAgentOverride, Prices, ProxyProfileOverride, WaypointOverride } from './profileSchema.js';
import {
  DestinationPolicy,
  FaultInjection,
  Inbound,
  Mirror,
  Version,
  VersionRoute,
  WeightStep,
} from './policySchema.js';

export {
  Distribution,
  DistributionObject,
  Duration,
  NAME_PATTERN,
  PositiveDuration,
  RateValue,
} from './schemaParts.js';
export type { RawDistribution, RawDistributionObject } from './RawDistribution.js';
export { FAULT_EFFECTS, Fault, LATENCY_CHANGE_PATTERN, PROXY_ROLES } from './faultSchema.js';

// ---------------------------------------------------------------------------------------------
// Names and helpers

/** Load balancers a scenario may choose (`mesh.loadBalancer`). */
export const LOAD_BALANCERS = MESH_OPTION_RULES.rows[1].values satisfies readonly MeshLoadBalancer[];

// ---------------------------------------------------------------------------------------------
// Policies and calls

const Backoff = z
  .strictObject(ruleShape(BACKOFF_RULES))
  .superRefine(ruleRelations(BACKOFF_RULES), ifRelationFieldsValid(BACKOFF_RULES))
  .register(scenarioRegistry, { id: 'Backoff' });

const retryFields = ruleShape(RETRY_RULES);

/**
 * The error of a `retryOn` written as one string: Istio's VirtualService writes `retryOn: "5xx,reset"`, meshsim a list
 * (`retryOn: [5xx, reset]`), shown with the conditions as written; undefined for any other value (the usual message).
 */
function retryOnStringHint(input: unknown): string | undefined {
  // `[5xx, reset]` as one string (a --set value, a quoted YAML flow list) already names a list: the usual message.
  if (typeof input !== 'string' || input.trim().startsWith('[')) return undefined;
  const conditions = input
    .split(',')
    .map((condition) => condition.trim())
    .filter((condition) => condition !== '');
  if (conditions.length === 0) return undefined;
  // Envoy's conditions with no meshsim outcome (Istio's default holds three) are left out of the list to write.
  const kept = conditions.filter((condition) => envoyRetryConditionReason(condition) === undefined);
  const dropped = conditions.filter((condition) => !kept.includes(condition));
  const without =
    dropped.length === 0
      ? ''
      : `; ${dropped.join(', ')} ${dropped.length === 1 ? 'is an Istio/Envoy condition' : 'are Istio/Envoy conditions'} with no meshsim outcome of ${dropped.length === 1 ? 'its' : 'their'} own, left out`;
  const istio =
    conditions.length > 1
      ? ` (Istio's VirtualService writes them as one comma-separated string${without})`
      : '';
  if (kept.length === 0)
    return got(
      `must be a list of conditions, and none of these has a meshsim outcome: leave retryOn out${istio}`,
      input,
    );
  return got(`must be a list of conditions: write retryOn: [${kept.join(', ')}]${istio}`, input);
}

/** A `retryOn` list (of `retry` or `appRetry`): at least one Envoy retry_on name, optional, described by `text`. */
function retryOnList(text: string) {
  return doc(
    z
      .array(
        z.enum(RETRY_CONDITIONS as [RetryCondition, ...RetryCondition[]], {
          error: (iss) => envoyRetryConditionReason(iss.input),
        }),
        {
          error: (iss) => (iss.code === 'invalid_type' ? retryOnStringHint(iss.input) : undefined),
        },
      )
      .min(1)
      .optional(),
    text,
  );
}

/** `retry`: attempts are TOTAL tries including the first (Istio's `attempts` counts retries only). */
export const Retry = z
  .strictObject({
    attempts: retryFields.attempts,
    retryOn: retryOnList(
      "Conditions that allow a retry (Envoy retry_on names). Default [5xx]; under the Istio shapes, Istio's default conditions.",
    ),
    perTryTimeout: retryFields.perTryTimeout,
    backoff: doc(
      Backoff.optional(),
      'Wait before each retry. Default Envoy: base 25ms, max 250ms, full jitter.',
    ),
  })
  .register(scenarioRegistry, { id: 'Retry' });

const appRetryFields = ruleShape(APP_RETRY_RULES);

/**
 * `appRetry`: the calling application's own retries of the whole call, around `retry` and the mesh's (each of its tries
 * is a new call through the mesh). `attempts` counts every try, as in `retry`.
 */
export const AppRetry = z
  .strictObject({
    attempts: appRetryFields.attempts,
    retryOn: retryOnList(
      'What the application re-issues the call on (Envoy retry_on names, on what it receives: its timeout counts as a 504, a local 503 as a 503, a refused or reset connection behind an Envoy hop as its 503). Default [5xx].',
    ),
    backoff: doc(
      Backoff.optional(),
      "The application's wait before each re-issue. Default as retry's: base 25ms, max 250ms, full jitter.",
    ),
  })
  .register(scenarioRegistry, { id: 'AppRetry' });

const timeoutFields = ruleShape(CALL_POLICY_RULES);

const policyFields = {
  timeout: timeoutFields.timeout,
  perTryTimeout: timeoutFields.perTryTimeout,
  retry: doc(Retry.optional(), 'Retry policy. Default: no retries.'),
};

function perTryTimeoutOnce(
  value: { perTryTimeout?: unknown; retry?: { perTryTimeout?: unknown } | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.perTryTimeout !== undefined && value.retry?.perTryTimeout !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['retry', 'perTryTimeout'],
      message: 'is also set on the call: give perTryTimeout in one place only',
    });
  }
}

const callFields = ruleShape(CALL_RULES);

/** One downstream call. */
export const Call = z
  .strictObject({
    to: doc(z.string(), 'The called service.'),
    probability: callFields.probability,
    optional: callFields.optional,
    keepAlive: callFields.keepAlive,
    forClasses: doc(
      z.array(z.string().min(1)).min(1).optional(),
      'Request classes this call is made for (traffic[].requestClass; e.g. only vote requests call voting). Default: every request.',
    ),
    ...policyFields,
    appRetry: doc(
      AppRetry.optional(),
      "The calling application's own retries of the whole call, around retry and the mesh's: each try is a new call through the mesh (3 application tries × Istio's attempts: 2, i.e. 3 tries = 9 tries). Default: none.",
    ),
    mirror: doc(Mirror.optional(), 'Fire-and-forget copy of a percentage of these calls to another service.'),
    faultInjection: doc(
      FaultInjection.optional(),
      'Delays and aborts the caller injects on this route (Istio fault injection).',
    ),
  })
  .superRefine(perTryTimeoutOnce, IF_VALID)
  .register(scenarioRegistry, { id: 'Call' });

/** Calls made at the same time; the stage ends when all of them have. */
export const ParallelGroup = z
  .strictObject({ parallel: z.array(Call).min(1) })
  .register(scenarioRegistry, { id: 'ParallelGroup' });

// ---------------------------------------------------------------------------------------------
// Mesh, network, clusters

/** The registered shapes' names, quoted, for messages. */
function shapeList(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}

/** After an unknown shape name that is like none registered: how a shape of one's own gets registered. */
const OWN_SHAPE_HINT =
  ' (a shape of your own must be registered first: registerMeshShape in code, --shape-module FILE on the command line)';

/**
 * A registered mesh shape's name. Checked against the shape registry when a file is parsed, so a
 * shape registered after this module loaded (`registerMeshShape`) is accepted too; the JSON Schema
 * lists the shapes registered when it is generated.
 */
function meshShapeName(description: string, exclude: readonly string[] = []) {
  const allowed = (): string[] => meshShapeNames().filter((name) => !exclude.includes(name));
  return z
    .string(must(`must be a mesh shape name`))
    .superRefine((name, ctx) => {
      if (isMeshShapeName(name) && !exclude.includes(name)) return;
      const hint = meshShapeHint(name, allowed());
      ctx.addIssue({
        code: 'custom',
        message: got(`must be one of ${shapeList(allowed())}`, name) + (hint === '' ? OWN_SHAPE_HINT : hint),
      });
    })
    .register(scenarioRegistry, { enum: allowed(), description });
}

const MeshShape = meshShapeName('The mesh shape.');

const meshOptionFields = ruleShape(MESH_OPTION_RULES);

/** The keys of `mesh` the schema itself has (MeshObject's shape; set below). */
let meshObjectKeys: readonly string[] = [];

/**
 * The keys of a `mesh` object beyond the schema's: each must be an option a registered shape owns (MeshShape.options),
 * whose check it must pass (its problem is reported at the key); any other is an unknown field, as in a strict object.
 */
function checkOwnedMeshOptions(mesh: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [key, value] of Object.entries(mesh)) {
    if (meshObjectKeys.includes(key)) continue;
    const owner = optionOwner(key);
    if (owner === undefined) {
      ctx.addIssue({ code: 'unrecognized_keys', keys: [key], input: mesh, message: 'unknown field' });
      continue;
    }
    try {
      owner.options?.[key]?.check(value, `mesh.${key}`);
    } catch (error) {
      ctx.addIssue({ code: 'custom', ...ownedOptionIssue(key, error) });
    }
  }
}

/**
 * The issue of an owned option's failed check, at the field its message names: `mesh.kumaDp.workers must be …` is
 * `must be …` at `kumaDp.workers` (so that the file's line and column are the field's); any other message at the key.
 */
function ownedOptionIssue(key: string, error: unknown): { path: string[]; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const named = /^mesh\.([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*):? (.+)$/s.exec(message);
  const fields = named?.[1]?.split('.') ?? [];
  if (named === null || fields[0] !== key) return { path: [key], message };
  return { path: fields, message: named[2] ?? message };
}

const MeshObjectFields = z.object({
  shape: MeshShape,
  libraryServices: doc(
    z
      .union(
        [z.literal('all', must('must be "all" or a list of service names')), z.array(z.string())],
        must('must be "all" or a list of service names'),
      )
      .optional(),
    'For shape library: the services that use the library ("all" by default).',
  ),
  libraryCpuPerCall: meshOptionFields.libraryCpuPerCall,
  loadBalancer: meshOptionFields.loadBalancer,
  endpointUpdateDelay: meshOptionFields.endpointUpdateDelay,
  sidecar: doc(
    ProxyProfileOverride.optional(),
    'Envoy sidecar profile of istio-sidecar, app-mesh and consul (each has its own default).',
  ),
  ztunnel: doc(ProxyProfileOverride.optional(), 'For shape istio-ambient: the per-node ztunnel profile.'),
  istioCni: doc(
    NodeAgentOverride.optional(),
    "The requests of the Istio CNI node agent on every node (default the chart's 100m and 100Mi): istio-ambient always runs it; istio-sidecar runs it when this is written ({} for the defaults: Istio's CNI plugin instead of istio-init).",
  ),
  waypoint: doc(
    WaypointOverride.optional(),
    'For shape istio-ambient: the waypoint Envoy profile and replicas of services with a waypoint.',
  ),
  linkerdProxy: doc(
    ProxyProfileOverride.optional(),
    'For shape linkerd: the linkerd2-proxy sidecar profile.',
  ),
  ebpf: doc(ProxyProfileOverride.optional(), 'For shape cilium: the per-node eBPF datapath profile.'),
  nodeProxy: doc(
    ProxyProfileOverride.optional(),
    'For shape cilium: the per-node Envoy that L7 policies pass through.',
  ),
  lattice: doc(
    ProxyProfileOverride.optional(),
    'For shapes vpc-lattice and layered: the managed Lattice hop, per traversal.',
  ),
  prices: doc(
    Prices.optional(),
    'Prices for the proxies\' monthly cost: "none", or overrides of the AWS us-east-1 list prices.',
  ),
  istioVersion: doc(
    z
      .enum(ISTIO_VERSIONS as [IstioVersion, ...IstioVersion[]], {
        error: (iss) =>
          got(
            `must be an Istio release with a cited profile, as a string: ${ISTIO_VERSIONS.map((v) => `"${v}"`).join(', ')}`,
            iss.input,
          ) + (typeof iss.input === 'number' ? ' (quote it: YAML reads 1.20 as the number 1.2)' : ''),
      })
      .optional(),
    'For shape istio-sidecar: the Istio release whose cited sidecar profile and default retry policy are used (before 1.24 the default also retries 503s). Default "1.24".',
  ),
  linkerdVersion: doc(
    z
      .enum(LINKERD_VERSIONS as [LinkerdVersion, ...LinkerdVersion[]], {
        error: (iss) =>
          got(
            `must be a Linkerd profile, as a string: ${LINKERD_VERSIONS.map((v) => `"${v}"`).join(', ')}`,
            iss.input,
          ) + (typeof iss.input === 'number' ? ' (quote it: YAML reads 2.10 as the number 2.1)' : ''),
      })
      .optional(),
    'For shape linkerd: the derived proxy profile — "2.10" and "2.11" (the releases Buoyant benchmarked against Istio 1.10 and 1.12) or "current" (today\'s Istio scaled by the latest of those ratios). Default "current".',
  ),
  mtls: doc(
    z.boolean().optional(),
    'Whether the data plane authenticates both ends with mTLS. Default: per shape (docs/mesh-shapes/). For shape cilium: its mutual authentication, which encrypts nothing: an edge counts as mTLS only with encryption on too.',
  ),
  encryption: doc(
    z
      // Cilium's type (`wireguard`, its Helm chart's `{ type: wireguard }`): told to write true.
      .boolean({ error: (iss) => got('must be true or false', iss.input) + ciliumEncryptionHint(iss.input) })
      .optional(),
    'For shape cilium: transparent WireGuard encryption between nodes (with mtls: mutually authenticated, encrypted edges). Default false.',
  ),
  appMeshLegacyAccount: doc(
    z.boolean().optional(),
    'For shape app-mesh: an account with meshes before 2020-07-29 (no implicit retries). Default false.',
  ),
  layered: doc(
    z
      .strictObject({
        inCluster: meshShapeName('Shape of calls within a cluster. Default istio-ambient.', [
          'layered',
        ]).optional(),
        crossCluster: doc(
          z.enum(['vpc-lattice', 'none']).optional(),
          'What carries calls between clusters. Default vpc-lattice.',
        ),
      })
      .optional(),
    'For shape layered: the shape inside each cluster and the hop between clusters; each field defaults on its own. Default { inCluster: istio-ambient, crossCluster: vpc-lattice }.',
  ),
  defaultPolicy: z
    .strictObject(policyFields)
    .superRefine(perTryTimeoutOnce, IF_VALID)
    .register(scenarioRegistry, {
      description:
        "Policy the library or proxy applies to calls that set none (timeout, perTryTimeout, retry). Default: the shape's (istio-sidecar: 3 attempts on connect-failure, plus overflow (503) before istioVersion 1.24).",
    })
    .optional(),
});
meshObjectKeys = Object.keys(MeshObjectFields.shape);

/** `mesh` as an object: the schema's fields, and the options registered shapes own (checked by their owners). */
export const MeshObject = MeshObjectFields.catchall(z.unknown()).superRefine(checkOwnedMeshOptions, {
  when: (payload) => typeof payload.value === 'object' && payload.value !== null,
});

/** `mesh`: a shape name, or an object with the shape and overrides. */
export const Mesh = z
  .union([MeshShape, MeshObject], {
    error: (iss) =>
      got(`must be a mesh shape (${meshShapeNames().join(', ')}) or an object { shape, ... }`, iss.input),
  })
  .register(scenarioRegistry, { id: 'Mesh' });

/** `network`: one-way latency distribution per locality. */
export const Network = z
  .strictObject({
    sameNode: doc(Distribution.optional(), 'One-way latency between pods on the same node.'),
    sameZone: doc(Distribution.optional(), 'One-way latency between nodes in the same zone.'),
    crossZone: doc(Distribution.optional(), 'One-way latency across zones of a cluster.'),
    crossCluster: doc(Distribution.optional(), 'One-way latency between clusters.'),
  })
  .register(scenarioRegistry, {
    id: 'Network',
    description: 'One-way network latency by locality; omitted fields keep the defaults. 0ms is allowed.',
  });

const Zone = z.strictObject({ name: z.string().min(1), nodes: ruleShape(ZONE_RULES).nodes });

/** A DaemonSet besides the mesh's: a pod on every node, which takes a pod slot and its requests there. */
const DaemonSet = z
  .strictObject({
    name: doc(z.string().min(1), 'Its name (kube-proxy, aws-node...), for messages.'),
    cpuRequest: doc(CpuQuantity.optional(), 'CPU its pod requests on every node (100m). Default none.'),
    memoryRequest: doc(
      MemorySize.optional(),
      'Memory its pod requests on every node: a number [MiB] or a size (64Mi). Default none.',
    ),
  })
  .register(scenarioRegistry, {
    id: 'DaemonSet',
    description:
      "A DaemonSet besides the mesh's (kube-proxy, the cluster's CNI agent, a log agent): its pod takes a pod slot and its requests on every node.",
  });

const DAEMON_SETS_DOC =
  "DaemonSets besides the mesh's (kube-proxy, the cluster's CNI agent, log agents): each runs a pod on every node, which takes a pod slot (nodeMaxPods) and its CPU and memory requests there, as the scheduler counts them.";

/** A node pool of a cluster: nodes of their own size for the services that name it. */
const NodePool = z.strictObject({
  name: z.string().min(1),
  zones: doc(z.array(Zone).min(1), "Its nodes per zone; each zone must be one of the cluster's zones."),
  nodeCpu: doc(
    CpuQuantity.optional(),
    "Cores of each of its nodes (16, 500m...). Default: the cluster's nodeCpu.",
  ),
  nodeMemory: doc(
    MemorySize.optional(),
    "Memory of each of its nodes: a number [MiB] or a size (64Gi). Default: the cluster's nodeMemory.",
  ),
  nodeMaxPods: doc(
    ruleShape(SCENARIO_RULES).nodeMaxPods,
    "Pods each of its nodes runs at most (its kubelet's maxPods). Default: the cluster's nodeMaxPods.",
  ),
  shared: doc(
    z.boolean().optional(),
    'true: services that name no pool run on its nodes too (an untainted pool). Default false: only the services that name it.',
  ),
});

/** A cluster with its zones. */
export const Cluster = z
  .strictObject({
    name: z.string().min(1),
    region: doc(z.string().min(1).optional(), 'Region name. Default region-1.'),
    vpc: doc(z.string().min(1).optional(), 'VPC name. Default vpc-1.'),
    zones: doc(z.array(Zone).min(1), 'Zones with their node counts; instances are spread over the nodes.'),
    nodeCpu: doc(
      CpuQuantity.optional(),
      "Cores of each of this cluster's nodes (2 for a c5.large, 500m...). Default: the scenario's nodeCpu, else no CPU model.",
    ),
    nodeMemory: doc(
      MemorySize.optional(),
      "Memory of each of this cluster's nodes: a number [MiB] or a size (4Gi for a c5.large). Default: the scenario's nodeMemory, else memory requests are not fitted.",
    ),
    nodeMaxPods: doc(
      ruleShape(SCENARIO_RULES).nodeMaxPods,
      "Pods each of this cluster's nodes runs at most (its kubelet's maxPods; 29 on an EKS c5.large). Default: the scenario's nodeMaxPods, else 110.",
    ),
    daemonSets: doc(
      z.array(DaemonSet).optional(),
      `${DAEMON_SETS_DOC} Default: the scenario's daemonSets ([] for none on this cluster).`,
    ),
    nodePools: doc(
      z.array(NodePool).min(1).optional(),
      "Node pools beside the zones' nodes: the services that name one (services.<name>.nodePool) run only on its nodes, as a nodeSelector does; the others run there too only when it is shared (untainted). Default none.",
    ),
    poolName: doc(
      z.string().min(1).optional(),
      "The node pool name of the zones' own nodes (GKE's default-pool): a service naming it (services.<name>.nodePool) runs on those nodes only, never on the shared pools. Default none.",
    ),
  })
  .register(scenarioRegistry, { id: 'Cluster' });

// ---------------------------------------------------------------------------------------------
// Services, traffic, faults

const serviceFields = ruleShape(SERVICE_RULES);

/** A readiness probe: Kubernetes' fields, durations with units; `{}` is Kubernetes' defaults. */
const ReadinessProbe = z.strictObject(ruleShape(READINESS_PROBE_RULES)).register(scenarioRegistry, {
  id: 'ReadinessProbe',
  description:
    "The kubelet's readiness probe of each instance's application container (Kubernetes readinessProbe): a started container is Ready, and gets traffic, only once the probe has passed; a running one that fails it failureThreshold times in a row is NotReady. {} takes Kubernetes' defaults.",
});

/** One service. */
export const Service = z
  .strictObject({
    namespace: doc(Name.optional(), 'Kubernetes namespace. Default "default".'),
    cluster: doc(z.string().min(1).optional(), 'Cluster the instances run in. Default: the first cluster.'),
    replicas: serviceFields.replicas,
    concurrency: serviceFields.concurrency,
    queue: serviceFields.queue,
    queueDiscipline: serviceFields.queueDiscipline,
    serviceTime: doc(Distribution, 'Own processing time per request, before the downstream calls.'),
    errorRate: serviceFields.errorRate,
    calls: doc(
      z
        .array(
          z.union(
            [Call, ParallelGroup],
            must('must be a call { to, ... } or a parallel group { parallel: [calls] }'),
          ),
        )
        .optional(),
      'Downstream calls, made in sequence; a { parallel: [...] } item makes its calls at the same time.',
    ),
    destinationPolicy: DestinationPolicy.optional(),
    inbound: Inbound.optional(),
    deadlinePropagation: serviceFields.deadlinePropagation,
    dedicatedNodes: serviceFields.dedicatedNodes,
    nodePool: doc(
      z.string().min(1).optional(),
      "A node pool of its cluster (clusters[].nodePools) its instances run on. Default: the cluster's zones' nodes.",
    ),
    tolerates: doc(
      z.array(z.string().min(1)).min(1).optional(),
      'Node pools of its cluster that are not shared (tainted) whose taint its pods tolerate: without a nodePool, its instances may also be placed there. Default none.',
    ),
    versions: doc(
      z.array(Version).min(1).optional(),
      "Versions (subsets) for canaries and splits; their replicas add up to the service's. Default: one version v1.",
    ),
    weightSchedule: doc(
      z.array(WeightStep).min(1).optional(),
      "Changes of the versions' weights over time (a canary rollout); needs weights on every version.",
    ),
    waypoint: doc(
      z
        .union(
          [
            z.boolean(),
            z.string().min(1),
            z.strictObject({
              name: z.string().min(1).optional(),
              replicas: integer(1).optional(),
              cpuLimit: CpuQuantity.optional(),
            }),
          ],
          must('must be true, false, a waypoint name, or { name, replicas: <integer >= 1>, cpuLimit }'),
        )
        .optional(),
      "For shape istio-ambient: an L7 waypoint for this service. true: its own, with the mesh's replica count; a name (or { name }): the waypoint deployment of that name, shared by every service naming it (as a namespace's waypoint); { replicas }: the deployment's replicas; { cpuLimit }: its pods' CPU limit (and workers, the limit rounded up). Services sharing a waypoint must agree. Default false.",
    ),
    requestBytes: serviceFields.requestBytes,
    responseBytes: serviceFields.responseBytes,
    cpuLimit: serviceFields.cpuLimit,
    cpuRequest: serviceFields.cpuRequest,
    proxyCpuLimit: serviceFields.proxyCpuLimit,
    proxyCpuRequest: serviceFields.proxyCpuRequest,
    memoryRequest: serviceFields.memoryRequest,
    memoryLimit: serviceFields.memoryLimit,
    proxyMemoryRequest: serviceFields.proxyMemoryRequest,
    proxyMemoryLimit: serviceFields.proxyMemoryLimit,
    serviceTimeCpu: serviceFields.serviceTimeCpu,
    protocol: serviceFields.protocol,
    onDependencyFailure: serviceFields.onDependencyFailure,
    readinessProbe: doc(
      ReadinessProbe.optional(),
      "Kubernetes' readiness probe of the application container: { initialDelay, period, failureThreshold, successThreshold } ({} for Kubernetes' defaults). A restarted instance gets traffic only once it passed; an instance whose workers are all busy and queue full fails it. Default none: a running container is Ready.",
    ),
    routes: doc(
      z.array(VersionRoute).min(1).optional(),
      'Class-based (header) routes: requests of a class go to a version, whatever the weights; the first match wins.',
    ),
  })
  .superRefine(ruleRelations(SERVICE_RULES), ifRelationFieldsValid(SERVICE_RULES))
  .register(scenarioRegistry, { id: 'Service' });

/** How a rate schedule's point is written, for the error of an item that is not one (`rate: [300, 1500]`). */
const RATE_POINT_HELP =
  'must be a point { at, rps } (a schedule is a list of them, e.g. [{ at: 0s, rps: 300 }, { at: 40s, rps: 1500, ramp: true }])';

const RatePoint = z.strictObject(
  {
    at: doc(Duration, 'When this rate starts (the first point must be at 0).'),
    rps: doc(RateValue, 'Requests per second from `at` on.'),
    ramp: doc(
      z.boolean().optional(),
      "If true, the rate moves linearly from the previous point's rps to this one, reaching it at `at`.",
    ),
  },
  // Only for an item that is no mapping: unknown keys keep the error map's did-you-mean.
  { error: (iss) => (iss.code === 'invalid_type' ? got(RATE_POINT_HELP, iss.input) : undefined) },
);

/** `rate`: a constant rate, or a schedule of points `{ at, rps, ramp }` starting at 0. */
export const Rate = z
  .union(
    [
      RateValue,
      z
        .array(RatePoint)
        .min(1)
        .superRefine(
          (points, ctx) => {
            const first = points[0];
            if (first !== undefined && durationOrNaN(first.at) !== 0) {
              ctx.addIssue({
                code: 'custom',
                path: [0, 'at'],
                message: got('the first point must be at 0', first.at),
              });
            }
            if (first?.ramp === true) {
              ctx.addIssue({
                code: 'custom',
                path: [0, 'ramp'],
                message: 'the first point cannot ramp (ramp: true ramps from the previous point)',
              });
            }
            for (let i = 1; i < points.length; i++) {
              const previous = (points[i - 1] as { at: number | string }).at;
              const at = (points[i] as { at: number | string }).at;
              if (!(durationOrNaN(at) > durationOrNaN(previous))) {
                ctx.addIssue({
                  code: 'custom',
                  path: [i, 'at'],
                  message: got(`must be after the previous point (${writtenDuration(previous)})`, at),
                });
              }
            }
          },
          ifItemFieldsValid(['at']),
        ),
    ],
    must('must be a rate (800, "800/s", "48000/m") or a list of points { at, rps, ramp }'),
  )
  .register(scenarioRegistry, { id: 'Rate' });

const trafficFields = ruleShape(TRAFFIC_RULES);

/** A traffic source: open loop (`rate`) or closed loop (`users`). */
export const Traffic = z
  .strictObject({
    name: doc(z.string().min(1).optional(), 'Caller name shown on edges. Default "client".'),
    to: doc(z.string(), 'Entry service.'),
    from: doc(
      z.string().min(1).optional(),
      "Service whose first pod the source runs in (a meshed load generator): its requests leave through that pod's sidecar or its node's proxies, and get the mesh's default policy when the source sets none. Default: outside the mesh.",
    ),
    rate: doc(
      Rate.optional(),
      'Open loop: a rate (800, "800/s", "48000/m") or a list of points { at, rps, ramp }.',
    ),
    arrival: trafficFields.arrival,
    users: trafficFields.users,
    connections: trafficFields.connections,
    connectionGroup: doc(
      z.string().min(1).optional(),
      'Open loop: sources naming the same group share their connections (at most `connections` requests in flight over all of them, one FIFO), as one load generator (wrk2 -c 128) driving several targets; each sets the same connections. Default: none (its connections are its own).',
    ),
    keepAlive: trafficFields.keepAlive,
    loadTrigger: doc(
      z.boolean().optional(),
      "Open loop: whether the diagnosis takes the stretches where the rate schedule is above its base rate (the rate it ends at) as load triggers; false: the schedule is the source's normal load (a daily ramp), and only faults and other sources' spikes are triggers. No effect on the simulation. Default: true.",
    ),
    thinkTime: doc(
      Distribution.optional(),
      'Closed loop: pause between a response and the next request. Default 0.',
    ),
    requestClass: doc(
      z.string().min(1).optional(),
      "Class (header) every request carries through the call tree, for services' class routes. Default: none.",
    ),
    ...policyFields,
  })
  .superRefine((t, ctx) => {
    perTryTimeoutOnce(t, ctx);
    if (t.rate === undefined && t.users === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must set rate (open loop) or users (closed loop)' });
    } else if (t.rate !== undefined && t.users !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['users'],
        message: 'cannot be combined with rate: set rate (open loop) or users (closed loop), not both',
      });
    } else if (t.users !== undefined && t.connections !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['connections'],
        message:
          'only applies to open-loop traffic (with rate): closed-loop users already bound the requests in flight (one each)',
      });
    } else if (t.users !== undefined && t.connectionGroup !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['connectionGroup'],
        message: 'only applies to open-loop traffic (with rate), as connections does',
      });
    } else if (t.users !== undefined && t.loadTrigger !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['loadTrigger'],
        message: 'only applies to open-loop traffic (with rate): a closed loop has no rate schedule to spike',
      });
    } else if (t.users !== undefined && t.arrival !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['arrival'],
        message: 'only applies to open-loop traffic (with rate)',
      });
    } else if (t.rate !== undefined && t.thinkTime !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['thinkTime'],
        message: 'only applies to closed-loop traffic (with users)',
      });
    }
  }, IF_VALID)
  .register(scenarioRegistry, { id: 'Traffic', oneOf: [{ required: ['rate'] }, { required: ['users'] }] });

// ---------------------------------------------------------------------------------------------
// The file

/**
 * A scenario's `seed`: a non-negative integer (at most 2^53 − 1, as `--seed`) or a non-empty string — the rule of every
 * seed (`SEED_RULE` of @meshsim/mesh, which `applyOverrides` and a config built in code are checked with), as a schema.
 */
export const Seed = z.union(
  [z.int().min(SEED_RULE.minInteger).max(SEED_RULE.maxInteger), z.string().min(SEED_RULE.minLength)],
  must('must be a non-negative integer or a string'),
);

/** A whole scenario file, before defaults are applied (see docs/scenario-format.md). */
export const ScenarioSchema = z
  .strictObject({
    $schema: doc(z.string().optional(), 'JSON Schema reference for editors; ignored.'),
    name: doc(z.string().min(1).optional(), 'Scenario name. Default: the file name without extension.'),
    description: doc(z.string().optional(), 'What the scenario shows and the expected outcome. Default "".'),
    seed: doc(Seed.optional(), 'Root seed of all random streams. Default 1.'),
    duration: ruleShape(SCENARIO_RULES).duration,
    nodeCpu: ruleShape(SCENARIO_RULES).nodeCpu,
    nodeMemory: ruleShape(SCENARIO_RULES).nodeMemory,
    nodeMaxPods: ruleShape(SCENARIO_RULES).nodeMaxPods,
    daemonSets: doc(
      z.array(DaemonSet).optional(),
      `${DAEMON_SETS_DOC} On every cluster that gives none of its own. Default none.`,
    ),
    cpuWeights: ruleShape(SCENARIO_RULES).cpuWeights,
    mesh: doc(Mesh.optional(), 'Mesh shape name, or { shape, ...overrides }. Default none.'),
    network: Network.optional(),
    clusters: doc(
      z.array(Cluster).min(1).optional(),
      'Clusters with zones and nodes. Default: cluster-1 with zone-a, zone-b, zone-c of 4 nodes each.',
    ),
    services: doc(
      z
        .record(
          z.string().regex(new RegExp(NAME_PATTERN), {
            error: (iss) =>
              `invalid service name ${JSON.stringify(iss.input)}: use lowercase letters, digits and "-", starting with a letter, at most 63 characters`,
          }),
          Service,
        )
        .refine((services) => Object.keys(services).length > 0, 'must define at least one service'),
      'Services by name (lowercase DNS labels).',
    ),
    traffic: doc(z.array(Traffic).min(1), 'Traffic sources: open loop (rate) or closed loop (users).'),
    faults: doc(
      z.array(Fault).optional(),
      'Scheduled faults: latency, errors, crashes of instances, proxies or nodes, control-plane outages.',
    ),
    assumptions: doc(z.array(z.string()).optional(), 'Modelling assumptions, printed with the results.'),
  })
  .register(scenarioRegistry, {
    title: 'meshsim scenario',
    description:
      'A meshsim scenario: services, their calls and policies, traffic and faults. See docs/scenario-format.md.',
  });

/** A scenario file that passed {@link ScenarioSchema}. */
export type RawScenario = z.output<typeof ScenarioSchema>;
/** One service of a {@link RawScenario}. */
export type RawService = z.output<typeof Service>;
/** One call of a {@link RawScenario}. */
export type RawCall = z.output<typeof Call>;
/** One traffic source of a {@link RawScenario}. */
export type RawTraffic = z.output<typeof Traffic>;
/** One fault of a {@link RawScenario}. */
export type RawFault = z.output<typeof Fault>;
