// Public API of @meshsim/scenario: what a library user needs to load, validate and tweak scenarios.
// Internals (the zod schema, defaults, builders) are not exported; tests import them from their own files.

export { parseScenario, loadScenarioFile, loadScenario } from './loadScenario.js';
export { resolveScenario } from './resolveScenario.js';
export {
  bareDurationWarnings,
  bareNumberWarnings,
  istioAttemptsWarnings,
  scenarioWarnings,
} from './scenarioWarnings.js';
export { isDurationPath } from './isDurationPath.js';
export { bareCpuOverrideReason } from './bareCpuOverrideReason.js';
export { bareOverrideReason } from './bareOverrideReason.js';
export { applyOverrides } from './applyOverrides.js';
export { SCENARIO_DEFAULTS } from './defaults.js';
export { createLocator } from './internal/positions.js';
export type { Locate, SourcePosition } from './internal/positions.js';
export { findJsonSyntaxError } from './internal/parseJsonStrict.js';
export type { JsonSyntaxError } from './internal/parseJsonStrict.js';
export { ScenarioError, formatScenarioIssue } from './ScenarioError.js';
export { listBundledScenarios, bundledScenariosDir } from './bundled.js';
export { scenarioJsonSchema, scenarioJsonSchemaPath } from './jsonSchema.js';
export { generatePlatform40 } from './generators/platform40.js';
export { generateKinvolkEmojivoto } from './generators/kinvolkEmojivoto.js';
export {
  bareDurationReason,
  parseDurationMs,
  parseRate,
  parseByteSize,
  parsePercent,
  parseCpuCores,
} from './units.js';
export { didYouMean, meshShapeHint } from './internal/suggest.js';
export { scenarioField } from './scenarioField.js';

export type { ScenarioIssue } from './ScenarioError.js';
export type { BundledScenario } from './bundled.js';
export type { ScenarioOverrides } from './applyOverrides.js';
export type { ScenarioField } from './scenarioField.js';
export type { RawScenario, RawDistribution } from './schema.js';
export type { Platform40Options } from './generators/platform40.js';
export type { KinvolkEmojivotoOptions } from './generators/kinvolkEmojivoto.js';
