// The importer's intermediate model: everything read from the inputs, each value with the resources it
// came from. The scenario is built from it; values the scenario format does not take (memory requests and
// limits, the injected proxies' resources) are kept here too.

import type { MeshShapeName } from '@meshsim/mesh';

import type {
  ScenarioCallItem,
  ScenarioDestinationPolicy,
  ScenarioFaultInjection,
  ScenarioMirror,
  ScenarioReadinessProbe,
  ScenarioRetry,
  ScenarioVersionRoute,
} from './ScenarioParts.js';

/** Where a value came from: a resource in a YAML document of an input file. */
export interface SourceRef {
  /** The file as shown to the user. */
  file: string;
  /** 1-based index of the YAML document in the file. */
  document: number;
  /** 0-based index of the resource in the document's `items`, when the document is a `kind: List`. */
  item?: number;
  /** The resource's kind (`Deployment`, `VirtualService`, `MockServiceGraph`, …). */
  kind: string;
  /** The resource's name (`metadata.name`; for isotope services the service's name). */
  name: string;
}

/** A value together with the resources it came from. */
export interface Sourced<T> {
  value: T;
  from: SourceRef[];
}

/**
 * CPU and memory of one container, as requested and limited (Kubernetes `resources`). The application
 * containers' CPU becomes the service's `cpuLimit` and `cpuRequest`; memory and the proxies' resources are
 * not imported.
 */
export interface ContainerResources {
  /** The container's name. */
  container: string;
  /** `proxy` for a container a mesh injects (`istio-proxy`, `linkerd-proxy`, `envoy`, `consul-dataplane`). */
  role: 'app' | 'proxy';
  cpuRequestCores?: number;
  cpuLimitCores?: number;
  memoryRequestMiB?: number;
  memoryLimitMiB?: number;
}

/** Which of an injected proxy's resources a setting gives: its CPU limit or request, or its memory request or limit. */
export type ProxyResourceKind = 'cpu-limit' | 'cpu-request' | 'memory-request' | 'memory-limit';

/**
 * An injected proxy's CPU limit, CPU request or memory request, as a pod annotation sets it
 * (`sidecar.istio.io/proxyCPULimit` / `proxyCPU` / `proxyMemory`, `config.linkerd.io/proxy-cpu-limit` /
 * `proxy-cpu-request` / `proxy-memory-request`) or an injected proxy container's resources give it.
 */
export interface ProxyResource {
  /** What set it: the pod annotation, or the injected proxy container's resources (`the istio-proxy container's …`). */
  key: string;
  what: ProxyResourceKind;
  /** The mesh shape whose proxy it sets. */
  shape: MeshShapeName;
  /** The value: cores for CPU, MiB for memory. */
  amount: number;
  /** The resource it came from when not its workload: the Pod whose injected container gave it. */
  from?: SourceRef;
}

/**
 * The readiness probe of a workload's application container, as the scenario's service `readinessProbe` writes it:
 * the fields its manifest sets, durations with units.
 */
export interface ImportedReadinessProbe {
  /** The container whose probe it is. */
  container: string;
  /** Where the probe is in its workload's manifest (`spec.template.spec.containers[0].readinessProbe`). */
  path: readonly (string | number)[];
  probe: ScenarioReadinessProbe;
}

