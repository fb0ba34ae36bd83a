// The internal entry of @meshsim/mesh, for this package's tests and the benchmarks: the model's parts
// that are not public API (policy classes, balancers, cited figures, shape internals). Not for users:
// it changes without notice. Public API comes from ../index.ts.

export { Transport } from '../call/Transport.js';
export { CFS_PERIOD_MS, CpuContainer, CpuGroup, NodeCpu } from '../cpu/NodeCpu.js';
export {
  KERNEL_CPU_WEIGHT,
  cpuSharesOfRequest,
  cpuWeightOfRequest,
  cpuWeightOfShares,
  kernelCpuWeight,
  kubeletCpuWeight,
} from '../cpu/cpuWeightOfRequest.js';
export { arrangePodCgroups, podQosClass } from '../cpu/arrangePodCgroups.js';
export { Connection, ConnectionPool } from '../call/ConnectionPool.js';
export { ConnectionPools } from '../call/ConnectionPools.js';
export {
  APP_IDLE_TIMEOUT_MS,
  APP_MAX_STREAMS,
  PROXY_IDLE_TIMEOUT_MS,
  PROXY_MAX_STREAMS,
} from '../shapes/dataplane/connectionSpecs.js';
export { Network } from '../topology/Network.js';
export { NONZERO_CPU_REQUEST_MILLI, Topology } from '../topology/Topology.js';
export { propagateDeadline } from '../call/propagateDeadline.js';
export { isRetryable, retrySemanticsOf } from '../call/isRetryable.js';
export type { RetrySemantics } from '../call/isRetryable.js';
export { backoffDelayMs } from '../call/backoff.js';
export { UpstreamClient } from '../call/UpstreamClient.js';
export { RateSchedule } from '../traffic/RateSchedule.js';
export { createBalancer, meshDefaultBalancer } from '../call/createBalancer.js';
export { RandomBalancer, RoundRobinBalancer } from '../call/LoadBalancer.js';
export { LeastRequestBalancer } from '../call/balancers/LeastRequestBalancer.js';
export { PeakEwmaBalancer } from '../call/balancers/PeakEwmaBalancer.js';
export { WeightedRoundRobinBalancer } from '../call/balancers/WeightedRoundRobinBalancer.js';
export { LocalityAwareBalancer } from '../call/balancers/LocalityAwareBalancer.js';
export { DistinctIndexSampler } from '../call/balancers/DistinctIndexSampler.js';
export {
  createInstanceBalancer,
  instanceWeights,
  resolveLoadBalancer,
} from '../policies/createInstanceBalancer.js';
export { createRetryBudget } from '../policies/retryBudgets/createRetryBudget.js';
export { LinkerdRetryBudget, TPS_BUDGET_SLOTS } from '../policies/retryBudgets/LinkerdRetryBudget.js';
export { EnvoyRetryBudget } from '../policies/retryBudgets/EnvoyRetryBudget.js';
export { GrpcRetryThrottle } from '../policies/retryBudgets/GrpcRetryThrottle.js';
export { AwsRetryQuota } from '../policies/retryBudgets/AwsRetryQuota.js';
export { EnvoyThresholds } from '../policies/breakers/EnvoyThresholds.js';
export { FailureAccrual } from '../policies/breakers/FailureAccrual.js';
export { failureAccrualPenaltyMs } from '../policies/breakers/failureAccrualPenalty.js';
export { ERROR_RATE_BUCKETS, ErrorRateBreaker } from '../policies/breakers/ErrorRateBreaker.js';
export { RollingCounts } from '../policies/breakers/RollingCounts.js';
export {
  BreakerStateMachine,
  LEGAL_BREAKER_TRANSITIONS,
  isLegalBreakerTransition,
} from '../policies/breakers/BreakerState.js';
export { Bulkhead } from '../policies/Bulkhead.js';
export { BulkheadSlots } from '../policies/BulkheadSlots.js';
export { OutlierDetector } from '../policies/OutlierDetector.js';
export { outlierOutcome } from '../policies/outlierOutcome.js';
export { isPolicyFailure } from '../policies/policyFailure.js';
export { TokenBucket } from '../server/protection/TokenBucket.js';
export { CoDel } from '../server/protection/CoDel.js';
export { ServiceVersions } from '../server/ServiceVersions.js';
export { Deque } from '../server/Deque.js';
export { ActiveRequests } from '../server/ActiveRequests.js';
export type { ActiveLinks } from '../server/ActiveRequests.js';
export { RunStreams } from '../ports/RunStreams.js';
export { Warnings } from '../ports/Warnings.js';
export { enforceOrWarn } from '../ports/enforceOrWarn.js';
export { mtlsCoverage } from '../results/mtlsCoverage.js';
export { networkAssumption } from '../config/networkAssumption.js';
export { requestedCpuCores } from '../config/requestedCpuCores.js';
export { MODEL_ASSUMPTIONS } from '../config/defaults.js';
export { l7Demands } from '../shapes/dataplane/l7Demands.js';
export {
  HOURS_PER_MONTH,
  LATTICE_FREE_REQUESTS_PER_SERVICE_HOUR,
  computeCostPerMonthUsd,
  latticeCostPerMonthUsd,
} from '../shapes/dataplane/prices.js';
export { mbToMiB } from '../shapes/dataplane/CitedFigures.js';
export { BUILT_IN_SHAPES } from '../shapes/builtInShapes.js';
export {
  ISTIO_DEFAULT_POLICY,
  ISTIO_DEFAULT_RETRY,
  ISTIO_LEGACY_DEFAULT_RETRY,
  istioDefaultPolicy,
} from '../shapes/istio-sidecar/istioDefaultRetry.js';
export {
  ISTIO_SIDECAR_CITED,
  ISTIO_SIDECAR_PROFILES,
  istioBand,
  istioSidecarProfile,
} from '../shapes/istio-sidecar/istioProfiles.js';
export {
  WAYPOINT_CITED,
  WAYPOINT_PROFILE,
  ZTUNNEL_CITED,
  ZTUNNEL_PROFILE,
} from '../shapes/istio-ambient/ambientProfiles.js';
export { waypointDeployments, waypointUse } from '../shapes/istio-ambient/waypointDeployments.js';
export {
  LINKERD_CITED,
  LINKERD_CITED_BY_VERSION,
  LINKERD_PROXY_PROFILE,
  LINKERD_PROXY_PROFILES,
} from '../shapes/linkerd/linkerdProfile.js';
export {
  CILIUM_NODE_ENVOY_PROFILE,
  EBPF_CITED,
  EBPF_PROFILE,
  WIREGUARD_PROFILE,
} from '../shapes/cilium/ciliumProfiles.js';
export {
  APP_MESH_CITED,
  APP_MESH_ENVOY_PROFILE,
  APP_MESH_RECOMMENDED_VCPU,
} from '../shapes/app-mesh/appMeshProfile.js';
export { APP_MESH_DEFAULT_RETRY, APP_MESH_REQUEST_TIMEOUT_MS } from '../shapes/app-mesh/appMeshShape.js';
export { APP_MESH_RETRY_EVENTS } from '../shapes/app-mesh/appMeshRetryEvents.js';
export {
  CONSUL_CITED,
  CONSUL_ENVOY_PROFILE,
  CONSUL_REQUEST_TIMEOUT_MS,
} from '../shapes/consul/consulProfile.js';
export { LATTICE_CITED, LATTICE_HOP_PROFILE } from '../shapes/vpc-lattice/latticeProfile.js';
export {
  LATTICE_HEALTH_CHECK,
  LATTICE_TARGET_CONNECT_TIMEOUT_MS,
  latticeEndpointChangeDelayMs,
  latticeHealthChecks,
} from '../shapes/vpc-lattice/latticeRules.js';
export { DEFAULT_IN_CLUSTER } from '../shapes/layered/layeredShape.js';
export { LIBRARY_CPU_MS_PER_CALL } from '../shapes/library/libraryShape.js';
export {
  DEFAULT_CERTIFICATE_LIFETIME_MS,
  DEFAULT_ENDPOINT_UPDATE_DELAY_MS,
} from '../shapes/resolveShared.js';
export { SidecarDataPlane } from '../shapes/sidecar/SidecarDataPlane.js';
export { destinationResponse, flagsLabel, sourceResponse } from '../results/envoyResponse.js';
export { CALL_FLAG } from '../call/CallTap.js';
export { RouteCache } from '../shapes/dataplane/RouteCache.js';
export { PoolCache } from '../shapes/dataplane/PoolCache.js';

