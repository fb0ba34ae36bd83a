// Flattens zod issues into `{ path, reason }` pairs: picks the intended branch of a failed union,
// splits unknown keys into one issue each with a "did you mean" hint (one issue, not two, when the key is a misspelt
// required field; Istio's and Cilium's names are told the meshsim field), and unwraps record-key issues.

import type * as z from 'zod';
import type { KnownKeys } from './errorMap.js';
import type { PathSegment } from './path.js';
import { got } from './show.js';
import { absentFieldReason, meantBy, meantHint } from './suggest.js';
import { istioFieldIssues } from './istioFieldNames.js';
import { kubernetesProbeIssues } from './kubernetesProbeNames.js';
import { ciliumFieldIssues } from './ciliumFieldNames.js';
import { formatPath } from './path.js';
import { pushAll } from '@meshsim/mesh';
import { libraryKindForm } from './libraryKindForm.js';
import type { PathIssue } from './PathIssue.js';

type Issue = z.core.$ZodIssue;

/** True if `issue` only says the input is not of the expected type at all (also for a nested union). */
function isRootTypeMismatch(issue: Issue): boolean {
  if (issue.path.length !== 0) return false;
  if (issue.code === 'invalid_type') return true;
  return issue.code === 'invalid_union' && issue.errors.every((branch) => branch.every(isRootTypeMismatch));
}

/** Counts the ways an input fails to even be of a union branch's shape (wrong type, unknown or missing keys). */
function shapeMismatches(issues: readonly Issue[]): number {
  let count = 0;
  for (const issue of issues) {
    if (isRootTypeMismatch(issue) || (issue.code === 'invalid_type' && issue.input === undefined)) count += 1;
    else if (issue.code === 'unrecognized_keys' && issue.path.length === 0) count += issue.keys.length;
    // A preset name (`envoy-defaults`) offered an object, or an enum of strings offered a number.
    else if (isRootValueOfOtherType(issue)) count += 1;
  }
  return count;
}

/** True for a root `invalid_value` whose input is not even of the allowed values' type. */
function isRootValueOfOtherType(issue: Issue): boolean {
  return (
    issue.code === 'invalid_value' &&
    issue.path.length === 0 &&
    issue.values.every((value) => typeof value !== typeof issue.input)
  );
}

/**
 * True for zod's refusal of an integer outside the safe range (±(2^53 − 1)), which every `z.int()` adds: such a number
 * is refused by the field's own bound when it has one (`must be an integer between 1 and 100000`), else as larger than
 * the largest exact integer (checkInputShape).
 */
function isSafeRangeIssue(issue: Issue): boolean {
  return (
    (issue.code === 'too_big' || issue.code === 'too_small') &&
    issue.origin === 'int' &&
    Math.abs(Number(issue.code === 'too_big' ? issue.maximum : issue.minimum)) === Number.MAX_SAFE_INTEGER
  );
}

function onlyRootTypeErrors(issues: readonly Issue[]): boolean {
  return issues.every(isRootTypeMismatch);
}

function knownKeysHint(meant: readonly string[], known: Set<string> | undefined): string {
  if (known === undefined || known.size === 0) return '';
  if (meant.length > 0) return meantHint(meant);
  return `; expected one of: ${[...known].join(', ')}`;
}

/** An unknown key's issue and the fields of its object it may stand for (`serviceTme` → `serviceTime`). */
interface UnknownKey {
  readonly issue: PathIssue;
  readonly object: readonly PathSegment[];
  readonly meant: readonly string[];
}

/**
 * One issue instead of two for a misspelt required field (`serviceTme`): the missing field's `is required` is
 * dropped and the unknown key's hint says it is that field — `unknown field (did you mean "serviceTime", which is
 * required and missing?)`.
 */
function foldMisspeltRequired(issues: PathIssue[], unknownKeys: readonly UnknownKey[]): PathIssue[] {
  const dropped = new Set<PathIssue>();
  for (const { issue, object, meant } of unknownKeys) {
    for (const field of meant) {
      const at = formatPath([...object, field]);
      const required = issues.find(
        (other) => !dropped.has(other) && other.reason === 'is required' && formatPath(other.path) === at,
      );
      if (required === undefined) continue;
      dropped.add(required);
      issue.reason = `unknown field (did you mean ${JSON.stringify(field)}, which is required and missing?)`;
      break;
    }
  }
  return issues.filter((issue) => !dropped.has(issue));
}

/** The branch of a failed union the input was meant for: the one it fits best (fewest shape mismatches, then fewest issues). */
function intendedBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] {
  let best = branches[0] ?? [];
  for (const branch of branches) {
    const a = shapeMismatches(branch);
    const b = shapeMismatches(best);
    if (a < b || (a === b && branch.length < best.length)) best = branch;
  }
  return best;
}

/** Where a parse found a problem, relative to the parsed value; an unknown key leaves its object readable. */
export interface ProblemPlace {
  readonly path: readonly PathSegment[];
  readonly unknownKey: boolean;
}

