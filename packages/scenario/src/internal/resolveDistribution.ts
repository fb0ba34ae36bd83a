// Converts a distribution as written in a scenario (units, one-key objects) into the engine's
// DistributionSpec in milliseconds, and re-checks it with the engine's own validator.

import type { DistributionSpec } from '@meshsim/engine';
import { validateDistribution } from '@meshsim/engine';
import type { RawDistribution, RawDistributionObject } from '../schema.js';
import { parseDurationMs } from '../units.js';
import { formatPath, parsePath } from './path.js';
import type { PathSegment } from './path.js';
import type { PathIssue } from './zodIssues.js';

const ms = parseDurationMs;

function leaf(object: RawDistributionObject): { kind: string; spec: DistributionSpec } | undefined {
  if (object.constant !== undefined)
    return { kind: 'constant', spec: { kind: 'constant', value: ms(object.constant) } };
  if (object.uniform !== undefined) {
    return {
      kind: 'uniform',
      spec: { kind: 'uniform', min: ms(object.uniform.min), max: ms(object.uniform.max) },
    };
  }
  if (object.exponential !== undefined) {
    return { kind: 'exponential', spec: { kind: 'exponential', mean: ms(object.exponential.mean) } };
  }
  if (object.normal !== undefined) {
    return {
      kind: 'normal',
      spec: { kind: 'normal', mean: ms(object.normal.mean), stdDev: ms(object.normal.stdDev) },
    };
  }
  if (object.lognormal !== undefined) {
    const l = object.lognormal;
    return {
      kind: 'lognormal',
      spec:
        'median' in l
          ? { kind: 'lognormal', median: ms(l.median), p99: ms(l.p99) }
          : { kind: 'lognormal', mu: l.mu, sigma: l.sigma },
    };
  }
  if (object.gamma !== undefined) {
    return {
      kind: 'gamma',
      spec: { kind: 'gamma', shape: object.gamma.shape, scale: ms(object.gamma.scale) },
    };
  }
  if (object.erlang !== undefined) {
    return { kind: 'erlang', spec: { kind: 'erlang', k: object.erlang.k, mean: ms(object.erlang.mean) } };
  }
  if (object.pareto !== undefined) {
    return {
      kind: 'pareto',
      spec: { kind: 'pareto', scale: ms(object.pareto.scale), shape: object.pareto.shape },
    };
  }
  if (object.weibull !== undefined) {
    return {
      kind: 'weibull',
      spec: { kind: 'weibull', scale: ms(object.weibull.scale), shape: object.weibull.shape },
    };
  }
  if (object.empirical !== undefined) {
    const e = object.empirical;
    return {
      kind: 'empirical',
      spec:
        'samples' in e
          ? { kind: 'empirical', samples: e.samples.map((s) => ms(s)) }
          : {
              kind: 'empirical',
              bins: e.bins.map((b) => ({ lower: ms(b.lower), upper: ms(b.upper), count: b.count })),
            },
    };
  }
  return undefined;
}

/**
 * Resolves a schema-valid raw distribution into a {@link DistributionSpec} [ms].
 *
 * @param raw - The distribution as written (already validated by the schema).
 * @param path - Its field path, used in issues.
 * @param issues - Receives the engine validator's complaints (path + reason), if any.
 */
export function resolveDistribution(
  raw: RawDistribution,
  path: readonly PathSegment[],
  issues: PathIssue[],
): DistributionSpec {
  if (typeof raw === 'number' || typeof raw === 'string') return { kind: 'constant', value: ms(raw) };
  if (raw.mixture !== undefined) {
    return {
      kind: 'mixture',
      components: raw.mixture.map((component, i) => ({
        weight: component.weight,
        dist: resolveDistribution(component.dist, [...path, 'mixture', i, 'dist'], issues),
      })),
    };
  }
  const resolved = leaf(raw);
  if (resolved === undefined)
    throw new Error(`resolveDistribution: no distribution kind at ${formatPath(path)}`);
  const base = formatPath([...path, resolved.kind]);
  try {
    validateDistribution(resolved.spec, base);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /^(\S+) (.*)$/s.exec(message);
    issues.push(
      match !== null && (match[1] as string).startsWith(base)
        ? { path: parsePath(match[1] as string), reason: match[2] as string }
        : { path: [...path, resolved.kind], reason: message },
    );
  }
  return resolved.spec;
}
