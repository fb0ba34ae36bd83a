// The diagnosis laid out once for the renderers that show it whole — the text section of `meshsim run` and
// the Diagnosis section of the HTML run report —: labelled lines and tables, in the order the text prints them.

import { resourceSaturationText } from '@meshsim/analysis';
import type { CascadeStep, Diagnosis, Trigger } from '@meshsim/analysis';

import { AMPLIFICATION_COLUMNS } from '../columns/amplificationColumns.js';
import type { ColumnContext, ColumnTable } from '../columns/Column.js';
import { VERDICT_COLUMNS, verdictLabel, verdictRows } from '../columns/verdictColumns.js';
import { duration, percent } from './format.js';

/** The columns of the goodput-per-source table (the verdicts CSV has them all). */
const VERDICT_KEYS = [
  'scope',
  'verdictLabel',
  'referenceRatio',
  'minRatio',
  'finalRatio',
  'recoveryMs',
  'stillDownMs',
];
const AMPLIFICATION_KEYS = ['depth', 'baseline', 'during', 'window', 'duringRatio', 'ratio', 'edges'];
/** Without triggers there is no "during": those columns are left out. */
const AMPLIFICATION_KEYS_UNTRIGGERED = ['depth', 'baseline', 'window', 'ratio', 'edges'];

/** A labelled line: `['Cascade', 'checkout saturated at 30 s']` prints as `Cascade: checkout saturated at 30 s`. */
export type DiagnosisFact = readonly [label: string, text: string];

/** How a renderer lays out one table: its columns, the keys it shows, the rows and the title. */
export type DiagnosisTableLayout = <Row>(
  table: ColumnTable<Row>,
  keys: readonly string[],
  rows: readonly Row[],
  title: string,
) => string;

/** One block of the diagnosis: labelled lines printed together, or a table. */
export type DiagnosisBlock =
  | { kind: 'facts'; facts: DiagnosisFact[] }
  | { kind: 'table'; layOut: (layout: DiagnosisTableLayout) => string };

function span(fromMs: number, toMs: number): string {
  return `${duration(fromMs)}–${Number.isFinite(toMs) ? duration(toMs) : 'end'}`;
}

/**
 * A trigger's span, clipped to the time the run covers: `50 s–70 s, ends after the run` for a fault scheduled past
 * its end, `10 s–70 s, never ends` for one without `for` (for a run a guard stopped, `ends after the time reached`).
 * A trigger that starts after that time (only in a stopped run) keeps its scheduled span.
 */
function triggerSpan(trigger: Trigger, context: ColumnContext): string {
  const endMs = context.durationMs;
  if (trigger.endMs <= endMs || trigger.startMs >= endMs) return span(trigger.startMs, trigger.endMs);
  const after = context.stopped === undefined ? 'the run' : 'the time reached';
  const why = Number.isFinite(trigger.endMs) ? `ends after ${after}` : 'never ends';
  return `${span(trigger.startMs, endMs)}, ${why}`;
}

/**
 * The diagnosis as blocks: the verdict and why with the triggers, the goodput per traffic source, the
 * sustaining loop (when there is one), the work amplification per call depth (when measured) and the cascade.
 * `context`: the span the run's metrics cover (triggers are shown clipped to it).
 */
export function diagnosisBlocks(diagnosis: Diagnosis, context: ColumnContext): DiagnosisBlock[] {
  const blocks: DiagnosisBlock[] = [
    {
      kind: 'facts',
      facts: [
        ['Verdict', `${verdictLabel(diagnosis.verdict, diagnosis.lossy)} — ${diagnosis.reason}`],
        [
          'Triggers',
          diagnosis.triggers.length === 0
            ? 'none'
            : diagnosis.triggers.map((t) => `${t.description} (${triggerSpan(t, context)})`).join('; '),
        ],
      ],
    },
    {
      kind: 'table',
      layOut: (layout) =>
        layout(
          VERDICT_COLUMNS,
          VERDICT_KEYS,
          verdictRows(diagnosis).slice(1),
          'Goodput per traffic source (successful ÷ offered calls)',
        ),
    },
  ];
  const early = recoveryNote(diagnosis);
  if (early !== null) blocks.push({ kind: 'facts', facts: [['Recovery', early]] });
  const { loop } = diagnosis;
  if (loop !== null) {
    blocks.push({
      kind: 'facts',
      facts: [[`Sustaining loop (${span(loop.fromMs, loop.toMs)})`, loop.summary]],
    });
  }
  if (diagnosis.amplification.length > 0) {
    const triggered = diagnosis.amplification.some((row) => row.during !== null);
    const title = triggered
      ? 'Work amplification per call depth: attempts per offered request before the first trigger, during the triggers and after the last one'
      : 'Work amplification per call depth: attempts per offered request in the first window and over the run (nothing triggered)';
    const keys = triggered ? AMPLIFICATION_KEYS : AMPLIFICATION_KEYS_UNTRIGGERED;
    blocks.push({
      kind: 'table',
      layOut: (layout) => layout(AMPLIFICATION_COLUMNS, keys, diagnosis.amplification, title),
    });
    const note = amplificationNote(diagnosis, context);
    if (note !== null) blocks.push({ kind: 'facts', facts: [['Work amplification', note]] });
  }
  blocks.push({ kind: 'facts', facts: [['Cascade', cascadeText(diagnosis, context)]] });
  return blocks;
}

/**
 * What a negative recovery means, when a source has one: `counted from the end of the last trigger (internet above
 * 300 req/s, 120 s); negative: back within the band while it was still active — internet at 70 s, 50 s before it
 * ended`, with, when that trigger is a load trigger, how to say the schedule is the source's normal load; else null.
 */
