// Public API of @meshsim/mesh: the service-mesh model built on the engine.

export { simulate } from './simulate.js';
export { Simulation } from './Simulation.js';
export {
  DEFAULT_CLUSTERS,
  DEFAULT_NETWORK,
  ENVOY_DEFAULT_BACKOFF,
  ISTIO_DEFAULT_RETRY,
  ISTIO_SIDECAR_PROFILE,
  MODEL_ASSUMPTIONS,
  NO_POLICY,
  NO_RETRY,
  defaultLoadBalancer,
  defaultMeshConfig,
} from './config/defaults.js';
export { FAILURE_CAUSES } from './config/SimulationResult.js';
export { JITTER_KINDS, MESH_SHAPES, RETRY_CONDITIONS } from './config/names.js';
export { WEIGHT_SUM_TOLERANCE, resolveVersions } from './traffic/resolveVersions.js';
export { NO_INBOUND_POLICY } from './config/policyDefaults.js';
export { TokenBucket } from './policies/TokenBucket.js';
export { CoDel } from './policies/CoDel.js';
export { propagateDeadline } from './call/propagateDeadline.js';
export { validateInboundPolicy } from './server/createInboundProtection.js';
export { mtlsCoverage } from './metrics/mtlsCoverage.js';
export {
  AWS_SDK_RETRY_QUOTA,
  ENVOY_CONNECTION_POOL,
  ENVOY_RETRY_BUDGET,
  GRPC_RETRY_THROTTLING,
  HYSTRIX_BREAKER,
  LINKERD_FAILURE_ACCRUAL,
  LINKERD_RETRY_BUDGET,
  NO_DESTINATION_POLICY,
} from './config/policyDefaults.js';
export {
  CODEL_DEFAULTS,
  DEFAULT_MIRROR_PERCENT,
  DEFAULT_RATE_LIMIT_SCOPE,
  ENVOY_FAILURE_PERCENTAGE,
  ENVOY_SUCCESS_RATE,
  RATE_LIMIT_BURST_SECONDS,
} from './config/policyDefaults.js';
export { RULE_TABLES } from './config/rules/ruleTables.js';
export { RULE_ASSUMPTIONS } from './config/rules/ruleAssumptions.js';
export { configDefaults, configKey, toConfigUnit } from './config/rules/configDefaults.js';
export { checkField, checkFields } from './config/rules/checkFields.js';
export { findRuleRow } from './config/rules/findRuleRow.js';
export { AWS_SDK_RETRY_QUOTA_RULES } from './config/rules/awsSdkRetryQuotaRules.js';
export { BULKHEAD_RULES } from './config/rules/bulkheadRules.js';
export { BACKOFF_RULES, CALL_POLICY_RULES, RETRY_RULES } from './config/rules/callPolicyRules.js';
export { CALL_RULES } from './config/rules/callRules.js';
export { CONNECTION_POOL_RULES } from './config/rules/connectionPoolRules.js';
export { ENVOY_RETRY_BUDGET_RULES } from './config/rules/envoyRetryBudgetRules.js';
export { ERROR_RATE_BREAKER_RULES } from './config/rules/errorRateBreakerRules.js';
export { FAILURE_ACCRUAL_RULES } from './config/rules/failureAccrualRules.js';
export { FAULT_ABORT_RULES, FAULT_DELAY_RULES } from './config/rules/faultInjectionRules.js';
export { GRPC_RETRY_THROTTLING_RULES } from './config/rules/grpcRetryThrottlingRules.js';
export { LINKERD_RETRY_BUDGET_RULES } from './config/rules/linkerdRetryBudgetRules.js';
export {
  LEAST_REQUEST_RULES,
  LOCALITY_AWARE_RULES,
  PEAK_EWMA_RULES,
} from './config/rules/loadBalancerRules.js';
export { MIRROR_RULES } from './config/rules/mirrorRules.js';
export {
  FAILURE_PERCENTAGE_RULES,
  OUTLIER_DETECTION_RULES,
  SUCCESS_RATE_RULES,
} from './config/rules/outlierDetectionRules.js';
export { RATE_LIMIT_RULES } from './config/rules/rateLimitRules.js';
export { SCENARIO_RULES } from './config/rules/scenarioRules.js';
export { SERVICE_RULES } from './config/rules/serviceRules.js';
export { CODEL_RULES, QUEUE_TIMEOUT_RULES } from './config/rules/sheddingRules.js';
export { TRAFFIC_RULES } from './config/rules/trafficRules.js';
export { VERSION_RULES } from './config/rules/versionRules.js';
export { createRetryBudget } from './policies/retryBudgets/createRetryBudget.js';
export { LinkerdRetryBudget } from './policies/retryBudgets/LinkerdRetryBudget.js';
export { EnvoyRetryBudget } from './policies/retryBudgets/EnvoyRetryBudget.js';
export { GrpcRetryThrottle } from './policies/retryBudgets/GrpcRetryThrottle.js';
export { AwsRetryQuota } from './policies/retryBudgets/AwsRetryQuota.js';
export { EnvoyThresholds } from './policies/breakers/EnvoyThresholds.js';
export { FailureAccrual } from './policies/breakers/FailureAccrual.js';
export { failureAccrualPenaltyMs } from './policies/breakers/failureAccrualPenalty.js';
export { ERROR_RATE_BUCKETS, ErrorRateBreaker } from './policies/breakers/ErrorRateBreaker.js';
export {
  BreakerStateMachine,
  LEGAL_BREAKER_TRANSITIONS,
  isLegalBreakerTransition,
} from './policies/breakers/BreakerState.js';
export { isPolicyFailure } from './policies/policyFailure.js';
export { ENVOY_OUTLIER_DETECTION } from './config/policyDefaults.js';
export { OutlierDetector, validateOutlierDetection } from './policies/OutlierDetector.js';
export { outlierOutcome } from './policies/outlierOutcome.js';
export { createBalancer, meshDefaultBalancer } from './call/createBalancer.js';
export { RandomBalancer, RoundRobinBalancer } from './call/LoadBalancer.js';
export { DEFAULT_CHOICE_COUNT, LeastRequestBalancer } from './call/balancers/LeastRequestBalancer.js';
export { PEAK_EWMA_DEFAULTS, PeakEwmaBalancer } from './call/balancers/PeakEwmaBalancer.js';
export { WeightedRoundRobinBalancer } from './call/balancers/WeightedRoundRobinBalancer.js';
export { LocalityAwareBalancer } from './call/balancers/LocalityAwareBalancer.js';
export { DistinctIndexSampler } from './call/balancers/DistinctIndexSampler.js';
export {
  APP_MESH_DEFAULT_RETRY,
  APP_MESH_REQUEST_TIMEOUT_MS,
  DEFAULT_LAYERED,
  defaultMtls,
  defaultShapePolicy,
} from './config/defaults.js';
export {
  DEFAULT_ISTIO_VERSION,
  ISTIO_SIDECAR_CITED,
  ISTIO_SIDECAR_PROFILES,
  ISTIO_VERSIONS,
  istioBand,
  istioSidecarProfile,
} from './config/profiles/istio.js';
export {
  WAYPOINT_CITED,
  WAYPOINT_PROFILE,
  ZTUNNEL_CITED,
  ZTUNNEL_PROFILE,
} from './config/profiles/ambient.js';
export {
  LINKERD_CITED,
  LINKERD_CPU_RATIO,
  LINKERD_LATENCY_RATIO,
  LINKERD_PROXY_PROFILE,
} from './config/profiles/linkerd.js';
export {
  CILIUM_NODE_ENVOY_PROFILE,
  EBPF_CITED,
  EBPF_PROFILE,
  WIREGUARD_PROFILE,
} from './config/profiles/cilium.js';
export {
  APP_MESH_CITED,
  APP_MESH_ENVOY_PROFILE,
  APP_MESH_RECOMMENDED_VCPU,
} from './config/profiles/appMesh.js';
export { CONSUL_CITED, CONSUL_ENVOY_PROFILE, CONSUL_REQUEST_TIMEOUT_MS } from './config/profiles/consul.js';
export { LATTICE_CITED, LATTICE_HOP_PROFILE } from './config/profiles/lattice.js';
export {
  AWS_US_EAST_1_PRICES,
  HOURS_PER_MONTH,
  computeCostPerMonthUsd,
  latticeCostPerMonthUsd,
} from './config/profiles/prices.js';
export { mbToMiB } from './config/profiles/CitedFigures.js';
export { shapeAssumptions } from './config/profiles/shapeAssumptions.js';
export { DATA_PLANE_FACTORIES, createDataPlane } from './dataplane/createDataPlane.js';
export { describeRoute } from './dataplane/describeRoute.js';
export { APP_MESH_RETRY_EVENTS } from './dataplane/appMeshRetryEvents.js';
export { l7Demands } from './dataplane/l7Demands.js';
export { CAPABILITIES, POLICY_NAMES, canEnforce } from './policies/capabilities.js';

