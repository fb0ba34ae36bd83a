import { describe, expect, it } from 'vitest';

import { renderOpenMetrics } from '../src/index.js';
import { escapeLabelValue } from '../src/renderOpenMetrics.js';
import { emptyEdge, makeEmptyResult, makePricedResult, makeResult } from './__helpers__/fixtures.js';

describe('renderOpenMetrics', () => {
  it('renderOpenMetrics(result) ends with # EOF and a newline', () => {
    const text = renderOpenMetrics(makeResult());
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    expect(text.match(/# EOF/g)).toHaveLength(1);
  });

  it('renderOpenMetrics(result) writes HELP and TYPE for every family before its samples', () => {
    const text = renderOpenMetrics(makeResult());
    for (const [family, type] of [
      ['meshsim_requests', 'counter'],
      ['meshsim_request_failures', 'counter'],
      ['meshsim_retries', 'counter'],
      ['meshsim_policy_events', 'counter'],
      ['meshsim_request_duration_milliseconds', 'summary'],
      ['meshsim_service_utilisation_ratio', 'gauge'],
      ['meshsim_proxy_cpu_cores', 'gauge'],
      ['meshsim_proxy_memory_bytes', 'gauge'],
      ['meshsim_proxy_cost_usd_per_month', 'gauge'],
      ['meshsim_proxy_prices', 'info'],
    ] as const) {
      expect(text).toContain(`# TYPE ${family} ${type}\n`);
      expect(text).toMatch(new RegExp(`^# HELP ${family} \\S`, 'm'));
    }
    expect(text).toContain('# UNIT meshsim_request_duration_milliseconds milliseconds\n');
  });

  it('renderOpenMetrics(result) writes the request, failure, retry and latency samples of each edge', () => {
    const text = renderOpenMetrics(makeResult());
    const edge = 'source="frontend",destination="checkout"';
    expect(text).toContain(`meshsim_requests_total{${edge},outcome="success"} 7895\n`);
    expect(text).toContain(`meshsim_requests_total{${edge},outcome="failure"} 100\n`);
    expect(text).toContain(`meshsim_request_failures_total{${edge},cause="rejected"} 50\n`);
    expect(text).toContain(`meshsim_request_failures_total{${edge},cause="per-try-timeout"} 40\n`);
    expect(text).toContain(`meshsim_retries_total{${edge}} 1510\n`);
    expect(text).toContain(`meshsim_policy_events_total{${edge},event="breaker-trip"} 2\n`);
    expect(text).toContain(`meshsim_request_duration_milliseconds{${edge},quantile="0.99"} 2.5\n`);
    expect(text).toContain(`meshsim_request_duration_milliseconds_count{${edge}} 7895\n`);
    expect(text).toContain(
      'meshsim_service_utilisation_ratio{service="checkout",namespace="default",cluster="primary"} 0.666667\n',
    );
    expect(text).toContain('meshsim_proxy_cpu_cores{kind="envoy-sidecar"} 0.333333\n');
    expect(text).toContain(`meshsim_proxy_memory_bytes{kind="envoy-sidecar"} ${300.25 * 1024 * 1024}\n`);
  });

  it('renderOpenMetrics(result) writes a policy time as a seconds counter of its own, never as a policy event', () => {
    const text = renderOpenMetrics(makePricedResult());
    const edge = 'source="frontend",destination="checkout"';
    expect(text).toContain(
      '# TYPE meshsim_policy_time_seconds counter\n# UNIT meshsim_policy_time_seconds seconds\n',
    );
    expect(text).toContain(`meshsim_policy_time_seconds_total{${edge},state="breaker-open"} 1.234568\n`);
    // The events family holds counts only: whole numbers.
    const events = [...text.matchAll(/^meshsim_policy_events_total\{.*\} (\S+)$/gm)].map(([, value]) =>
      Number(value),
    );
    expect(events.length).toBeGreaterThan(0);
    for (const value of events) expect(Number.isInteger(value)).toBe(true);
  });

  it('renderOpenMetrics(result) escapes backslash, double quote and newline in label values', () => {
    const result = makeEmptyResult();
    result.edges = [emptyEdge('a\\b', 'say "hi"\nbye')];
    const text = renderOpenMetrics(result);
    expect(text).toContain('meshsim_retries_total{source="a\\\\b",destination="say \\"hi\\"\\nbye"} 0\n');
    // The raw newline never reaches the output: every line is a comment or a sample.
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^(# |meshsim_)/);
  });

  it('escapeLabelValue(value) escapes \\, " and line feeds', () => {
    expect(escapeLabelValue('plain')).toBe('plain');
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('renderOpenMetrics(emptyResult) omits quantiles of an edge without successes and never prints NaN', () => {
    const text = renderOpenMetrics(makeEmptyResult());
    expect(text).not.toMatch(/NaN|undefined|null/);
    expect(text).not.toContain('quantile=');
    expect(text).toContain(
      'meshsim_request_duration_milliseconds_count{source="client",destination="frontend"} 0\n',
    );
    // utilisation is NaN in the fixture: the sample is dropped.
    expect(text).not.toContain('meshsim_service_utilisation_ratio{');
  });

  it('renderOpenMetrics(result) writes the cost of each proxy kind and where the prices come from', () => {
    const text = renderOpenMetrics(makePricedResult());
    expect(text).toContain('# UNIT meshsim_proxy_cost_usd_per_month usd_per_month\n');
    expect(text).toContain('meshsim_proxy_cost_usd_per_month{kind="ztunnel"} 5.1403\n');
    expect(text).toContain('meshsim_proxy_cost_usd_per_month{kind="vpc-lattice"} 36.7775\n');
    expect(text).toContain('meshsim_proxy_prices_info{source="list prices, \\"test\\" table"} 1\n# EOF\n');
  });

  it('renderOpenMetrics(result) writes no cost or price sample without prices', () => {
    const text = renderOpenMetrics(makeResult());
    expect(text).not.toMatch(/^meshsim_proxy_cost_usd_per_month\{/m);
    expect(text).not.toContain('meshsim_proxy_prices_info');
  });

  it('renderOpenMetrics(result) counts the requests of each service version by outcome (canary splits)', () => {
    const result = makePricedResult();
    const text = renderOpenMetrics(result);
    for (const version of result.services[1]?.versions ?? []) {
      expect(text).toContain(
        `meshsim_version_requests_total{service="checkout",version="${version.name}",outcome="arrived"} ${version.arrived}\n`,
      );
      expect(text).toContain(
        `meshsim_version_requests_total{service="checkout",version="${version.name}",outcome="error"} ${version.errors}\n`,
      );
    }
  });
});
