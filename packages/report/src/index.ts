// Public API of @meshsim/report: render a SimulationResult (with its diagnosis and replications) as text,
// JSON, CSV, OpenMetrics (meshsim's or Istio's metrics), OTLP traces, Fortio and SMP results or an HTML
// page, compare one scenario under several mesh shapes (text, JSON, CSV or HTML), and render sweeps and
// boundary maps.

export { renderText } from './renderText.js';
export { JSON_SCHEMA_VERSION, renderJson, toJsonDocument } from './renderJson.js';
export {
  renderEdgesCsv,
  renderNodesCsv,
  renderProxiesCsv,
  renderServiceSeriesCsv,
  renderTimeSeriesCsv,
  renderVersionsCsv,
} from './renderCsv.js';
export { renderOpenMetrics } from './renderOpenMetrics.js';
export { renderIstioMetrics, renderIstioMetricsLines } from './renderIstioMetrics.js';
export { OTLP_SPANS_PER_REQUEST, renderOtlpTraceRequests, renderOtlpTraces } from './renderOtlpTraces.js';
export type { OtlpRequestOptions } from './renderOtlpTraces.js';
export { renderTraceSummary } from './renderTraceSummary.js';
export { FORTIO_PERCENTILES, renderFortio } from './renderFortio.js';
export { SMP_VERSION, renderSmpResult } from './renderSmpResult.js';
export { summarizeComparison } from './summarizeComparison.js';
export {
  COMPARISON_SCHEMA_VERSION,
  renderComparisonCsv,
  renderComparisonJson,
  renderComparisonText,
} from './renderComparison.js';
export { renderHtml } from './renderHtml.js';
export { renderComparisonHtml } from './renderComparisonHtml.js';

export { diagnosisJson, renderDiagnosisText, renderVerdictsCsv } from './renderDiagnosis.js';
export { renderReplicationsCsv, renderReplicationsText, replicationsJson } from './renderReplications.js';
export {
  renderBoundaryMapJson,
  renderBoundaryMapText,
  renderSweepJson,
  renderSweepText,
} from './renderSweep.js';

export { escapeControls } from './internal/formatTable.js';

export type { JsonValue } from './JsonValue.js';
export type { RunExtras } from './RunExtras.js';
export type { ColumnContext } from './columns/Column.js';
export type { ExportOptions } from './ExportOptions.js';
export type { FortioOptions, FortioResult, FortioSourceLoad } from './renderFortio.js';
export type { HtmlRunOptions } from './renderHtml.js';
export type { HtmlComparisonOptions } from './renderComparisonHtml.js';
export type { P99Gap } from './internal/p99Gap.js';
export type {
  ComparisonOptions,
  ComparisonSummary,
  EdgeLatencyDelta,
  NodeAgentSummary,
  ShapeDifferences,
  ShapeIntervals,
  ShapeSummary,
} from './summarizeComparison.js';
