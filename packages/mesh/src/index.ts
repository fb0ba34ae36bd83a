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
export type { ResolvedVersion, ResolvedVersions, ResolvedWeightStep } from './traffic/resolveVersions.js';
