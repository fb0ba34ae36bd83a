// A handle on an open trace span, held by calls and attempts while a run records traces (call/CallTap.ts).

/** An open span, opaque to the model (the trace recorder's own object). */
export interface SpanRef {
  readonly spanId: string;
}
