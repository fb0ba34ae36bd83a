// Public API of @meshsim/mesh: run a resolved config, resolve mesh options, register mesh shapes, and
// the config, policy and result types. Tests of internals import from ./internal/index.ts.

// Running a simulation.
export { simulate } from './simulate.js';
export { MODEL_REVISION } from './modelRevision.js';
export { Simulation } from './Simulation.js';
export { staticWarnings } from './staticWarnings.js';
export {
  CHECK_EVERY_EVENTS,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_EVENTS_AT_ONE_INSTANT,
} from './SimulateOptions.js';
export { MIN_THINK_AFTER_INSTANT_CALL_MS } from './traffic/TrafficSource.js';
export { RateSchedule } from './traffic/RateSchedule.js';

// Reading a result.
export { sentPerInterval } from './results/sentPerInterval.js';
export { MAX_SERIES_INTERVALS, SERIES_INTERVALS_MS, seriesIntervalMs } from './results/seriesInterval.js';
export { MAX_LATENESS_INTERVALS } from './ports/EdgeStats.js';
export { requestsExceedCores, requestsExceedMemory } from './config/requestsExceedCores.js';

// Mesh shapes: options in, resolved config out; the registry; the capability matrix.
export {
  meshPodRequests,
  meshProfiles,
  resolveMeshConfig,
  shapeAssumptions,
} from './shapes/resolveMeshConfig.js';
export {
  PROFILE_FIELDS,
  PROFILE_OPTIONS,
  describeProfileValue,
  meshProfile,
  writtenProfileFields,
} from './shapes/profileFields.js';
export type {
  MeshProfile,
  ProfileFieldRule,
  ProfileFieldSpec,
  ProfileOption,
} from './shapes/profileFields.js';
export {
  isBuiltInMeshShape,
  isMeshShapeName,
  meshShape,
  meshShapeNames,
  meshShapes,
  unregisterMeshShape,
} from './shapes/registry.js';
export { registerMeshShape } from './registerMeshShape.js';
export {
  SHARED_MESH_OPTIONS,
  isBuiltInMeshOption,
  optionOwner,
  ownedMeshOptions,
} from './shapes/shapeOptions.js';
export type { ShapeOptionSpec } from './shapes/ShapeOptionSpec.js';
export { capabilityRows } from './shapes/capabilityRows.js';
export {
  CAPABILITIES,
  POLICY_NAMES,
  canEnforce,
  declaredEnforcerKind,
  isBuiltInEnforcer,
} from './config/capabilities.js';
export type { EnforcerSpec, RetrySemantics } from './config/enforcerKinds.js';
export { DEFAULT_ISTIO_VERSION, ISTIO_VERSIONS } from './shapes/istio-sidecar/istioProfiles.js';
export { DEFAULT_LINKERD_VERSION, LINKERD_VERSIONS } from './shapes/linkerd/linkerdProfile.js';
export { planWaypoints } from './shapes/istio-ambient/waypointDeployments.js';
export type { WaypointDeployment, WaypointIssue } from './shapes/istio-ambient/waypointDeployments.js';
export { AWS_US_EAST_1_PRICES } from './shapes/dataplane/prices.js';

// Building blocks for a shape of your own (see docs/mesh-shapes/README.md, "Adding a shape").
export { DataPlaneBase } from './shapes/dataplane/DataPlaneBase.js';
export { Proxy } from './shapes/dataplane/Proxy.js';
export { proxyStation } from './shapes/dataplane/proxyStation.js';
export { perNodeProxies } from './shapes/dataplane/perNodeProxies.js';
export { sidecarPodRequests } from './shapes/sidecar/sidecarPodRequests.js';
export { describeRoute } from './shapes/dataplane/describeRoute.js';
export { resolveShared, withOverrides } from './shapes/resolveShared.js';
export { SidecarDataPlane } from './shapes/sidecar/SidecarDataPlane.js';

// Defaults, names and policy presets.
export {
  DEFAULT_CLUSTERS,
  DEFAULT_NETWORK,
  ENVOY_DEFAULT_BACKOFF,
  NO_POLICY,
  NO_RETRY,
} from './config/defaults.js';
export { JITTER_KINDS, RETRY_CONDITIONS } from './config/names.js';
export { FAILURE_CAUSES, RUN_STOP_REASONS } from './config/SimulationResult.js';
export { ENVOY_DEFAULT_BUCKETS } from './config/Telemetry.js';
export {
  AWS_SDK_RETRY_QUOTA,
  ENVOY_CONNECTION_POOL,
  ENVOY_OUTLIER_DETECTION,
  ENVOY_RETRY_BUDGET,
  GRPC_RETRY_THROTTLING,
  HYSTRIX_BREAKER,
  LINKERD_FAILURE_ACCRUAL,
  LINKERD_RETRY_BUDGET,
  NO_DESTINATION_POLICY,
  NO_INBOUND_POLICY,
} from './config/policyDefaults.js';
export { DEFAULT_CHOICE_COUNT } from './call/balancers/LeastRequestBalancer.js';
export { LINKERD_FAILFAST, LINKERD_LOAD_SHED, LINKERD_OUTBOUND_HTTP_QUEUE } from './call/BalancerQueue.js';
export type { BalancerQueueSpec } from './call/BalancerQueue.js';
export { PEAK_EWMA_DEFAULTS } from './call/balancers/PeakEwmaBalancer.js';

