// The telemetry part a renderer needs, or an error saying how to record it.

import type { RequestTelemetry, SimulationResult, TraceData } from '@meshsim/mesh';

/** `result.telemetry.requests`; throws if the run did not record request series. */
export function requireRequests(result: SimulationResult, renderer: string): RequestTelemetry {
  const requests = result.telemetry?.requests;
  if (requests === undefined) {
    throw new Error(
      `${renderer}: the result has no request series; run simulate(config, { telemetry: { requests: true } })`,
    );
  }
  return requests;
}

/** `result.telemetry.traces`; throws if the run did not record traces. */
export function requireTraces(result: SimulationResult, renderer: string): TraceData {
  const traces = result.telemetry?.traces;
  if (traces === undefined) {
    throw new Error(
      `${renderer}: the result has no traces; run simulate(config, { telemetry: { traceSampleRate: 0.01 } })`,
    );
  }
  return traces;
}