export type { SimulateOptions } from './simulate.js';
export type {
  BackoffPolicy,
  CallConfig,
  CallPlan,
  CallPolicy,
  ClosedTrafficConfig,
  ClusterConfig,
  FaultConfig,
  FaultEffect,
  JitterKind,
  MeshConfig,
  MeshShapeName,
  NetworkConfig,
  OpenTrafficConfig,
  ProxyProfile,
  ProxyRole,
  RatePoint,
  RetryCondition,
  RetryPolicy,
  ServiceConfig,
  SimulationConfig,
  TrafficConfig,
} from './config/SimulationConfig.js';
export type {
  Conservation,
  EdgeMetrics,
  EdgeSeries,
  FailureCause,
  LatencySummary,
  ProxyKindTotals,
  ProxyTotals,
  ServiceMetrics,
  ServiceSeries,
  SimulationResult,
  TimeSeries,
  VersionMetrics,
} from './config/SimulationResult.js';
export type {
  FaultInjectionConfig,
  MirrorConfig,
  VersionConfig,
  VersionRoute,
  WeightStep,
} from './config/PolicyConfig.js';
export type { InboundPolicy, RateLimitConfig, SheddingConfig } from './config/PolicyConfig.js';
export type {
  ConnectionPoolConfig,
  DestinationPolicy,
  ErrorRateBreakerConfig,
  FailureAccrualConfig,
  RetryBudgetConfig,
} from './config/PolicyConfig.js';
export type {
  RuleBound,
  RuleDefault,
  RuleKind,
  RuleRelation,
  RuleRow,
  RuleSource,
  RuleTable,
  RuleUnit,
  RuleUnlimited,
} from './config/rules/RuleRow.js';
export type { ConfigDefaults, ConfigKeyOf, ConfigValueOf } from './config/rules/configDefaults.js';
export type { BreakerState, BreakerTransitionListener } from './policies/breakers/BreakerState.js';
export type { AccrualTarget } from './policies/breakers/FailureAccrual.js';
export type { Queued, SheddableQueue } from './policies/CoDel.js';
export type { ResolvedVersion, ResolvedVersions, ResolvedWeightStep } from './traffic/resolveVersions.js';
export type { LoadBalancerConfig, OutlierDetectionConfig } from './config/PolicyConfig.js';
export type { EjectionReason } from './policies/OutlierDetector.js';
export type { OutlierOutcome } from './policies/outlierOutcome.js';
export type { Endpoint, LoadBalancer } from './call/LoadBalancer.js';
export type { BalancerContext } from './call/createBalancer.js';
export type { Clock } from './call/balancers/PeakEwmaBalancer.js';
export type { LocalityTier, LocatedEndpoint, ZoneLocation } from './call/balancers/LocalityAwareBalancer.js';
export type { IstioVersion, LayeredConfig, PriceTable, WaypointProfile } from './config/SimulationConfig.js';
export type { MeshDefaultsOptions } from './config/defaults.js';
export type { IstioSidecarBand } from './config/profiles/istio.js';
export type { CitedFigures } from './config/profiles/CitedFigures.js';
export type { DataPlane } from './dataplane/DataPlane.js';
export type { DataPlaneContext } from './dataplane/DataPlaneContext.js';
export type { DataPlaneFactory } from './dataplane/LayeredDataPlane.js';
export type { Station } from './dataplane/Station.js';
export type { EnforcerKind, PolicyName } from './policies/capabilities.js';
