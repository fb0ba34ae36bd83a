// Public API of @meshsim/report: render a SimulationResult as text, JSON, CSV or OpenMetrics, and compare
// the results of one scenario under several mesh shapes.

export { renderText } from './renderText.js';
export { JSON_SCHEMA_VERSION, renderJson, toJsonDocument } from './renderJson.js';
export {
  renderEdgesCsv,
  renderNodesCsv,
  renderProxiesCsv,
  renderServiceSeriesCsv,
  renderTimeSeriesCsv,
} from './renderCsv.js';
export { renderOpenMetrics } from './renderOpenMetrics.js';
export { summarizeComparison } from './summarizeComparison.js';
export { COMPARISON_SCHEMA_VERSION, renderComparisonJson, renderComparisonText } from './renderComparison.js';

export type { JsonValue } from './renderJson.js';
export type { ComparisonSummary, EdgeLatencyDelta, ShapeSummary } from './summarizeComparison.js';