/** A Deployment or StatefulSet. */
export interface ImportedWorkload {
  from: SourceRef;
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  namespace: string;
  /** `spec.replicas` (Kubernetes default 1), or what its HorizontalPodAutoscaler's bounds make of it. */
  replicas: number;
  /** True when the manifest sets no `spec.replicas` (an autoscaled workload, typically). */
  replicasUnset?: boolean;
  /** The HorizontalPodAutoscaler that scales it, with its bounds (meshsim runs a fixed count: see `replicas`). */
  autoscaler?: { from: SourceRef; minReplicas: number; maxReplicas: number };
  /** The pod template's labels. */
  podLabels: Record<string, string>;
  /** The pod template's annotations. */
  podAnnotations: Record<string, string>;
  /** The workload's own annotations (`metadata.annotations`). */
  annotations: Record<string, string>;
  /** `spec.template.spec.serviceAccountName` (Kubernetes default `default`). */
  serviceAccount: string;
  /** Per container, in order, with what it sets (the application containers' CPU makes the service's cpuLimit and cpuRequest). */
  resources: ContainerResources[];
  /** The injected proxy's CPU limit and request and memory request, from its pod annotations or its container (absent when none sets them). */
  proxyResources?: ProxyResource[];
  /** The pod template's `spec.nodeSelector` (absent when it sets none). */
  nodeSelector?: Record<string, string>;
  /**
   * The node pool labels its required node affinity picks (one term, `In` one value), as a nodeSelector would
   * (absent when it picks none).
   */
  nodeAffinityPools?: Record<string, string>;
  /** The pod template's `spec.tolerations` (absent when it sets none). */
  tolerations?: PodToleration[];
  /** Its (first) application container's readiness probe (absent when none has one). */
  readinessProbe?: ImportedReadinessProbe;
}

