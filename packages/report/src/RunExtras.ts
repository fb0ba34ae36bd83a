// What `meshsim run` adds to a result's report: the diagnosis (always, from the CLI) and the summary of
// the replications (with --replications N).

import type { Diagnosis, ReplicationSummary } from '@meshsim/analysis';

/** Optional sections of a run's report; a renderer given none prints the result alone. */
export interface RunExtras {
  /** The run's diagnosis (`diagnose(config, result)`). */
  diagnosis?: Diagnosis;
  /** The replications' summary (`summarizeReplications`). */
  replications?: ReplicationSummary;
}
