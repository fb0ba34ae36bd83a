// Public API of @meshsim/report: render a SimulationResult (with its diagnosis and replications) as text,
// JSON, CSV or OpenMetrics, compare one scenario under several mesh shapes, and render sweeps and boundary maps.

export { renderText } from './renderText.js';
export { JSON_SCHEMA_VERSION, renderJson, toJsonDocument } from './renderJson.js';
export {
  renderEdgesCsv,
  renderProxiesCsv,
  renderServiceSeriesCsv,
  renderTimeSeriesCsv,
} from './renderCsv.js';
export { renderOpenMetrics } from './renderOpenMetrics.js';
export { summarizeComparison } from './summarizeComparison.js';
export { COMPARISON_SCHEMA_VERSION, renderComparisonJson, renderComparisonText } from './renderComparison.js';

export { diagnosisJson, renderDiagnosisText, renderVerdictsCsv } from './renderDiagnosis.js';
export { renderReplicationsText, replicationsJson } from './renderReplications.js';
export {
  renderBoundaryMapJson,
  renderBoundaryMapText,
  renderSweepJson,
  renderSweepText,
} from './renderSweep.js';

export type { JsonValue } from './JsonValue.js';
export type { RunExtras } from './RunExtras.js';
export type { ColumnContext } from './columns/Column.js';
export type {
  ComparisonOptions,
  ComparisonSummary,
  EdgeLatencyDelta,
  ShapeDifferences,
  ShapeSummary,
} from './summarizeComparison.js';
