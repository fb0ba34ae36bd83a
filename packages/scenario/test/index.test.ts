import { describe, expect, it } from 'vitest';

describe('@meshsim/scenario public API', () => {
  it('exports exactly these values', async () => {
    const api = await import('../src/index.js');
    expect(Object.keys(api).sort()).toEqual(
      [
        'BYTE_SIZE_PATTERN',
        'DURATION_PATTERN',
        'PERCENT_PATTERN',
        'RATE_PATTERN',
        'SCENARIO_DEFAULTS',
        'ScenarioError',
        'ScenarioSchema',
        'applyOverrides',
        'bundledScenariosDir',
        'formatScenarioIssue',
        'generatePlatform40',
        'listBundledScenarios',
        'loadScenario',
        'loadScenarioFile',
        'parseByteSize',
        'parseDurationMs',
        'parsePercent',
        'parseRate',
        'parseScenario',
        'resolveScenario',
        'scenarioJsonSchema',
        'scenarioJsonSchemaPath',
      ].sort(),
    );
  });
});
