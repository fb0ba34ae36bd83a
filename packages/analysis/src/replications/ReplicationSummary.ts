// The summary of a run's replications: how many, their seeds, the verdicts, and each headline figure as
// mean ± 95 % CI.

import type { Verdict } from '../diagnosis/Diagnosis.js';
import { countVerdicts } from '../sweep/summarizeSweep.js';
import type { RunOutcome } from '../sweep/RunTask.js';
import { figureIntervals } from './FigureInterval.js';
import type { FigureInterval } from './FigureInterval.js';
import { RUN_FIGURES } from './RunFigures.js';

/** What `--replications N` reports. */
export interface ReplicationSummary {
  n: number;
  /** Seeds in replication order (the first is the root seed). */
  seeds: (number | string)[];
  /** Replications per verdict. */
  verdicts: Record<Verdict, number>;
  /** Of those, the lossy ones (docs/analysis.md#lossy), per verdict: only `stable` and `degraded-recovered` can be. */
  lossy: Record<Verdict, number>;
  figures: FigureInterval[];
}

/** Summarises the outcomes of one configuration's replications (in replication order). */
export function summarizeReplications(outcomes: readonly RunOutcome[]): ReplicationSummary {
  const ordered = [...outcomes].sort((a, b) => a.replication - b.replication);
  return {
    n: ordered.length,
    seeds: ordered.map((o) => o.seed),
    verdicts: countVerdicts(ordered.map((o) => o.diagnosis.verdict)),
    lossy: countVerdicts(ordered.filter((o) => o.diagnosis.lossy).map((o) => o.diagnosis.verdict)),
    figures: figureIntervals(
      ordered.map((o) => o.figures),
      RUN_FIGURES.map((f) => f.key),
    ),
  };
}
