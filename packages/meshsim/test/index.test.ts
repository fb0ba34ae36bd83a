// The umbrella package's public API: the exported names are a contract, checked against a list.

import { describe, expect, it } from 'vitest';
import * as meshsim from '../src/index.js';

describe('meshsim (umbrella)', () => {
  it('exports exactly the documented value API', () => {
    expect(Object.keys(meshsim).sort()).toEqual(
      [
        'DEFAULT_CLUSTERS',
        'DIAGNOSIS_THRESHOLDS',
        'OverrideError',
        'ResultsStore',
        'diagnose',
        'findBoundaries',
        'isRecovered',
        'pairedDifferences',
        'parseSetOption',
        'readScenarioSource',
        'renderBoundaryMapText',
        'renderDiagnosisText',
        'renderReplicationsText',
        'renderSweepText',
        'renderVerdictsCsv',
        'replicationSeed',
        'resolveWithOverrides',
        'runFigures',
        'runTasks',
        'summarizeReplications',
        'sweep',
        'DEFAULT_NETWORK',
        'Engine',
        'FAILURE_CAUSES',
        'ImportError',
        'LatencyHistogram',
        'NO_POLICY',
        'NO_RETRY',
        'RETRY_CONDITIONS',
        'RandomStreams',
        'ScenarioError',
        'Simulation',
        'applyOverrides',
        'batchMeans',
        'createSampler',
        'capabilityRows',
        'meshShapeNames',
        'registerMeshShape',
        'resolveMeshConfig',
        'describeDistribution',
        'distributionMean',
        'distributionQuantile',
        'formatImportIssue',
        'formatImportWarning',
        'importScenario',
        'importScenarioObject',
        'listBundledScenarios',
        'loadScenario',
        'loadScenarioFile',
        'meanConfidenceInterval',
        'parseDurationMs',
        'parseRate',
        'parseScenario',
        'renderComparisonHtml',
        'renderEdgesCsv',
        'renderHtml',
        'renderJson',
        'renderNodesCsv',
        'resolveScenario',
        'generateKinvolkEmojivoto',
        'generatePlatform40',
        'renderOpenMetrics',
        'renderProxiesCsv',
        'renderServiceSeriesCsv',
        'renderText',
        'renderTimeSeriesCsv',
        'renderVersionsCsv',
        'renderIstioMetrics',
        'renderIstioMetricsLines',
        'renderOtlpTraces',
        'renderOtlpTraceRequests',
        'OTLP_SPANS_PER_REQUEST',
        'renderTraceSummary',
        'renderFortio',
        'renderSmpResult',
        'summarizeComparison',
        'renderComparisonText',
        'renderComparisonJson',
        'renderComparisonCsv',
        'main',
        'scaleDistribution',
        'simulate',
        'validateDistribution',
      ].sort(),
    );
  });

  it('runs a bundled scenario end to end through the umbrella API', () => {
    const config = meshsim.applyOverrides(meshsim.loadScenario('steady-3tier'), { durationMs: 3000 });
    const result = meshsim.simulate(config);
    expect(result.conservation.holds).toBe(true);
    expect(result.edges.length).toBeGreaterThan(0);
    expect(meshsim.renderText(result)).toContain('success (%)');
  });
});
