// A run as the results store keeps it: identity, verdict and headline figures (not the full result).

import type { CascadeFigures } from '../diagnosis/cascadeFigures.js';
import type { DiagnosisStop, Verdict } from '../diagnosis/Diagnosis.js';
import type { RunFigures } from '../replications/RunFigures.js';

/** One row of the store's `runs` table, as read back. */
export interface StoredRun {
  key: string;
  point: number;
  replication: number;
  /** Canonical JSON of the overrides (`[["path",value],…]`). */
  overrides: string;
  seed: number | string;
  verdict: Verdict;
  /** The run's `recoveryMs` [ms]: from the end of the last trigger; negative when back while it was still active. */
  recoveryMs: number | null;
  figures: RunFigures;
  /**
   * The run's cascade figures (`cascadeFigures` of its diagnosis; `recoveryMs` is the `recoveryMs` above); all but
   * `recoveryMs` null when the store did not record them (written by a meshsim from before they were kept).
   */
  cascade: CascadeFigures;
  /** The model revision that computed it (`MODEL_REVISION`), or null for a run stored before revisions were kept. */
  modelRevision: number | null;
  /** Why and when a guard stopped the run early (its verdict is then `stopped`); null when it ran to its end. */
  stopped: DiagnosisStop | null;
  /**
   * The run's warnings (`SimulationResult.warnings`, in order; empty for none), or null when the store did not record
   * them (written by a meshsim from before they were kept).
   */
  warnings: string[] | null;
  /**
   * Whether the run is lossy: its verdict recovers but some source loses calls throughout (docs/analysis.md#lossy);
   * null when the store did not record it (written by a meshsim from before it was kept).
   */
  lossy: boolean | null;
}
