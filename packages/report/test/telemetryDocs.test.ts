// docs/telemetry.md against the code: the tail-sampling figures it quotes (steady-3tier's slow traces, the retry
// storm's failed ones) and the summary line of its code example are what the model gives.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import type { TelemetryOptions } from '@meshsim/mesh';
import { applyOverrides, loadScenario } from '@meshsim/scenario';

import { renderTraceSummary } from '../src/index.js';

const page = readFileSync(fileURLToPath(new URL('../../../docs/telemetry.md', import.meta.url)), 'utf8');
/** The page with its line breaks as spaces (sentences wrap). */
const text = page.replace(/\s*\n\s*/g, ' ');

function summary(scenario: string, telemetry: TelemetryOptions, durationMs?: number): string {
  const config = loadScenario(scenario);
  const result = simulate(durationMs === undefined ? config : applyOverrides(config, { durationMs }), {
    telemetry,
  });
  return renderTraceSummary(result) ?? '';
}

describe('docs/telemetry.md matches the trace sampling it describes', () => {
  it("quotes steady-3tier's traces longer than 100 ms, in prose and in the code example", () => {
    const line = summary('steady-3tier', { traceSampleRate: 0, traceKeep: { slowerThanMs: 100 } }, 60_000);
    expect(line).toMatch(/^35 traces kept of 28,378 requests: /);
    expect(page).toContain(`console.log(renderTraceSummary(slow)); // ${line}`);
    expect(text).toContain('keeps the 35 requests (of 28,378) that took longer than 100 ms');
  });

  it("quotes 1 % of the retry storm's failed requests", () => {
    const line = summary('retry-storm', { traceSampleRate: 0, traceKeep: { errors: true, share: 0.01 } });
    expect(text).toContain(`stderr says so: \`${line}\``);
    const [, kept = '', requests = '', picked = ''] =
      /^([\d,]+) traces kept of ([\d,]+) requests: .* \(1 % of the ([\d,]+) these rules picked\)\.$/.exec(
        line,
      ) ?? [];
    expect(text).toContain(`(${kept} of the ${picked} that failed, of ${requests})`);
  });
});