/**
 * The places of `issues` — a refinement's `ctx.issues`, relative to the refined value — with a failed union's problems
 * those of its intended branch, as {@link flattenZodIssues} reports them (`lognormal: { median, p99, extra }` is an
 * unknown key inside `lognormal`, not a `lognormal` that is no distribution parameters at all).
 */
export function problemPlaces(issues: readonly Issue[], prefix: readonly PathSegment[] = []): ProblemPlace[] {
  const out: ProblemPlace[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...((issue.path ?? []) as PathSegment[])];
    if (
      issue.code === 'invalid_union' &&
      issue.errors.length > 0 &&
      !issue.errors.every(onlyRootTypeErrors)
    ) {
      pushAll(out, problemPlaces(intendedBranch(issue.errors), path));
    } else {
      out.push({ path, unknownKey: issue.code === 'unrecognized_keys' });
    }
  }
  return out;
}

/**
 * Converts zod issues to path issues.
 *
 * @param issues - Issues from `safeParse` (run with `reportInput: true` and {@link createErrorMap}).
 * @param knownKeys - The keys recorded by the error map, for suggestions.
 * @param prefix - Path of the value the issues are relative to (union branches are relative to the union).
 */
export function flattenZodIssues(
  issues: readonly Issue[],
  knownKeys: KnownKeys,
  prefix: readonly PathSegment[] = [],
): PathIssue[] {
  const unknownKeys: UnknownKey[] = [];
  return foldMisspeltRequired(flatten(issues, knownKeys, prefix, unknownKeys, undefined), unknownKeys);
}

/** {@link flattenZodIssues} before folding; `unknownKeys` collects the unknown keys' issues. */
function flatten(
  issues: readonly Issue[],
  knownKeys: KnownKeys,
  prefix: readonly PathSegment[],
  unknownKeys: UnknownKey[],
  forms: string | undefined,
): PathIssue[] {
  const out: PathIssue[] = [];
  for (const issue of issues) {
    // zod's own bound of an integer (the safe range): the field's bound says more, else checkInputShape's `tooLarge`.
    if (isSafeRangeIssue(issue)) continue;
    const path = [...prefix, ...(issue.path as PathSegment[])];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known =
          typeof issue.input === 'object' && issue.input !== null ? knownKeys.get(issue.input) : undefined;
        const kindForm = libraryKindForm(issue.input, issue.keys, known);
        if (kindForm !== undefined) {
          out.push({ path, reason: kindForm });
          break;
        }
        const input = typeof issue.input === 'object' && issue.input !== null ? issue.input : {};
        for (const key of issue.keys) {
          // A key of the union's other branch, on the object the chosen branch refused it in (lognormal's `mu` beside
          // a `median`): "did you mean" would name the key itself; the forms say what is wrong.
          if (forms !== undefined && issue.path.length === 0 && known?.has(key) === true) {
            out.push({
              path: [...path, key],
              reason: `belongs to the other form: ${forms}, not a mix of the two`,
            });
            continue;
          }
          // Istio's DestinationRule names (trafficPolicy, loadBalancer.simple, outlier and connectionPool fields),
          // Cilium's (mesh.envoy, mesh.authentication) and Kubernetes' probe fields (periodSeconds, httpGet, …): each is
          // told its meshsim one.
          const value = Object.getOwnPropertyDescriptor(input, key)?.value;
          const spelling =
            istioFieldIssues(path, key, value) ??
            ciliumFieldIssues(path, key) ??
            kubernetesProbeIssues(path, key, value);
          if (spelling !== undefined) {
            pushAll(out, spelling);
            continue;
          }
          const absent = absentFieldReason(path, key);
          const meant = known === undefined || absent !== undefined ? [] : meantBy(key, known);
          const hint = absent === undefined ? knownKeysHint(meant, known) : `: ${absent}`;
          const unknown = { path: [...path, key], reason: `unknown field${hint}` };
          out.push(unknown);
          unknownKeys.push({ issue: unknown, object: path, meant });
        }
        break;
      }
      case 'invalid_union': {
        const branches = issue.errors;
        if (issue.input === undefined) {
          out.push({ path, reason: 'is required' });
          break;
        }
        if (branches.length === 0 || branches.every(onlyRootTypeErrors)) {
          out.push({ path, reason: issue.message });
          break;
        }
        // The union's own rule, without the value it got (the whole object): what its branches' forms are.
        const forms = issue.message.replace(/ \(got .*\)$/s, '');
        pushAll(out, flatten(intendedBranch(branches), knownKeys, path, unknownKeys, forms));
        break;
      }
      case 'invalid_key': {
        const inner = issue.issues[0];
        out.push({
          path,
          reason: inner !== undefined ? inner.message : got('is not a valid key', issue.input),
        });
        break;
      }
      default:
        out.push({ path, reason: issue.message });
    }
  }
  return out;
}
