// The note under the run's edge table when applications re-issued calls themselves (`appRetry`): the table's
// `retries` are the mesh's, while each re-issue is a new call of its edge, so a reader looking for a retry storm is
// told where the applications' own retries went.

import type { SimulationResult } from '@meshsim/mesh';
import { count } from './format.js';

/** Edges named in the note at most; the rest are counted. */
const MAX_NAMED = 3;

/** The note, or null when no application re-issued a call. */
export function appRetryNote(result: SimulationResult): string | null {
  const edges = result.edges.filter((e) => (e.policyEvents['app-retries'] ?? 0) > 0);
  if (edges.length === 0) return null;
  const named = edges
    .slice(0, MAX_NAMED)
    .map((e) => `${e.source} → ${e.destination} ${count(e.policyEvents['app-retries'] ?? 0)}`);
  const rest = edges.length - MAX_NAMED;
  const more = rest > 0 ? `, and ${rest} more edge${rest === 1 ? '' : 's'}` : '';
  return (
    "Note: retries are the mesh's (or a library's); the applications' own re-issues (appRetry) are new calls of " +
    `their edge, counted in calls and under Policy events as app-retries: ${named.join(', ')}${more}`
  );
}
