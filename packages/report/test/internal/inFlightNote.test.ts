// The note under the edge table, in text and HTML, when an edge still had at least 10 % of its calls in flight at
// the end: its success (%) counts completed calls only, so it must not read as the share of all its calls.

import { describe, expect, it } from 'vitest';

import type { EdgeMetrics, SimulationResult } from '@meshsim/mesh';

import { renderHtml, renderText } from '../../src/index.js';
import { IN_FLIGHT_NOTE_SHARE, inFlightNote } from '../../src/internal/inFlightNote.js';
import { makeResult } from '../__helpers__/fixtures.js';

/** The fixture's run with the first edge's calls split into `succeeded` done and `inFlight` still in flight. */
function withInFlight(inFlight: number, extraEdges: number = 0): SimulationResult {
  const result = makeResult();
  const [first, ...rest] = result.edges as [EdgeMetrics, ...EdgeMetrics[]];
  const stuck: EdgeMetrics = {
    ...first,
    calls: 4487,
    succeeded: 4487 - inFlight,
    failed: 0,
    inFlight,
    successRate: 1,
  };
  const more = Array.from({ length: extraEdges }, (_, i) => ({ ...stuck, source: `caller${i}` }));
  return { ...result, edges: [stuck, ...more, ...rest] };
}

describe('inFlightNote', () => {
  it('names an edge with a third of its calls in flight, and says success counts completed calls only', () => {
    expect(inFlightNote(withInFlight(1489))).toBe(
      'Note: success (%) counts completed calls only (succeeded ÷ (succeeded + failed)); still in flight at the end, ' +
        'neither succeeded nor failed: client → frontend 1,489 of its 4,487 calls (33.2 %) (edges with at least 10 % ' +
        'of their calls in flight)',
    );
  });

  it('says nothing below 10 % of the calls in flight', () => {
    expect(IN_FLIGHT_NOTE_SHARE).toBe(0.1);
    expect(inFlightNote(withInFlight(448))).toBeNull();
    expect(inFlightNote(withInFlight(449))).not.toBeNull();
    expect(inFlightNote(makeResult())).toBeNull();
  });

  it('names three edges at most and counts the rest', () => {
    expect(inFlightNote(withInFlight(1489, 3))).toMatch(/, and 1 more edge \(edges with/);
  });

  it('follows the edge table in the text and the HTML report', () => {
    const text = renderText(withInFlight(1489));
    expect(text).toMatch(
      /\nclient → frontend +4,487 .*\n(?:.*\n)?Note: success \(%\) counts completed calls only/,
    );
    expect(renderText(makeResult())).not.toContain('counts completed calls only');
    expect(renderHtml(withInFlight(1489))).toContain(
      '<p>Note: success (%) counts completed calls only (succeeded ÷ (succeeded + failed)); still in flight',
    );
  });
});