export type { Attempt } from '../call/Attempt.js';
export type { NetworkStation } from '../call/Station.js';
export type { CpuDone, CpuGroupChild, CpuTask } from '../cpu/NodeCpu.js';
export type { ArrangedPod, PodContainerCpu, PodCpu } from '../cpu/arrangePodCgroups.js';

export type { Acquired, ConnectionPorts, ConnectionSpec, ConnectionUser } from '../call/ConnectionPool.js';
export type { ConnectionEnd } from '../server/ConnectionEnd.js';
export type { Call } from '../call/Call.js';
export type { Endpoint, LoadBalancer } from '../call/LoadBalancer.js';
export type { BalancerContext } from '../call/createBalancer.js';
export type { Clock } from '../call/balancers/PeakEwmaBalancer.js';
export type { LocalityTier, LocatedEndpoint, ZoneLocation } from '../call/balancers/LocalityAwareBalancer.js';
export type { AttemptResult } from '../config/AttemptResult.js';
export type { BreakerState, BreakerTransitionListener } from '../policies/breakers/BreakerState.js';
export type { AccrualTarget } from '../policies/breakers/FailureAccrual.js';
export type { EjectionReason } from '../policies/OutlierDetector.js';
export type { OutlierOutcome } from '../policies/outlierOutcome.js';
export type { PolicyContext } from '../policies/PolicyContext.js';
export type { PolicyCounters } from '../ports/PolicyCounters.js';
export type { Queued, SheddableQueue } from '../server/protection/CoDel.js';
export { ServiceRuntime } from '../server/ServiceRuntime.js';
export type { EndpointWatcher } from '../server/ServiceRuntime.js';
export type { CitedFigures } from '../shapes/dataplane/CitedFigures.js';
export type { IstioSidecarBand } from '../shapes/istio-sidecar/istioProfiles.js';
export type { SidecarMesh } from '../shapes/sidecar/SidecarMesh.js';
export { profileForLimit, workersForLimit } from '../shapes/dataplane/proxyConcurrency.js';
export { CONFIG_RULE_SITES, checkRuleSites, siteKey, siteRows } from '../config/rules/configRuleSites.js';
export type { ConfigRuleSite, RuleSiteObject } from '../config/rules/configRuleSites.js';
