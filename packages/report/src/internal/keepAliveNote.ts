// The comparison's note when traffic sources or calls open a connection per request (keep-alive off): a mesh's
// proxies pool their own connections, so part of a shape's added latency — all of a negative one — can be that.

import type { ComparisonSummary } from '../summarizeComparison.js';

/** The note, or null when every traffic source and call keeps its connections (or the config was not given). */
export function keepAliveNote(summary: ComparisonSummary): string | null {
  const off = summary.keepAliveOff ?? [];
  if (off.length === 0) return null;
  return (
    `Keep-alive is off for ${off.join(', ')}: without proxies each of those requests opens a new connection (a ` +
    'round trip, more with TLS), while a sidecar or node proxy pools its own connections to the callee whatever the ' +
    "application does, and the application's connection to its local proxy (over loopback) is not modelled. Part " +
    "of a mesh's added latency — all of a negative one — can be the connections it reuses where the application " +
    'would open one per request, not faster proxies.'
  );
}
