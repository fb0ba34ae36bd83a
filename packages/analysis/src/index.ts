// Public API of @meshsim/analysis: diagnosis of a run (verdicts, sustaining loop, amplification, cascade),
// replications with confidence intervals, --set overrides, sweeps on worker threads and shards, the store.

// Diagnosis.
export { diagnose } from './diagnosis/diagnose.js';
export { DIAGNOSIS_THRESHOLDS } from './diagnosis/DiagnosisThresholds.js';
export { VERDICTS, isRecovered } from './diagnosis/Diagnosis.js';

export type {
  CascadeStep,
  DepthAmplification,
  Diagnosis,
  LoopEdge,
  LoopMechanism,
  SourceDiagnosis,
  SustainingLoop,
  Trigger,
  Verdict,
} from './diagnosis/Diagnosis.js';
export type { DiagnosisThresholds } from './diagnosis/DiagnosisThresholds.js';