// Validation a scenario loader shares with the model.
export { validateInboundPolicy } from './server/protection/createInboundProtection.js';
export { validateOutlierDetection } from './policies/OutlierDetector.js';
export { WEIGHT_SUM_TOLERANCE, resolveVersions } from './server/resolveVersions.js';

// Rule tables: every policy and scenario field's unit, range, default and source (docs are generated from them).
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
export { relationReason } from './config/rules/relationReason.js';
export { findRuleRow } from './config/rules/findRuleRow.js';
export { callCycleReason, findCallCycles } from './config/findCallCycles.js';
export type { CallCycle, CallEdge } from './config/findCallCycles.js';
export { checkConfigReferences } from './config/checkConfigReferences.js';
export { findSourceNameClashes } from './config/findSourceNameClashes.js';
export type { SourceNameClash, SourceNameEntry } from './config/findSourceNameClashes.js';
export { AWS_SDK_RETRY_QUOTA_RULES } from './config/rules/awsSdkRetryQuotaRules.js';
export { BULKHEAD_RULES } from './config/rules/bulkheadRules.js';
export {
  APP_RETRY_RULES,
  BACKOFF_RULES,
  CALL_POLICY_RULES,
  RETRY_RULES,
} from './config/rules/callPolicyRules.js';
export { CALL_RULES } from './config/rules/callRules.js';
export { CONNECTION_POOL_RULES } from './config/rules/connectionPoolRules.js';
export { ENVOY_RETRY_BUDGET_RULES } from './config/rules/envoyRetryBudgetRules.js';
export { ERROR_RATE_BREAKER_RULES } from './config/rules/errorRateBreakerRules.js';
export { READINESS_PROBE_RULES } from './config/rules/readinessProbeRules.js';
export {
  RESTART_BACKOFF_INITIAL_MS,
  RESTART_BACKOFF_MAX_MS,
  RESTART_BACKOFF_RESET_MS,
  RestartBackoff,
  crashLoopRestartMs,
  restartDelayMs,
} from './faults/RestartBackoff.js';
export { FAILURE_ACCRUAL_RULES } from './config/rules/failureAccrualRules.js';
export { FAULT_ABORT_RULES, FAULT_DELAY_RULES } from './config/rules/faultInjectionRules.js';
export { GRPC_RETRY_THROTTLING_RULES } from './config/rules/grpcRetryThrottlingRules.js';
export { LINKERD_RETRY_BUDGET_RULES } from './config/rules/linkerdRetryBudgetRules.js';
export {
  LEAST_REQUEST_RULES,
  LOCALITY_AWARE_RULES,
  PEAK_EWMA_RULES,
} from './config/rules/loadBalancerRules.js';
export { MESH_OPTION_RULES } from './config/rules/meshOptionRules.js';
export { MIRROR_RULES } from './config/rules/mirrorRules.js';
export { LIMIT_RULES, SCENARIO_LIMITS } from './config/rules/limitRules.js';
export { MIN_CPU_CORES } from './config/rules/ruleAssumptions.js';
export {
  FAILURE_PERCENTAGE_RULES,
  OUTLIER_DETECTION_RULES,
  SUCCESS_RATE_RULES,
} from './config/rules/outlierDetectionRules.js';
export { RATE_LIMIT_RULES } from './config/rules/rateLimitRules.js';
export { DEFAULT_NODE_MAX_PODS, SCENARIO_RULES } from './config/rules/scenarioRules.js';
export { SEED_RULE, seedProblem } from './config/rules/seedRule.js';
export { SERVICE_RULES } from './config/rules/serviceRules.js';
export { CODEL_RULES, QUEUE_TIMEOUT_RULES } from './config/rules/sheddingRules.js';
export { TRAFFIC_RULES } from './config/rules/trafficRules.js';
export { VERSION_RULES } from './config/rules/versionRules.js';
export { ZONE_RULES } from './config/rules/zoneRules.js';

