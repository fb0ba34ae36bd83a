// The model's revision: a number raised whenever a change makes a scenario's results differ, so stored
// results (a sweep's store) are never taken for those of another model. A test ties it to the bundled goldens.

/**
 * Revision of the simulation model. Part of every sweep run's key, so a sweep resumed with a newer
 * meshsim recomputes the runs an earlier model stored instead of reusing them.
 */
export const MODEL_REVISION = 46;