/** A Namespace resource. */
export interface ImportedNamespace {
  from: SourceRef;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** What an Istio VirtualService or a Linkerd route sets on every call to a service. */
export interface CallPolicyParts {
  timeout?: Sourced<string>;
  perTryTimeout?: Sourced<string>;
  retry?: Sourced<ScenarioRetry>;
  faultInjection?: Sourced<ScenarioFaultInjection>;
  mirror?: Sourced<ScenarioMirror>;
}

/** The destination policies of a service, each with its source. */
export type DestinationPolicyParts = {
  [K in keyof ScenarioDestinationPolicy]?: Sourced<NonNullable<ScenarioDestinationPolicy[K]>>;
};

/** A DestinationRule subset: a named set of pod labels. */
export interface ImportedSubset {
  name: string;
  labels: Record<string, string>;
}

/** Who may call a service (Istio AuthorizationPolicy ALLOW rules). */
export interface AllowedCallers {
  /** Scenario service names allowed to call. */
  callers: string[];
  /** True when a rule allows a caller that is not an imported workload (e.g. an ingress gateway). */
  outsideAllowed: boolean;
  /** True when a rule allows every caller (then the service has no restriction). */
  everyone: boolean;
}

/** One service of the scenario being built. */
export interface ImportedService {
  /** The name in the scenario (a DNS label, unique). */
  name: string;
  /** The name in its source (Kubernetes Service or isotope service). */
  sourceName: string;
  namespace: string;
  from: SourceRef[];
  cluster?: Sourced<string>;
  /** The Kubernetes Service's selector, when there is one. */
  selector?: Record<string, string>;
  /** The Kubernetes Service's labels and annotations (waypoints, Linkerd policy annotations). */
  serviceLabels: Record<string, string>;
  serviceAnnotations: Record<string, string>;
  /** The workloads backing the service. */
  workloads: ImportedWorkload[];
  replicas?: Sourced<number>;
  subsets?: Sourced<ImportedSubset[]>;
  /** Subset name → weight (percent), from the VirtualService's default route. */
  weights?: Sourced<Record<string, number>>;
  routes?: Sourced<ScenarioVersionRoute[]>;
  /** Service time (a duration), from isotope's `sleep` steps. */
  serviceTime?: Sourced<string>;
  errorRate?: Sourced<number>;
  requestBytes?: Sourced<number>;
  responseBytes?: Sourced<number>;
  /** The service's calls, from an isotope script. */
  calls?: Sourced<ScenarioCallItem[]>;
  /** An entry point of the graph (isotope `isEntrypoint`). */
  entry?: Sourced<boolean>;
  /** Policies every caller applies to calls to this service. */
  callPolicy: CallPolicyParts;
  destinationPolicy: DestinationPolicyParts;
  allowedCallers?: Sourced<AllowedCallers>;
  waypoint?: Sourced<boolean>;
  /** The Linkerd ServiceProfile of the service, if any (it overrides Linkerd's policy annotations). */
  serviceProfile?: SourceRef;
  /** The protocol isotope declares (`http` or `grpc`); not modelled. */
  protocol?: string;
}

/** The mesh shape the inputs point to, and the mesh-wide mTLS mode. */
export interface ImportedMesh {
  shape: MeshShapeName;
  mtls?: boolean;
}

/** A mesh's DaemonSet (`kubectl get daemonsets -n istio-system -o yaml`): Istio ambient's ztunnel or Istio's CNI node agent. */
export interface ImportedNodeAgent {
  from: SourceRef;
  /** `ztunnel` (ambient's per-node proxy) or `istio-cni` (the CNI node agent, `istio-cni-node`). */
  kind: 'ztunnel' | 'istio-cni';
  /** Its container's CPU and memory requests and limits. */
  resources: ContainerResources;
}

/** A DaemonSet besides the mesh's (kube-proxy, the cluster's CNI agent, a log agent): a pod on every node. */
export interface ImportedDaemonSet {
  from: SourceRef;
  /** `<namespace>/<name>`: what tells two DaemonSets apart. */
  key: string;
  /** Its name in the scenario: `metadata.name`, or its key when another namespace has a DaemonSet of that name. */
  name: string;
  /** What its pod requests: the sum of its containers' requests (a container's limit when it sets no request) [cores]. */
  cpuRequestCores: number;
  /** The same in memory [MiB]. */
  memoryRequestMiB: number;
}

/** A Kubernetes Node (`kubectl get nodes -o yaml`). */
export interface ImportedNode {
  from: SourceRef;
  name: string;
  /** `topology.kubernetes.io/zone` (or the deprecated `failure-domain.beta.kubernetes.io/zone`), if set. */
  zone?: string;
  /** `topology.kubernetes.io/region` (or its deprecated form), if set. */
  region?: string;
  /** CPU pods can use [cores]: `status.allocatable.cpu`, else `status.capacity.cpu`; absent when neither is set. */
  cpuCores?: number;
  /** Memory pods can use [MiB]: `status.allocatable.memory`, else `status.capacity.memory`; absent when neither is set. */
  memoryMiB?: number;
  /** Pods it runs at most (`status.allocatable.pods`, else `capacity`: the kubelet's `maxPods`). */
  maxPods?: number;
  /** Why no application pod runs on it (cordoned, or a NoSchedule/NoExecute taint), or absent. */
  unschedulable?: string;
  /** Its node pool label (GKE, EKS, AKS or Karpenter) and value, if it carries one. */
  pool?: { label: string; name: string };
  /** True when it is unschedulable only by a taint and belongs to a node pool (kept if a workload selects that pool). */
  taintedPool?: boolean;
  /** Its NoSchedule and NoExecute taints (those that keep pods without a matching toleration off it), if any. */
  taints?: NodeTaint[];
  /** Its operating system as the kubelet reports it (`status.nodeInfo.osImage`), if given. */
  osImage?: string;
}

/** A node taint that keeps pods off: `key=value:effect`. */
export interface NodeTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'NoExecute';
}

/** A pod toleration: `operator` `Equal` (the default) matches `key` and `value`, `Exists` the key alone (or, keyless, every taint). */
export interface PodToleration {
  key?: string;
  operator?: string;
  value?: string;
  /** The effect it tolerates; absent: every effect. */
  effect?: string;
}

/** Everything an import read. */
export interface ImportModel {
  services: ImportedService[];
  workloads: ImportedWorkload[];
  namespaces: ImportedNamespace[];
  /** Kubernetes Nodes: the cluster's zones, node count and node size. */
  nodes: ImportedNode[];
  /** The mesh's DaemonSets (ztunnel, istio-cni-node), one of each kind at most. */
  nodeAgents: ImportedNodeAgent[];
  /** The other DaemonSets, in input order. */
  daemonSets: ImportedDaemonSet[];
  mesh?: Sourced<ImportedMesh>;
  /** True when an isotope graph was read (service times and calls are known). */
  hasGraph: boolean;
  /** Assumptions the import made, written into the scenario's `assumptions`. */
  assumptions: string[];
}
