// Public API of @meshsim/analysis: diagnosis of a run (verdicts, sustaining loop, amplification, cascade),
// replications with confidence intervals, what a compared shape's config says (its load balancer, borrowed proxy
// resources), --set overrides, sweeps on worker threads and shards, the store.

// Diagnosis.
export { diagnose } from './diagnosis/diagnose.js';
export { DIAGNOSIS_THRESHOLDS } from './diagnosis/DiagnosisThresholds.js';
export { VERDICTS, isRecovered } from './diagnosis/Diagnosis.js';
export { CASCADE_FIGURES, cascadeFigures } from './diagnosis/cascadeFigures.js';
export { faultScopeText } from './diagnosis/faultScopeText.js';
export { resourceSaturationText } from './diagnosis/resourceSaturationText.js';
export { peakEdgeAttempts } from './diagnosis/peakEdgeAttempts.js';
export { callsDue, normalLatencyMs } from './internal/diagnosis/graceGoodput.js';
export type { DueWindow } from './internal/diagnosis/graceGoodput.js';
export type { EdgeAttempts } from './diagnosis/peakEdgeAttempts.js';
export type { CascadeFigures } from './diagnosis/cascadeFigures.js';

export type {
  BacklogGrowth,
  BacklogService,
  BacklogThrottle,
  CascadeStep,
  DepthAmplification,
  Diagnosis,
  LoopEdge,
  LoopMechanism,
  DiagnosisStop,
  ResourceSaturation,
  SaturatedNode,
  SaturatedProxy,
  SourceDiagnosis,
  SourceVerdict,
  SaturatedService,
  SustainingLoop,
  Trigger,
  Verdict,
} from './diagnosis/Diagnosis.js';
export type { DiagnosisThresholds } from './diagnosis/DiagnosisThresholds.js';

// --set overrides.
export { parseSetOption, parseScalar, rangeNotes, MAX_RANGE_VALUES } from './overrides/parseSetOption.js';
export { resolveWithOverrides, issuePath } from './overrides/resolveWithOverrides.js';
export { readScenarioSource, scenarioSource, rawScenario } from './overrides/ScenarioSource.js';
export { OverrideError } from './overrides/OverrideError.js';

// Replications and confidence intervals.
export { replicationSeed } from './replications/replicationSeed.js';
export { RUN_FIGURES, runFigures, sourceEdges } from './replications/RunFigures.js';
export {
  CONFIDENCE,
  figureInterval,
  figureIntervals,
  pairedDifferences,
} from './replications/FigureInterval.js';

// Comparisons: what a shape's config says that its result does not carry.
export { effectiveLoadBalancer } from './comparison/effectiveLoadBalancer.js';
export { borrowedProxyResources } from './comparison/borrowedProxyResources.js';
export { comparedShapeNotes } from './comparison/comparedShapeNotes.js';

// Sweeps: plan, run on worker threads, shards, summaries.
export { SWEEP_RUN_LIMIT, mergeOverrides, planSweep } from './sweep/planSweep.js';
export { sweep } from './sweep/sweep.js';
export { defaultWorkers, runTasks } from './sweep/runTasks.js';
export {
  ShapeModuleError,
  loadShapeModule,
  loadedShapeModules,
  unloadShapeModule,
} from './sweep/shapeModules.js';
export { executeRun, runOutcome } from './sweep/executeRun.js';
export { runKey, canonicalOverrides } from './sweep/runKey.js';
export { inShard, parseShard, shardFromEnv } from './sweep/Shard.js';
export { countVerdicts, majorityVerdict, summarizeSweep } from './sweep/summarizeSweep.js';
export { RERUN_REASONS, rerunReason, storedGuards } from './sweep/resumeStopped.js';

// The results store.
export { ResultsStore } from './store/ResultsStore.js';
export { MergeConflictError } from './store/MergeConflictError.js';
export { STORE_TABLES } from './store/storeSchema.js';
export { CSV_DECIMALS, CSV_SIGNIFICANT_DIGITS, csvNumber, csvText } from './store/csvCells.js';

export type { Override, OverrideValue, SetAxis, SetRange } from './overrides/SetAxis.js';
export type { ScenarioSource } from './overrides/ScenarioSource.js';
export type { ComparedShapeNotes } from './comparison/comparedShapeNotes.js';
export type { FigureInfo, RunFigures } from './replications/RunFigures.js';
export type { FigureInterval, FigureValues, PairedDifference } from './replications/FigureInterval.js';
export type { SweepPlan, SweepPoint } from './sweep/planSweep.js';
export type { SweepOptions, SweepResult } from './sweep/sweep.js';
export type { RunTasksOptions } from './sweep/runTasks.js';
export type { RunGuardLimits } from './sweep/executeRun.js';
export type { EdgeRow, RunOutcome, RunTask } from './sweep/RunTask.js';
export type { Shard } from './sweep/Shard.js';
export type { SweepPointSummary } from './sweep/summarizeSweep.js';
export type { RerunReason, StoppedRunsResumed, StoredStop } from './sweep/resumeStopped.js';
export type { RunWarning } from './sweep/RunWarning.js';
export type { StoreTable } from './store/ResultsStore.js';
export type { StoredRun } from './store/StoredRun.js';
export type { MergeConflict, MergeConflictCopy } from './store/MergeConflictError.js';
export { findBoundaries } from './sweep/findBoundaries.js';
export type { Boundary, BoundaryMap, BoundaryOptions, BoundaryProbe } from './sweep/findBoundaries.js';
export { summarizeReplications } from './replications/ReplicationSummary.js';
export type { ReplicationSummary } from './replications/ReplicationSummary.js';
