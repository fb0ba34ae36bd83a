// What `meshsim run` adds to a result's report: the diagnosis (always, from the CLI), the summary of
// the replications (with --replications N) and the overrides the command line made of the scenario.

import type { Diagnosis, ReplicationSummary } from '@meshsim/analysis';

/** Optional sections of a run's report; a renderer given none prints the result alone. */
export interface RunExtras {
  /** The run's diagnosis (`diagnose(config, result)`). */
  diagnosis?: Diagnosis;
  /** The replications' summary (`summarizeReplications`). */
  replications?: ReplicationSummary;
  /**
   * What was changed of the scenario for this run, each as `PATH=VALUE` — a `--set` that makes the same change
   * (`meshsim run` gives its `--seed`, `--duration`, `--mesh` and `--set` options as written, in that order:
   * `seed=7`, `duration=30s`, `services.db.deadlinePropagation=true`). The result does not record them: the text
   * and the HTML report name them, the JSON lists them in `scenario.overrides`. @defaultValue none
   */
  overrides?: readonly string[];
}
