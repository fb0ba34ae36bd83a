// `--html FILE` on `meshsim run` and `meshsim compare`: the page is written next to the normal output,
// holds the run's faults and charts, is the same bytes run to run, and a bad path is an error.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { main } from '../src/index.js';
import { captureIo } from './__helpers__/io.js';
import { tempDir } from './__helpers__/tempDir.js';

const tempPath = (name: string): string => join(tempDir('meshsim-html-'), name);

/** The page's `<head>`. */
const head = (html: string): string => html.slice(0, html.indexOf('<style>'));

/** The `<section id="…">` of the page, or '' (the sections come before the inlined scripts). */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  return start === -1 ? '' : html.slice(start, html.indexOf('</section>', start));
}

describe('--html FILE', () => {
  it('run: writes the HTML report, keeps the text summary on stdout, and says where it wrote', async () => {
    const file = tempPath('run.html');
    const io = captureIo();
    const args = ['run', 'budget-vs-retries', '--duration', '12s', '--no-progress', '--html', file];
    expect(await main(args, io)).toBe(0);
    expect(io.out()).toContain('Edges (caller → callee; p50/p99 of successful calls)');
    expect(io.err()).toContain(`wrote HTML report to ${file}`);
    const html = readFileSync(file, 'utf8');
    // The page is large (inlined libraries): compare pieces of it, so a failure prints only those.
    expect(html.slice(0, 15)).toBe('<!doctype html>');
    expect(head(html)).toContain('<title>meshsim run: budget-vs-retries</title>');
    // The scenario's fault (from its config, 10 s for 10 s, cut at 12 s) is in the story and in the data.
    expect(section(html, 'story')).toContain(
      '<dt>Faults</dt><dd>added latency: checkout (all instances) from 10 s to 12 s</dd>',
    );
    expect(html.includes('"windows":[{"startS":10,"endS":12,')).toBe(true);
    // What the command line changed, as the text names it.
    expect(io.out()).toContain('\nOverrides: duration=12s\n');
    expect(section(html, 'story')).toContain('<dt>Overrides</dt><dd>duration=12s</dd>');
    // The run's diagnosis: cut at 12 s, the fault is still active at the end.
    expect(section(html, 'story')).toContain('<dt>Verdict</dt><dd>degraded</dd>');
    // And the whole diagnosis, as the text prints it.
    const verdict = /^Verdict: (.*)$/m.exec(io.out())?.[1] ?? 'no verdict line';
    expect(section(html, 'diagnosis')).toContain(`<dt>Verdict</dt><dd>${verdict}</dd>`);
    expect(section(html, 'diagnosis')).toContain('<caption>Goodput per traffic source');
    expect(section(html, 'charts')).toContain('data-chart="goodput"');

    const again = tempPath('again.html');
    expect(await main([...args.slice(0, -1), again], captureIo())).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(html);
  });

  it('run: has a Traces section only with a --trace-… flag (or --otlp), and says what it kept', async () => {
    const plain = tempPath('plain.html');
    const base = ['run', 'budget-vs-retries', '--duration', '12s', '--no-progress', '--html'];
    expect(await main([...base, plain], captureIo())).toBe(0);
    expect(section(readFileSync(plain, 'utf8'), 'traces')).toBe('');
    const traced = tempPath('traced.html');
    const io = captureIo();
    expect(await main([...base, traced, '--trace-sample', '0', '--trace-slower-than', '200ms'], io)).toBe(0);
    const kept =
      /^([\d,]+) traces kept of ([\d,]+) requests: 0 sampled at their start \(0 %\), ([\d,]+) longer than 200 ms\.$/m.exec(
        io.err(),
      );
    expect(kept, io.err()).not.toBeNull();
    const traces = section(readFileSync(traced, 'utf8'), 'traces');
    expect(traces).toContain(`<p>${kept?.[0] ?? 'no line'}</p>`);
    expect(traces).toContain('<div class="table-wrap waterfall"');
  });

  it('compare: writes the comparison page with one bar per shape', async () => {
    const file = tempPath('compare.html');
    const io = captureIo();
    const args = [
      'compare',
      'steady-3tier',
      '--mesh',
      'none,istio-sidecar',
      '--duration',
      '3s',
      '--no-progress',
    ];
    expect(await main([...args, '--html', file], io)).toBe(0);
    expect(io.out()).toMatch(/metric\s+none\s+istio-sidecar/);
    const html = readFileSync(file, 'utf8');
    expect(head(html)).toContain('<title>meshsim compare: steady-3tier</title>');
    expect(section(html, 'story')).toContain('<li>Overrides: duration=3s.</li>');
    expect(section(html, 'charts')).toContain('data-chart="added-latency" data-kind="bars" data-marks="4"');
    // Each shape's verdict, as in the text comparison (3 s: shorter than one 5 s window, too short to judge).
    expect(io.out()).toMatch(/verdict\s+unresolved\s+unresolved/);
    expect(html).toContain(
      '<th scope="row">verdict</th><td class="num">unresolved</td><td class="num">unresolved</td>',
    );
  });

  it('compare --replications N: the paired differences of the text, and the sentence on the first replication', async () => {
    const file = tempPath('replications.html');
    const io = captureIo();
    const args = [
      'compare',
      'steady-3tier',
      '--mesh',
      'none,linkerd',
      '--duration',
      '2s',
      '--replications',
      '2',
    ];
    expect(await main([...args, '--no-progress', '--html', file], io)).toBe(0);
    const html = readFileSync(file, 'utf8');
    const title = 'Paired differences vs none over 2 replications on the same seeds';
    expect(io.out()).toContain(title);
    expect(section(html, 'tables')).toContain(`<caption>${title}`);
    // The text's paired p99 cell, in the page's row.
    const p99 = /^end-to-end p99 \(ms\)\s+(\S.*\S)$/m.exec(io.out().slice(io.out().indexOf(title)))?.[1];
    expect(p99).toBeDefined();
    expect(section(html, 'tables')).toContain(
      `<th scope="row">end-to-end p99 (ms)</th><td class="num">${p99 ?? ''}</td>`,
    );
    expect(io.out()).toContain('The table: the first of 2 replications');
    expect(section(html, 'story')).toContain('The table: the first of 2 replications');
  });

  it('compare --trace-sample: the same request under each shape, on the pool as in this thread', async () => {
    const args = [
      'compare',
      'steady-3tier',
      '--mesh',
      'none,istio-sidecar',
      '--duration',
      '3s',
      '--no-progress',
    ];
    const pooled = tempPath('pooled.html');
    expect(
      await main([...args, '--html', pooled, '--trace-sample', '0.05', '--workers', '2'], captureIo()),
    ).toBe(0);
    const html = readFileSync(pooled, 'utf8');
    expect(section(html, 'same-request')).toMatch(/<p>\d+ traced requests are the same under every shape/);
    expect(section(html, 'same-request')).toContain('<h3>A typical request (the median under none): ');
    expect(section(readFileSync(pooled, 'utf8'), 'charts')).not.toBe('');
    const inThread = tempPath('in-thread.html');
    expect(
      await main([...args, '--html', inThread, '--trace-sample', '0.05', '--workers', '0'], captureIo()),
    ).toBe(0);
    expect(readFileSync(inThread, 'utf8')).toBe(html);
    // Without --trace-sample, no such section.
    const plain = tempPath('plain-compare.html');
    expect(await main([...args, '--html', plain], captureIo())).toBe(0);
    expect(section(readFileSync(plain, 'utf8'), 'same-request')).toBe('');
    // --trace-sample goes with --html, and is a share.
    const alone = captureIo();
    expect(await main([...args, '--trace-sample', '0.05'], alone)).toBe(2);
    expect(alone.err()).toContain('--trace-sample goes with --html');
    const bad = captureIo();
    expect(await main([...args, '--html', plain, '--trace-sample', '2'], bad)).toBe(2);
    expect(bad.err()).toContain(
      "invalid value for --trace-sample: '2' (expected a share in (0, 1], e.g. 0.05)",
    );
  });

  it('a blank path is a usage error, an unwritable one an error naming the file', async () => {
    const blank = captureIo();
    expect(await main(['run', 'steady-3tier', '--html', ' '], blank)).toBe(2);
    expect(blank.err()).toContain("invalid value for --html: ' '");
    const missingDir = join(tempPath('x'), 'no-such-dir', 'report.html');
    const io = captureIo();
    expect(
      await main(['run', 'steady-3tier', '--duration', '1s', '--no-progress', '--html', missingDir], io),
    ).toBe(1);
    expect(io.err()).toContain(`cannot write '${missingDir}'`);
  });
});
