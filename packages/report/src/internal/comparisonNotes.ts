// The notes a comparison gives under its table, in order — the text's `Note: …` lines, the HTML's facts and the
// JSON's `notes` — so that the three say the same: the balancers, the policies, the shapes without proxy pods, the
// node agents in the requested figures, the connections not kept alive, the faults, an unstable single-run p99.

import type { ComparisonSummary } from '../summarizeComparison.js';
import { balancingNote } from './balancingNote.js';
import { faultsNote } from './faultsNote.js';
import { keepAliveNote } from './keepAliveNote.js';
import { nodeAgentNote } from './nodeAgentNote.js';
import { p99GapNote } from './p99GapNote.js';
import { podlessProxyNote } from './podlessProxyNote.js';
import { policyNote } from './policyNote.js';

/** The comparison's notes that apply, in the order the outputs give them. */
export function comparisonNotes(summary: ComparisonSummary): string[] {
  return [
    balancingNote(summary),
    policyNote(summary),
    podlessProxyNote(summary),
    nodeAgentNote(summary),
    keepAliveNote(summary),
    faultsNote(summary),
    p99GapNote(summary),
  ].filter((note): note is string => note !== null);
}
