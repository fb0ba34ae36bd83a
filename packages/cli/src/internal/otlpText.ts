// The run's traces as OTLP/JSON text for `--otlp FILE`, with the one failure a long, densely traced run meets
// (more JSON than one JavaScript string can hold) said in words and what to lower.

import type { SimulationResult } from '@meshsim/mesh';

import { CliError } from '../CliError.js';

/** Renders the traces (the report's `renderOtlpTraces`, a parameter for the tests). */
export type OtlpRenderer = (result: SimulationResult, anchor: { startTimeMs: number }) => string;

/**
 * `render(result, anchor)`; when the spans make more text than one string can hold (about a gigabyte: a long
 * run traced at a high `--trace-sample`), a {@link CliError} naming `path`, the spans and what to lower.
 */
export function otlpText(
  result: SimulationResult,
  anchor: { startTimeMs: number },
  path: string,
  render: OtlpRenderer,
): string {
  try {
    return render(result, anchor);
  } catch (error) {
    if (!(error instanceof RangeError && /invalid string length/i.test(error.message))) throw error;
    const traces = result.telemetry?.traces;
    const spans = traces?.spans.length ?? 0;
    throw new CliError(
      `cannot write '${path}' (--otlp): its ${spans.toLocaleString('en-US')} spans make more text than one ` +
        `OTLP/JSON request can hold; lower --trace-sample (${traces?.sampleRate ?? '?'}) or --duration ` +
        '(the other outputs were written)',
    );
  }
}
