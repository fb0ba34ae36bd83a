// The umbrella package: the public API of every meshsim layer in one import (`import { … } from 'meshsim'`).

// Engine: kernel, random streams, distributions, statistics.
export {
  Engine,
  RandomStreams,
  LatencyHistogram,
  meanConfidenceInterval,
  batchMeans,
  createSampler,
  validateDistribution,
  distributionMean,
  distributionQuantile,
  describeDistribution,
  scaleDistribution,
} from '@meshsim/engine';

// Mesh model: simulate a resolved config.
export {
  simulate,
  Simulation,
  MODEL_REVISION,
  resolveMeshConfig,
  meshShapeNames,
  registerMeshShape,
  capabilityRows,
  RETRY_CONDITIONS,
  FAILURE_CAUSES,
  NO_POLICY,
  NO_RETRY,
  DEFAULT_NETWORK,
  DEFAULT_CLUSTERS,
  cpuWeightOfRequest,
  CPU_WEIGHT_CONVERSIONS,
} from '@meshsim/mesh';

// Scenarios: load, validate and tweak.
export {
  loadScenario,
  loadScenarioFile,
  parseScenario,
  applyOverrides,
  resolveScenario,
  generateKinvolkEmojivoto,
  generatePlatform40,
  listBundledScenarios,
  ScenarioError,
  parseDurationMs,
  parseRate,
  SCENARIO_DEFAULTS,
} from '@meshsim/scenario';

// Import: isotope, Kubernetes, Istio and Linkerd files → a scenario.
export {
  importScenario,
  importScenarioObject,
  ImportError,
  formatImportWarning,
  formatImportIssue,
} from '@meshsim/import';

// Analysis: diagnosis (verdicts), replications with confidence intervals, --set overrides, sweeps, the store.
export {
  diagnose,
  DIAGNOSIS_THRESHOLDS,
  isRecovered,
  parseSetOption,
  readScenarioSource,
  resolveWithOverrides,
  OverrideError,
  replicationSeed,
  runFigures,
  summarizeReplications,
  pairedDifferences,
  sweep,
  findBoundaries,
  runTasks,
  ResultsStore,
} from '@meshsim/analysis';

// Reports: render results.
export {
  renderText,
  renderJson,
  renderEdgesCsv,
  renderNodesCsv,
  renderProxiesCsv,
  renderServiceSeriesCsv,
  renderTimeSeriesCsv,
  renderVersionsCsv,
  renderOpenMetrics,
  renderHtml,
  renderComparisonHtml,
  renderIstioMetrics,
  renderIstioMetricsLines,
  renderOtlpTraces,
  renderOtlpTraceRequests,
  OTLP_SPANS_PER_REQUEST,
  renderTraceSummary,
  renderFortio,
  renderSmpResult,
  summarizeComparison,
  renderComparisonText,
  renderComparisonJson,
  renderComparisonCsv,
  renderDiagnosisText,
  renderVerdictsCsv,
  renderReplicationsText,
  renderSweepText,
  renderBoundaryMapText,
} from '@meshsim/report';

// The command line as a function (the `meshsim` executable runs it on the process).
export { main } from '@meshsim/cli';

export type { RunSummary, Random, Sampler, DistributionSpec, SimTimeMs, TimerHandle } from '@meshsim/engine';
export type {
  SimulationConfig,
  CpuWeightConversion,
  SimulationResult,
  SimulateOptions,
  ServiceConfig,
  CallConfig,
  CallPolicy,
  RetryPolicy,
  TrafficConfig,
  FaultConfig,
  MeshConfig,
  MeshShapeName,
  MeshOptions,
  IstioVersion,
  LinkerdVersion,
  MeshShape,
  MeshPodRequests,
  NodeAgentRequests,
  NodeAgentSpec,
  EdgeMetrics,
  ServiceMetrics,
  LatencySummary,
  TelemetryOptions,
  TelemetryResult,
  RequestTelemetry,
  RequestSeries,
  TraceData,
  TraceKeepOptions,
  TraceTailSummary,
  TraceSpan,
} from '@meshsim/mesh';
export type {
  ExportOptions,
  FortioOptions,
  FortioResult,
  ComparisonSummary,
  OtlpRequestOptions,
} from '@meshsim/report';
export type { CliIo, CliStream } from '@meshsim/cli';
export type { ScenarioIssue, ScenarioOverrides, BundledScenario } from '@meshsim/scenario';
export type { HtmlRunOptions, HtmlComparisonOptions } from '@meshsim/report';
export type {
  ImportResult,
  ImportedScenario,
  ImportOptions,
  ImportWarning,
  ImportIssue,
  ImportModel,
} from '@meshsim/import';
export type {
  Diagnosis,
  Verdict,
  SourceVerdict,
  DiagnosisStop,
  SourceDiagnosis,
  SustainingLoop,
  LoopEdge,
  CascadeStep,
  DepthAmplification,
  Trigger,
  DiagnosisThresholds,
  ReplicationSummary,
  RunFigures,
  FigureInterval,
  PairedDifference,
  SetAxis,
  Override,
  SweepOptions,
  SweepResult,
  BoundaryMap,
  Boundary,
  ScenarioSource,
} from '@meshsim/analysis';
export type { RunExtras } from '@meshsim/report';
