// Placing an error of the imported scenario: at the --graph fragment's line when the fragment gave the field, else
// naming the inputs the field's comment names.

import { describe, expect, it } from 'vitest';

import { placeScenarioIssue } from '../../../src/internal/build/placeScenarioIssue.js';
import type { Fragment } from '../../../src/internal/build/readFragment.js';

const fragment: Fragment = {
  file: 'g.yaml',
  value: { services: { api: { serviceTime: 'fast' } }, traffic: [{ to: 'api' }] },
  position: (path) => ({ line: path.length, column: 1 }),
};

const scenario = {
  services: { api: { namespace: 'shop', serviceTime: 'fast', cpuLimit: '-1' } },
  traffic: [{ to: 'api' }],
};

const comments = [
  { path: ['services', 'api'], text: 'from app.yaml#2 Service/api' },
  {
    path: ['services', 'api', 'cpuLimit'],
    text: "containers' resources of app.yaml#1 Deployment/api",
    inline: true,
  },
];

describe('placeScenarioIssue', () => {
  it("places a field the fragment gave at the fragment's position, and a field missing from a part it gave", () => {
    const at = (path: string): unknown =>
      placeScenarioIssue({ file: 'imported.yaml', path, reason: 'bad' }, scenario, comments, fragment);
    expect(at('services.api.serviceTime')).toEqual({
      file: 'g.yaml',
      line: 3,
      column: 1,
      reason: 'the imported scenario is invalid: services.api.serviceTime: bad',
    });
    expect(at('traffic[0].rate')).toMatchObject({ file: 'g.yaml', line: 3 });
  });

  it('names the inputs of an imported field by its closest comment', () => {
    const at = (path: string): unknown =>
      placeScenarioIssue({ file: 'imported.yaml', path, reason: 'bad' }, scenario, comments, fragment);
    expect(at('services.api.cpuLimit')).toEqual({
      file: '',
      reason:
        "the imported scenario is invalid: services.api.cpuLimit: bad (containers' resources of app.yaml#1 Deployment/api)",
    });
    expect(at('services.api.namespace')).toEqual({
      file: '',
      reason: 'the imported scenario is invalid: services.api.namespace: bad (from app.yaml#2 Service/api)',
    });
    expect(
      placeScenarioIssue({ file: 'imported.yaml', path: '', reason: 'bad' }, scenario, [], undefined),
    ).toEqual({
      file: '',
      reason: 'the imported scenario is invalid: bad',
    });
  });
});
