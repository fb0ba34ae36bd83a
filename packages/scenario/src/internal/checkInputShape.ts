// The first check of raw scenario input, before the schema: nesting depth and size (also catching
// cycles in input built in code), `__proto__` keys, and numbers that are not finite or too large.
// Iterative, so that no input can overflow the stack here.

import { SCENARIO_LIMITS } from '@meshsim/mesh';
import { fieldWords } from './fieldWords.js';
import type { FieldWords } from './fieldWords.js';
import type { PathSegment } from './path.js';
import type { ReadWritten } from './positions.js';
import type { PathIssue } from './PathIssue.js';

/** What {@link checkInputShape} found. */
export interface InputShape {
  /** Every problem found. */
  issues: PathIssue[];
  /** True when the input is too deep or too large to validate further (only these issues apply). */
  fatal: boolean;
  /**
   * Numbers larger in magnitude than `SCENARIO_LIMITS.largestNumber`: each field's own bound, when it has one, says
   * more (`must be an integer between 1 and 100000`), so these apply only where the schema finds nothing to say.
   */
  tooLarge: PathIssue[];
}

/** A key that changes an object's prototype when assigned in JavaScript: never allowed. */
const PROTO_KEY = '__proto__';

/**
 * Walks `input` (plain data) depth-first without recursion and reports: maps and lists nested deeper
 * than `SCENARIO_LIMITS.nestingDepth` or a cycle (fatal), more than `SCENARIO_LIMITS.values` values
 * (fatal), `__proto__` keys, and numbers that are NaN or infinite; apart (`tooLarge`), numbers larger in magnitude
 * than `SCENARIO_LIMITS.largestNumber`.
 *
 * @param input - The parsed file or the object given to `resolveScenario`.
 * @param written - The text of a value as written in the file, when there is one (to tell YAML's `.inf`
 *   from a number with too many digits).
 */
export function checkInputShape(input: unknown, written?: ReadWritten): InputShape {
  const issues: PathIssue[] = [];
  const tooLarge: PathIssue[] = [];
  const maxDepth = SCENARIO_LIMITS.nestingDepth;
  const stack: { value: unknown; path: readonly PathSegment[] }[] = [{ value: input, path: [] }];
  let seen = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: readonly PathSegment[] };
    if (++seen > SCENARIO_LIMITS.values) {
      return {
        issues: [
          { path: [], reason: `more than ${SCENARIO_LIMITS.values} values (numbers, strings, maps, lists)` },
        ],
        fatal: true,
        tooLarge: [],
      };
    }
    if (typeof value === 'number') {
      if (Number.isFinite(value) && Math.abs(value) > SCENARIO_LIMITS.largestNumber) {
        tooLarge.push({ path, reason: tooLargeReason(value) });
        continue;
      }
      const problem = numberProblem(value, path, Number.isFinite(value) ? undefined : written?.(path));
      if (problem !== null) issues.push({ path, reason: problem });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= maxDepth) {
      return {
        issues: [
          {
            path: path.slice(0, maxDepth),
            reason: `nesting deeper than ${maxDepth} levels (or a cycle): a scenario nests about 10`,
          },
        ],
        fatal: true,
        tooLarge: [],
      };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      if (key === PROTO_KEY) {
        issues.push({
          path: [...path, key],
          reason: `"${PROTO_KEY}" is not allowed as a key (in JavaScript it would replace the object's prototype)`,
        });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return { issues, fatal: false, tooLarge };
}

/** Why a finite number larger in magnitude than the largest exact integer cannot be in a scenario. */
function tooLargeReason(value: number): string {
  return `must be at most ${SCENARIO_LIMITS.largestNumber} in magnitude, the largest exact integer (got ${String(value)})`;
}

/** What to write instead of `.inf` in a field that takes `words`: its word for no limit, or a finite value. */
function insteadOfInfinity(words: FieldWords): string {
  const quoted = words.noLimit.map((word) => `"${word}"`);
  if (quoted.length > 0) return `for no limit, write ${quoted.join(' or ')}`;
  const leaveOut = words.optional ? ', or leave the field out for its default' : '';
  return `this field has no word for no limit: give it a finite value${leaveOut}`;
}

/** YAML's infinity, `.inf` (`+.inf`, `-.Inf`, `.INF`), as written. */
const YAML_INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;

/**
 * Why a number cannot be in a scenario, or null; `written` is its text in the file, when known. YAML's `.inf` is
 * told what the field at `path` takes instead (its schema's word for no limit, or none), when the field exists.
 */
function numberProblem(
  value: number,
  path: readonly PathSegment[],
  written: string | undefined,
): string | null {
  if (Number.isNaN(value)) return 'must be a number (got NaN)';
  if (written !== undefined && YAML_INFINITY.test(written)) {
    const words = fieldWords(path);
    return (
      `is infinite (got ${written}): numbers must be finite, at most ${SCENARIO_LIMITS.largestNumber} in magnitude` +
      (words.known ? `; ${insteadOfInfinity(words)}` : '')
    );
  }
  if (!Number.isFinite(value)) {
    // From a file, an infinite number is a bare number too long for a double (YAML's .inf was told above);
    // from code, it is `Infinity` itself, told what the field takes for no limit.
    if (written !== undefined)
      return `must be a finite number (got ${String(value)}: a number with too many digits?)`;
    const words = fieldWords(path);
    return (
      `must be a finite number (got ${String(value)})` + (words.known ? `; ${insteadOfInfinity(words)}` : '')
    );
  }
  return null;
}
