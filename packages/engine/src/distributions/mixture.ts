// A finite mixture: each draw comes from one component picked by weight, e.g. 99% fast path and
// 1% cache-miss path.

import type { Random } from '../random/RandomStreams.js';
import { requireNonEmptyArray, requireNonNegative, requireObject } from './checks.js';
import { DistributionParamError } from './DistributionParamError.js';
import { formatValue } from './formatValue.js';
import type { Sampler } from './Sampler.js';
import { weightedIndex } from './weightedIndex.js';

/** One component of a {@link mixture}: drawn with probability weight / (sum of weights). */
export interface MixtureComponent {
  /** Relative weight, >= 0 (need not sum to 1 across components). */
  weight: number;
  /** The component's sampler. */
  sampler: Sampler;
}

/**
 * Checks the weights of a mixture's components: a non-empty array of objects whose `weight` is
 * finite and >= 0, with a positive total. Names `${path}.components[i].weight` on failure.
 */
export function checkMixtureWeights(components: unknown, path: string): void {
  const list = requireNonEmptyArray(`${path}.components`, components);
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const field = `${path}.components[${i}]`;
    const component = requireObject(field, list[i]) as { weight?: unknown };
    total += requireNonNegative(`${field}.weight`, component.weight);
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new DistributionParamError(`${path}.components`, 'total weight must be a finite number > 0', total);
  }
}

/**
 * Mixture draws: one uniform from `random` picks a component by weight (binary search over the
 * cumulative weights), then that component's sampler supplies the value. Components with weight
 * 0 are never drawn.
 */
export function mixture(components: readonly MixtureComponent[], random: Random): Sampler {
  checkMixtureWeights(components, 'mixture');
  components.forEach((c, i) => {
    if (typeof c.sampler !== 'function') {
      throw new RangeError(
        `mixture.components[${i}].sampler must be a function (got ${formatValue(c.sampler)})`,
      );
    }
  });
  const samplers = components.map((c) => c.sampler);
  const pick = weightedIndex(
    components.map((c) => c.weight),
    random,
  );
  return () => (samplers[pick()] as Sampler)();
}
