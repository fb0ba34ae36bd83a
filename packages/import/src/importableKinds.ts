// The resource kinds `meshsim import` reads, with the API groups it expects them in; any other kind is
// reported (a warning naming this list) and skipped.

/** One kind the importer reads. */
export interface ImportableKind {
  /** The `kind` field. */
  kind: string;
  /** API groups of `apiVersion` (the part before `/`; '' for the core group) the kind is read from. */
  groups: readonly string[];
  /** What the importer takes from it. */
  gives: string;
}

/** Every kind the importer reads, in the order its phases handle them. */
export const IMPORTABLE_KINDS: readonly ImportableKind[] = [
  {
    kind: 'MockServiceGraph',
    groups: ['*'],
    gives: 'isotope call graph, replicas, sizes, error rates, sleeps',
  },
  { kind: 'Namespace', groups: [''], gives: 'mesh-injection labels and annotations' },
  {
    kind: 'Node',
    groups: [''],
    gives: 'the cluster: zones (zone label), nodes per zone, node size (allocatable CPU and memory)',
  },
  {
    kind: 'Deployment',
    groups: ['apps'],
    gives: 'replicas, pod labels (versions), container CPU and memory requests and limits',
  },
  {
    kind: 'StatefulSet',
    groups: ['apps'],
    gives: 'replicas, pod labels (versions), container CPU requests and limits',
  },
  {
    kind: 'HorizontalPodAutoscaler',
    groups: ['autoscaling'],
    gives:
      "its target's replica bounds: minReplicas for a workload that sets no replicas, else its replicas held within minReplicas..maxReplicas (autoscaling itself is not modelled)",
  },
  {
    kind: 'LimitRange',
    groups: [''],
    gives: "a namespace's default container CPU request and limit, for the containers that set none",
  },
  {
    kind: 'Pod',
    groups: [''],
    gives:
      "its injected proxy container's CPU and memory requests and limits (its workload's proxyCpuLimit, proxyCpuRequest, proxyMemoryRequest, proxyMemoryLimit)",
  },
  {
    kind: 'DaemonSet',
    groups: ['apps'],
    gives:
      "Istio's ztunnel and CNI node agent (istio-cni-node): their container's CPU and memory requests and CPU limit (the mesh's ztunnel and istioCni); any other: its pod's requests (the scenario's daemonSets)",
  },
  { kind: 'Service', groups: [''], gives: 'the services and which workloads back them; Linkerd annotations' },
  {
    kind: 'DestinationRule',
    groups: ['networking.istio.io'],
    gives: 'subsets, load balancer, connection pool, outlier detection',
  },
  {
    kind: 'VirtualService',
    groups: ['networking.istio.io'],
    gives: 'timeouts, retries, fault injection, mirroring, weights, header routes',
  },
  { kind: 'PeerAuthentication', groups: ['security.istio.io'], gives: 'mesh-wide mTLS mode' },
  { kind: 'AuthorizationPolicy', groups: ['security.istio.io'], gives: 'allowed callers' },
  {
    kind: 'Sidecar',
    groups: ['networking.istio.io'],
    gives: 'nothing yet (reported: endpoint scope is not modelled)',
  },
  { kind: 'ServiceProfile', groups: ['linkerd.io'], gives: 'route timeouts, retries, retry budget' },
  {
    kind: 'HTTPRoute',
    groups: ['gateway.networking.k8s.io', 'policy.linkerd.io'],
    gives: 'timeouts and Linkerd retry/timeout annotations',
  },
];

/** The kind names of {@link IMPORTABLE_KINDS}, for messages. */
export const IMPORTABLE_KIND_NAMES: readonly string[] = IMPORTABLE_KINDS.map((entry) => entry.kind);
