import { describe, expect, it } from 'vitest';

describe('@meshsim/scenario public API', () => {
  it('exports exactly these values (what a library user needs; internals are imported from their files)', async () => {
    const api = await import('../src/index.js');
    expect(Object.keys(api).sort()).toEqual(
      [
        'SCENARIO_DEFAULTS',
        'ScenarioError',
        'applyOverrides',
        'bareCpuOverrideReason',
        'bareDurationReason',
        'bareDurationWarnings',
        'bareNumberWarnings',
        'bareOverrideReason',
        'bundledScenariosDir',
        'createLocator',
        'didYouMean',
        'findJsonSyntaxError',
        'formatScenarioIssue',
        'generatePlatform40',
        'generateKinvolkEmojivoto',
        'isDurationPath',
        'istioAttemptsWarnings',
        'listBundledScenarios',
        'loadScenario',
        'loadScenarioFile',
        'meshShapeHint',
        'parseByteSize',
        'parseCpuCores',
        'parseDurationMs',
        'parsePercent',
        'parseRate',
        'parseScenario',
        'resolveScenario',
        'scenarioWarnings',
        'scenarioField',
        'scenarioJsonSchema',
        'scenarioJsonSchemaPath',
      ].sort(),
    );
  });
});
