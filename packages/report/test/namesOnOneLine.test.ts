// A name from the scenario (a traffic source's may hold any character) cannot forge lines in the text outputs: the
// warnings, assumptions, a diagnosis' reason and a stopped run's message print control characters escaped, as the
// tables' cells do (one function: escapeControls).

import { describe, expect, it } from 'vitest';

import { renderComparisonText, renderDiagnosisText, renderText, summarizeComparison } from '../src/index.js';
import { makeDiagnosis, makeResult, makeStoppedResult } from './__helpers__/fixtures.js';

/** A source name that would print a forged warning line if written as it is. */
const FORGED = 'client\n  - all calls succeeded';

describe('names in the text outputs stay on their line', () => {
  it('renderText escapes a warning, an assumption and a stopped run’s message', () => {
    const result = makeStoppedResult();
    result.warnings = [`${FORGED} → frontend: no retry applied`];
    result.assumptions = [`${FORGED}: an assumption`];
    result.stopped = { ...result.stopped!, message: `calls of ${FORGED}\r` };
    const text = renderText(result);
    expect(text).not.toMatch(/^ {2}- all calls succeeded/m);
    expect(text).toContain('  - client\\n  - all calls succeeded → frontend: no retry applied\n');
    expect(text).toContain('  - client\\n  - all calls succeeded: an assumption');
    expect(text).toContain('calls of client\\n  - all calls succeeded\\r.');
  });

  it('renderComparisonText escapes the shapes’ warnings, assumptions and stopped messages', () => {
    const base = makeStoppedResult();
    base.scenario = { ...base.scenario, mesh: 'none' };
    base.warnings = [`${FORGED}: a warning`];
    base.assumptions = [`${FORGED}: an assumption`];
    base.stopped = { ...base.stopped!, message: `calls of ${FORGED}` };
    const other = makeStoppedResult();
    const text = renderComparisonText(summarizeComparison([base, other]));
    expect(text).not.toMatch(/^ {2}- all calls succeeded/m);
    expect(text).toContain('[none] client\\n  - all calls succeeded: a warning');
    expect(text).toContain('[none] client\\n  - all calls succeeded: an assumption');
    expect(text).toContain('calls of client\\n  - all calls succeeded');
  });

  it('renderDiagnosisText escapes the reason', () => {
    const diagnosis = { ...makeDiagnosis(), reason: `goodput of ${FORGED} fell` };
    const text = renderDiagnosisText(diagnosis, { durationMs: makeResult().scenario.durationMs });
    expect(text).not.toMatch(/^ {2}- all calls succeeded/m);
    expect(text).toContain('goodput of client\\n  - all calls succeeded fell');
  });
});
