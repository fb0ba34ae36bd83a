// The note under the edge table says where the applications' own retries went (appRetry): the edge table's retries
// are the mesh's, so without it a storm of application re-issues reads as "0 retries".

import { describe, expect, it } from 'vitest';

import { appRetryNote } from '../../src/internal/appRetryNote.js';
import { renderText } from '../../src/index.js';
import { makeResult } from '../__helpers__/fixtures.js';

describe('appRetryNote', () => {
  it('is absent when no application re-issued a call', () => {
    expect(appRetryNote(makeResult())).toBeNull();
    expect(renderText(makeResult())).not.toContain('appRetry');
  });

  it('names the edges whose applications re-issued calls, with their counts, under the edge table', () => {
    const result = makeResult();
    const [first] = result.edges;
    if (first === undefined) throw new Error('fixture has edges');
    first.policyEvents['app-retries'] = 8158;
    const note = appRetryNote(result);
    expect(note).toBe(
      "Note: retries are the mesh's (or a library's); the applications' own re-issues (appRetry) are new calls of " +
        `their edge, counted in calls and under Policy events as app-retries: ${first.source} → ${first.destination} 8,158`,
    );
    expect(renderText(result)).toContain(`\n${note ?? ''}\n`);
  });
});
