// The run report's Traces section: present only when the run recorded traces, the longest failed and the
// slowest other traces drawn as waterfalls whose rows are the trace's spans in tree order, bars within the
// row, and what was kept said in words.

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import type { SimulationResult, TraceSpan } from '@meshsim/mesh';
import { parseScenario } from '@meshsim/scenario';

import { WATERFALLS_PER_KIND, drawnSentence, traceSection } from '../../../src/internal/html/traceSection.js';
import { WATERFALL_ROWS } from '../../../src/internal/html/waterfall.js';
import { TELEMETRY_SCENARIO, telemetryRun } from '../../__helpers__/telemetryRun.js';

/** The waterfalls' captions, bodies' rows and bar styles of a section's HTML. */
function waterfalls(html: string): { caption: string; rows: string[] }[] {
  return [...html.matchAll(/<table><caption>([^<]*)<\/caption>[\s\S]*?<tbody>\n([\s\S]*?)\n<\/tbody>/g)].map(
    (m) => ({ caption: m[1] ?? '', rows: (m[2] ?? '').split('\n') }),
  );
}

describe('traceSection', () => {
  const result = telemetryRun();
  const spans = result.telemetry?.traces?.spans ?? [];

  it('is absent when the run recorded no traces', () => {
    expect(
      traceSection({ ...result, telemetry: { requests: result.telemetry?.requests } } as SimulationResult),
    ).toBeNull();
  });

  it('draws the longest failed traces, then the slowest others, each span a row in tree order', () => {
    const section = traceSection(result);
    expect(section?.id).toBe('traces');
    const drawn = waterfalls(section?.html ?? '');
    expect(drawn).toHaveLength(2 * WATERFALLS_PER_KIND);
    const failed = drawn.slice(0, WATERFALLS_PER_KIND);
    for (const w of failed) expect(w.caption).toMatch(/ ms, failed /);
    for (const w of drawn.slice(WATERFALLS_PER_KIND)) expect(w.caption).toMatch(/ ms, succeeded, /);
    const durations = (list: typeof drawn): number[] =>
      list.map((w) => Number(/: ([\d,.]+) ms,/.exec(w.caption)?.[1]?.replace(/,/g, '')));
    const sortedDesc = (values: number[]): boolean =>
      values.every((v, i) => i === 0 || v <= (values[i - 1] ?? 0));
    expect(sortedDesc(durations(failed))).toBe(true);
    expect(sortedDesc(durations(drawn.slice(WATERFALLS_PER_KIND)))).toBe(true);
    // The first waterfall: every span of its trace once, the root first, children below their parent.
    const id = /\(trace ([0-9a-f]{32})\)/.exec(drawn[0]?.caption ?? '')?.[1];
    const trace = spans.filter((s) => s.traceId === id);
    expect(trace.length).toBeGreaterThan(1);
    const rows = drawn[0]?.rows ?? [];
    expect(rows).toHaveLength(Math.min(trace.length, WATERFALL_ROWS));
    expect(rows[0]).toContain('>call frontend');
    for (const row of rows) {
      const [, left = '', width = ''] = /margin-left:([\d.]+)%;width:([\d.]+)%/.exec(row) ?? [];
      expect(Number(left) + Number(width)).toBeLessThanOrEqual(100.001);
    }
    expect(rows.some((r) => r.includes('bar-error'))).toBe(true);
    expect(rows.some((r) => r.includes('bar-hop'))).toBe(true);
  });

  it('says how many traces were kept and how', () => {
    const html = traceSection(result)?.html ?? '';
    const traces = new Set(spans.map((s: TraceSpan) => s.traceId)).size;
    expect(html).toContain(`<p>${traces} traces recorded: 20 % of requests sampled at their start.</p>`);
    const tail = simulate(parseScenario(TELEMETRY_SCENARIO, 'telemetry-canary.yaml'), {
      telemetry: { traceSampleRate: 0, traceKeep: { errors: true, slowerThanMs: 40, share: 0.5 } },
    });
    expect(traceSection(tail)?.html).toMatch(
      /<p>\d+ traces kept of [\d,]+ requests: 0 sampled at their start \(0 %\), \d+ with a failed span and \d+ longer than 40 ms \(50 % of the \d+ these rules picked\)\.<\/p>/,
    );
  });

  it('says what it draws in a sentence that reads for none, one or several failed and other traces', () => {
    expect(drawnSentence(3, 3)).toBe('Below: the 3 longest failed traces and the 3 slowest other traces');
    expect(drawnSentence(1, 2)).toBe('Below: the longest failed trace and the 2 slowest other traces');
    expect(drawnSentence(0, 3)).toBe('No kept trace failed. Below: the 3 slowest traces');
    expect(drawnSentence(0, 1)).toBe('No kept trace failed. Below: the slowest trace');
    expect(drawnSentence(2, 0)).toBe('Every kept trace failed. Below: the 2 longest failed traces');
    // A run none of whose kept traces failed: no "0 longest failed traces" glued to the next words.
    const failedTraces = new Set(spans.filter((s) => s.status === 'error').map((s) => s.traceId));
    const fine = spans.filter((s) => !failedTraces.has(s.traceId));
    const html =
      traceSection({
        ...result,
        telemetry: { traces: { sampleRate: 1, spans: fine } },
      } as SimulationResult)?.html ?? '';
    expect(html).toContain(
      `<p class="hint">No kept trace failed. Below: the ${WATERFALLS_PER_KIND} slowest traces, as waterfalls: one row per span`,
    );
    expect(html).not.toMatch(/\b0 longest|traces?the /);
  });

  it('counts the spans beyond the rows it draws', () => {
    const long = traceSection({
      ...result,
      telemetry: {
        traces: {
          sampleRate: 1,
          spans: Array.from({ length: WATERFALL_ROWS + 5 }, (_, i): TraceSpan => ({
            traceId: 'a'.repeat(32),
            spanId: (i + 1).toString(16).padStart(16, '0'),
            parentSpanId: i === 0 ? null : '0'.repeat(15) + '1',
            name: i === 0 ? 'call api' : `serve api ${i}`,
            kind: i === 0 ? 'internal' : 'server',
            service: i === 0 ? 'users' : 'api',
            startMs: i,
            endMs: i + 10,
            status: 'unset',
            statusMessage: '',
            attributes: {},
            events: [],
          })),
        },
      },
    });
    expect(long?.html).toContain('… and 5 more spans of this trace.');
    expect(waterfalls(long?.html ?? '')[0]?.rows).toHaveLength(WATERFALL_ROWS);
  });
});
