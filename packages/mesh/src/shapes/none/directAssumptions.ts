// Assumptions of the proxy-less shapes: `none` (applications on their own) and `library` (a shared
// in-process client library).

/** Assumptions printed with every `library` run. */
export const LIBRARY_ASSUMPTIONS: readonly string[] = [
  "library: the shared client library costs 0.02 ms of the calling application's CPU per call (assumption; libraryCpuMsPerCall) and no memory of its own; it adds no hop.",
];

/** Assumptions printed with every `none` run (none beyond the model's own). */
export const NONE_ASSUMPTIONS: readonly string[] = [];
