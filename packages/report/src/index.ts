// Public API of @meshsim/report: render a SimulationResult as text, JSON, CSV or OpenMetrics.

export { formatTable } from './internal/formatTable.js';
export { renderText } from './renderText.js';
export { renderTimeline } from './internal/renderTimeline.js';
export { JSON_DECIMALS, JSON_SCHEMA_VERSION, renderJson, toJsonDocument } from './renderJson.js';
export { CSV_DECIMALS } from './internal/csvTable.js';
export { renderEdgesCsv, renderTimeSeriesCsv } from './renderCsv.js';
export { summarizeComparison } from './summarizeComparison.js';
export { COMPARISON_SCHEMA_VERSION, renderComparisonJson, renderComparisonText } from './renderComparison.js';
export { OPENMETRICS_DECIMALS, escapeLabelValue, renderOpenMetrics } from './renderOpenMetrics.js';

export type { FormatTableOptions, TableColumn } from './internal/formatTable.js';
export type { JsonValue } from './renderJson.js';
export type { ComparisonSummary, EdgeLatencyDelta, ShapeSummary } from './summarizeComparison.js';
