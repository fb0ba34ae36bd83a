// Spans grouped by trace: each trace's spans in the order given, the traces in the order they first appear.

import type { TraceSpan } from '@meshsim/mesh';

/** `spans` by trace id; a trace's spans keep their order, and the traces come in order of first appearance. */
export function groupByTrace(spans: readonly TraceSpan[]): Map<string, TraceSpan[]> {
  const byTrace = new Map<string, TraceSpan[]>();
  for (const span of spans) {
    const list = byTrace.get(span.traceId);
    if (list === undefined) byTrace.set(span.traceId, [span]);
    else list.push(span);
  }
  return byTrace;
}
