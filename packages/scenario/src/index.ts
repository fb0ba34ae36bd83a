// Public API of @meshsim/scenario: the declarative scenario format, its loader, JSON Schema and bundled scenarios.

export { parseScenario, loadScenarioFile, loadScenario } from './loadScenario.js';
export { resolveScenario } from './resolveScenario.js';
export { applyOverrides } from './applyOverrides.js';
export { ScenarioError, formatScenarioIssue } from './ScenarioError.js';
export { listBundledScenarios, bundledScenariosDir } from './bundled.js';
export { scenarioJsonSchema, scenarioJsonSchemaPath } from './jsonSchema.js';
export { ScenarioSchema } from './schema.js';
export { generatePlatform40 } from './generators/platform40.js';
export { SCENARIO_DEFAULTS } from './defaults.js';
export {
  parseDurationMs,
  parseRate,
  parseByteSize,
  parsePercent,
  DURATION_PATTERN,
  RATE_PATTERN,
  BYTE_SIZE_PATTERN,
  PERCENT_PATTERN,
} from './units.js';

export type { ScenarioIssue } from './ScenarioError.js';
export type { BundledScenario } from './bundled.js';
export type { ScenarioOverrides } from './applyOverrides.js';
export type { RawScenario, RawDistribution } from './schema.js';
export type { Platform40Options } from './generators/platform40.js';
