// Public API of @meshsim/report: render a SimulationResult as text, JSON, CSV, OpenMetrics or an HTML page,
// and compare the results of one scenario under several mesh shapes (text, JSON or HTML).

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
export { renderHtml } from './renderHtml.js';
export { renderComparisonHtml } from './renderComparisonHtml.js';

export type { JsonValue } from './renderJson.js';
export type { HtmlRunOptions } from './renderHtml.js';
export type { HtmlComparisonOptions } from './renderComparisonHtml.js';
export type { ComparisonSummary, EdgeLatencyDelta, ShapeSummary } from './summarizeComparison.js';