function recoveryNote(diagnosis: Diagnosis): string | null {
  const early = diagnosis.sources.filter((s) => s.recoveryMs !== null && s.recoveryMs < 0);
  const endMs = diagnosis.lastTriggerEndMs;
  if (early.length === 0 || endMs === null) return null;
  const last = diagnosis.triggers.find((t) => t.endMs === endMs);
  const which = last === undefined ? duration(endMs) : `${last.description}, ${duration(endMs)}`;
  const sources = early
    .map(
      (s) =>
        `${s.source} at ${duration(s.recoveredAtMs ?? 0)}, ${duration(-(s.recoveryMs ?? 0))} before it ended`,
    )
    .join('; ');
  const load =
    last?.kind === 'load'
      ? " (a source's rate schedule that is its normal load is no trigger with loadTrigger: false on the source)"
      : '';
  return `counted from the end of the last trigger (${which}); negative: back within the band while it was still active — ${sources}${load}`;
}

/**
 * Why the amplification table has no figure before the first trigger or after the last one (`–` in a whole column),
 * or null when it has both (or nothing triggered): `no figure before the first trigger: internet above 300 req/s
 * starts at 0 s (no time before it); none after the last one: …lasts to the end of the run (its span is "during")`,
 * with, when a load trigger is the cause, how to say a schedule is the source's normal load (`loadTrigger: false`).
 */
function amplificationNote(diagnosis: Diagnosis, context: ColumnContext): string | null {
  const { triggers, amplification } = diagnosis;
  if (triggers.length === 0 || amplification.length === 0) return null;
  const parts: string[] = [];
  const causes: Trigger[] = [];
  if (amplification.every((row) => row.baseline === null)) {
    const first = triggers.find((t) => t.startMs <= 0);
    if (first !== undefined) causes.push(first);
    parts.push(
      first === undefined
        ? 'no figure before the first trigger: no request was offered before it'
        : `no figure before the first trigger: ${first.description} starts at ${duration(0)} (no time before it)`,
    );
  }
  if (amplification.every((row) => row.window === null)) {
    const end = context.stopped === undefined ? 'the end of the run' : 'the time reached';
    const last = triggers.find((t) => t.endMs >= context.durationMs);
    if (last !== undefined && !causes.includes(last)) causes.push(last);
    parts.push(
      last === undefined
        ? `${parts.length === 0 ? 'no figure' : 'none'} after the last trigger: no request was offered after it`
        : `${parts.length === 0 ? 'no figure' : 'none'} after the last trigger: ${last.description} lasts to ${end} (its span is "during")`,
    );
  }
  if (parts.length === 0) return null;
  const load = causes.some((t) => t.kind === 'load')
    ? " — a source's rate schedule that is its normal load (a daily ramp) is no trigger with loadTrigger: false on the source"
    : '';
  return parts.join('; ') + load;
}

/**
 * `checkout saturated at 30 s`; for a service that lost pods to a node crash, that rather than a failure of its own:
 * `frontend lost 1 of 3 pods to the crash of node node-2 (failing at 30 s)`.
 */
function cascadeStepText(step: CascadeStep): string {
  const at = `${step.signal} at ${duration(step.atMs)}`;
  const lost = step.lostPods;
  if (lost === undefined) return `${step.service} ${at}`;
  const nodes = `node${lost.nodes.length === 1 ? '' : 's'} ${lost.nodes.join(', ')}`;
  return `${step.service} lost ${lost.pods} of ${lost.of} pod${lost.of === 1 ? '' : 's'} to the crash of ${nodes} (${at})`;
}

/**
 * The cascade from its triggers: each trigger that started in the time the run reached (`orders-db slowed (+2 s latency
 * fault) at 20 s`) and each step, by time, a trigger before the steps of its time — the steps alone would name first
 * the first service to saturate, a caller whose workers wait on a slowed leaf before the leaf itself (a latency fault
 * never makes its service fail). Without triggers, says the order is not one of cause; `no service failed` when no
 * service joined. Then the services the triggers found saturated: `; already saturated before the first trigger: srv
 * (utilisation 97.0 %)`; and the nodes and proxies saturated over the run, which have no time to be placed at (the
 * result keeps their figures per run): `; over the run, not placed in time: cilium-envoy saturated (…)`.
 */
function cascadeText(diagnosis: Diagnosis, context: ColumnContext): string {
  const links: { atMs: number; text: string }[] = diagnosis.cascade.map((step) => ({
    atMs: step.atMs,
    text: cascadeStepText(step),
  }));
  // A run a guard stopped never reached the triggers scheduled after the time it reached.
  const triggers = diagnosis.triggers.filter(
    (t) => context.stopped === undefined || t.startMs < context.durationMs,
  );
  // Stable sort: the triggers, put first, stay before the steps of their time.
  const chain = [
    ...triggers.map((t) => ({ atMs: t.startMs, text: `${t.origin} at ${duration(t.startMs)}` })),
    ...links,
  ].sort((a, b) => a.atMs - b.atMs);
  const steps =
    diagnosis.cascade.length === 0
      ? 'no service failed'
      : chain.map((link) => link.text).join(' → ') +
        (diagnosis.triggers.length === 0
          ? ' (nothing triggered the run: the order services saturated or failed in, not which caused which)'
          : '');
  const before = diagnosis.saturatedBeforeTrigger.map(
    (s) => `${s.service} (utilisation ${percent(s.utilisation, 1)} %)`,
  );
  const saturated =
    before.length === 0
      ? steps
      : `${steps}; already saturated before the first trigger: ${before.join(', ')}`;
  return diagnosis.resources === undefined
    ? saturated
    : `${saturated}; over the run, not placed in time: ${resourceSaturationText(diagnosis.resources)}`;
}