export type { ExternalStop, SimulateOptions } from './SimulateOptions.js';
export type { ConfigWarning, ScenarioFieldPath } from './config/ConfigWarning.js';
export type {
  HistogramSamples,
  Reporter,
  RequestSeries,
  RequestTelemetry,
  TelemetryOptions,
  TelemetryResult,
  TraceAttributeValue,
  TraceData,
  TraceKeepOptions,
  TraceTailSummary,
  TraceEvent,
  TraceSpan,
} from './config/Telemetry.js';
export type {
  AppMeshMeshConfig,
  BuiltInShapeName,
  CiliumMeshConfig,
  ConsulMeshConfig,
  CrossClusterHop,
  InClusterMeshConfig,
  IstioAmbientMeshConfig,
  IstioSidecarMeshConfig,
  IstioVersion,
  LinkerdVersion,
  LayeredMeshConfig,
  ConnectionPoolDefaults,
  LibraryMeshConfig,
  LinkerdMeshConfig,
  MeshConfig,
  MeshConfigBase,
  MeshLoadBalancer,
  MeshOptions,
  MeshShapeName,
  NodeAgentSpec,
  NoneMeshConfig,
  OutlierEjectionCap,
  PriceTable,
  ProxyProfile,
  ProxyProfileField,
  SuccessRateEjection,
  VpcLatticeMeshConfig,
  WaypointProfile,
} from './config/MeshConfig.js';
export type {
  CallConfig,
  CallPlan,
  ClosedTrafficConfig,
  ClusterConfig,
  DaemonSetConfig,
  NodePoolConfig,
  DependencyFailureAnswer,
  FaultConfig,
  FaultEffect,
  NetworkConfig,
  OpenTrafficConfig,
  ProxyRole,
  RatePoint,
  ReadinessProbeConfig,
  ServiceConfig,
  SimulationConfig,
  TrafficConfig,
  WaypointBinding,
  WireProtocol,
} from './config/SimulationConfig.js';
export type { CpuWeightConversion } from './config/CpuWeightConversion.js';
export type { PodQosClass } from './config/PodQosClass.js';
export { CPU_WEIGHT_CONVERSIONS } from './config/CpuWeightConversion.js';
export { cpuWeightOfRequest } from './cpu/cpuWeightOfRequest.js';
export type {
  BackoffPolicy,
  CallPolicy,
  JitterKind,
  RetryCondition,
  RetryPolicy,
} from './config/CallPolicy.js';
export type {
  ConnectionPoolConfig,
  ConnectionPoolThreshold,
  DestinationPolicy,
  ErrorRateBreakerConfig,
  FailureAccrualConfig,
  FaultInjectionConfig,
  InboundPolicy,
  LoadBalancerConfig,
  MirrorConfig,
  OutlierDetectionConfig,
  RateLimitConfig,
  RetryBudgetConfig,
  SheddingConfig,
  VersionConfig,
  VersionRoute,
  WeightStep,
} from './config/PolicyConfig.js';
export type {
  ConnectionTotals,
  Conservation,
  EdgeMetrics,
  EdgeSeries,
  FailureCause,
  LatencySummary,
  NodeCrashPods,
  NodeCrashProxies,
  NodeCrashRecord,
  NodeMetrics,
  PodEvent,
  PodEventKind,
  PodEvents,
  ProxyKindTotals,
  ProxyTotals,
  ResolvedProxyProfile,
  RunStopReason,
  RunStopped,
  ServiceMetrics,
  ServiceSeries,
  SimulationResult,
  TimeSeries,
  VersionMetrics,
  ZenoLoop,
  ZenoLoopEdge,
} from './config/SimulationResult.js';
export type {
  BuiltInEnforcerKind,
  DeclaredEnforcerKind,
  EnforcerKind,
  PolicyName,
} from './config/capabilities.js';
export type {
  CapabilityRow,
  MeshPodRequests,
  MeshShape,
  NodeAgentRequests,
  OtherShapes,
} from './shapes/MeshShape.js';
export type { ShapeCapabilityRow } from './shapes/capabilityRows.js';
export type { SharedDefaults } from './shapes/resolveShared.js';
export type { NodeProxySpec } from './shapes/dataplane/perNodeProxies.js';
export type { SidecarMesh } from './shapes/sidecar/SidecarMesh.js';
export type { DataPlane } from './shapes/dataplane/DataPlane.js';
export type { DataPlaneContext } from './shapes/dataplane/DataPlaneContext.js';
export type { ProxyGroup } from './shapes/dataplane/proxyTotals.js';
export type { NetworkStation, ProcessState, ProxyHeld, Station, StationProxy } from './call/Station.js';
export type { CallerRef } from './topology/CallerRef.js';
export type { Node } from './topology/Topology.js';
export type { Instance } from './server/Instance.js';
export type { ClientPolicy } from './call/ClientPolicy.js';
export type { ResolvedVersion, ResolvedVersions, ResolvedWeightStep } from './server/resolveVersions.js';
export type {
  RuleBound,
  RuleDefault,
  RuleDocField,
  RuleKind,
  RuleRelation,
  RuleRow,
  RuleSource,
  RuleTable,
  RuleUnit,
  RuleUnlimited,
} from './config/rules/RuleRow.js';
export type { ConfigDefaults, ConfigKeyOf, ConfigValueOf } from './config/rules/configDefaults.js';
export { maxOf, minOf, pushAll } from './config/manyValues.js';
export { formatDuration } from './config/formatDuration.js';
