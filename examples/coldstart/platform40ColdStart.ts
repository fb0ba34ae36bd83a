// platform-40 at ten times its bundled rate with node CPU on, started cold: every connection is new, so
// every sidecar pair does a TLS handshake at once. Runs the mesh variants of
// docs/scenarios/platform-40.md ("A cold start at 20,000 req/s") and reports what each made of it.

import { generatePlatform40, resolveScenario, simulate } from 'meshsim';

/**
 * One variant: a mesh shape, with options written as in a scenario's `mesh` field, and optionally the
 * traffic ramped up linearly from 0 over `rampS` seconds instead of starting at full rate.
 */
export interface ColdStartVariant {
  label: string;
  mesh: string | Record<string, unknown>;
  rampS?: number;
}

/**
 * CPU of one side of a handshake on an older core: NGINX measured 2.9 ms per full RSA-2048 handshake on a
 * virtualized 2014 core (docs/sources.md#nginx-ssl-performance), where the default is 0.6 ms
 * (docs/model.md#connections). Between 1.3 ms (nothing fails) and 1.6 ms per side the cold start tips over.
 */
export const SLOW_HANDSHAKE_MS = 2.9;
const SLOW_HANDSHAKE = `${SLOW_HANDSHAKE_MS}ms`;

/** The variants of the docs' table, in order. */
export const COLD_START_VARIANTS: readonly ColdStartVariant[] = [
  {
    label: 'istio-sidecar (defaults: mTLS, 2-core sidecar limit, 0.6 ms per handshake side)',
    mesh: 'istio-sidecar',
  },
  {
    label: `istio-sidecar, slower handshakes (${SLOW_HANDSHAKE_MS} ms per side)`,
    mesh: { shape: 'istio-sidecar', sidecar: { tlsHandshakeCpu: SLOW_HANDSHAKE } },
  },
  {
    label: `istio-sidecar, slower handshakes, sidecar limit 32 cores (the node)`,
    mesh: { shape: 'istio-sidecar', sidecar: { tlsHandshakeCpu: SLOW_HANDSHAKE, cpuLimit: 32 } },
  },
  {
    label: 'istio-sidecar, slower handshakes, traffic ramped up over 2 s',
    mesh: { shape: 'istio-sidecar', sidecar: { tlsHandshakeCpu: SLOW_HANDSHAKE } },
    rampS: 2,
  },
  { label: 'istio-sidecar, mTLS off', mesh: { shape: 'istio-sidecar', mtls: false } },
  { label: 'istio-ambient', mesh: 'istio-ambient' },
  { label: 'linkerd', mesh: 'linkerd' },
];

/** What one variant made of the cold start. */
export interface ColdStartRow {
  label: string;
  /** Requests of the traffic sources that succeeded, of those that completed (in flight at the end left out) [0, 1]. */
  success: number;
  failed: number;
  tlsHandshakes: number;
  /** CPU of the handshakes at both ends [ms of one core]. */
  handshakeCpuMs: number;
  /** Time the proxies spent throttled by their CPU limit, summed over proxies [ms]. */
  proxyThrottledMs: number;
  /** CPU utilisation of the nodes, mean and busiest [0, 1]. */
  meanNodeCpu: number;
  maxNodeCpu: number;
}

/** Runs each variant on platform-40 at `totalRps` for `durationMs`, from a cold start. */
export function platform40ColdStart(
  variants: readonly ColdStartVariant[] = COLD_START_VARIANTS,
  options: { totalRps?: number; durationMs?: number } = {},
): ColdStartRow[] {
  const totalRps = options.totalRps ?? 20_000;
  const duration = `${options.durationMs ?? 4000}ms`;
  return variants.map(({ label, mesh, rampS }) => {
    const doc: Record<string, unknown> = { ...generatePlatform40({ totalRps, duration }), mesh };
    if (rampS !== undefined) {
      // Each source from 0 req/s at 0 s to its rate at rampS, linearly (the scenario format's `ramp`).
      const traffic = doc['traffic'] as { rate: unknown }[];
      for (const source of traffic) {
        const rps = Number.parseFloat(String(source.rate));
        source.rate = [
          { at: '0s', rps: 0 },
          { at: `${rampS}s`, rps, ramp: true },
        ];
      }
    }
    const result = simulate(resolveScenario(doc, `platform-40 at ${totalRps} req/s`));
    const c = result.conservation;
    return {
      label,
      success: c.succeeded + c.failed > 0 ? c.succeeded / (c.succeeded + c.failed) : 0,
      failed: c.failed,
      tlsHandshakes: result.connections.tlsHandshakes,
      handshakeCpuMs: result.connections.handshakeCpuMs,
      proxyThrottledMs: result.proxies.byKind.reduce((sum, kind) => sum + (kind.throttledMs ?? 0), 0),
      meanNodeCpu:
        result.nodes.reduce((sum, node) => sum + node.utilisation, 0) / Math.max(1, result.nodes.length),
      maxNodeCpu: result.nodes.reduce((max, node) => Math.max(max, node.utilisation), 0),
    };
  });
}

/** The rows as the docs' Markdown table. */
export function coldStartTable(rows: readonly ColdStartRow[]): string {
  const lines = [
    '| variant | success (%) | failed | TLS handshakes | handshake CPU (s) | proxies throttled, summed over containers (s) | node CPU, mean / busiest (%) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${(100 * r.success).toFixed(1)} | ${r.failed.toLocaleString('en-US')} | ` +
        `${r.tlsHandshakes.toLocaleString('en-US')} | ${(r.handshakeCpuMs / 1000).toFixed(1)} | ` +
        `${(r.proxyThrottledMs / 1000).toFixed(1)} | ${(100 * r.meanNodeCpu).toFixed(0)} / ${(100 * r.maxNodeCpu).toFixed(0)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
