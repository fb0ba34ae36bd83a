// Puts each service's imported call policy (timeout, per-try timeout, retry, fault injection, mirror —
// from a VirtualService or a Linkerd route) on every call to it, unless the call sets that field itself
// (a --graph fragment's own policy wins, with a warning).

import type { CallPolicyParts, ImportedService, SourceRef } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import { isRecord } from '../isRecord.js';
import type { JsonObject } from '../isRecord.js';
import type { CommentSet } from './CommentSet.js';
import { shortRefs } from '../model/describeRefs.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { Fragment } from './readFragment.js';
import { pushAll } from '@meshsim/mesh';

const FIELDS = ['timeout', 'perTryTimeout', 'retry', 'faultInjection', 'mirror'] as const;

/** What {@link applyTo} needs of the services: each one's call policy, and the comment an abort needs. */
interface Policies {
  byName: ReadonlyMap<string, ImportedService>;
  policies: ReadonlyMap<ImportedService, CallPolicyParts>;
  notes: ReadonlyMap<ImportedService, string>;
}

/** The value at `path` in `value` (undefined when any step is missing). */
function valueAt(value: unknown, path: FieldPath): unknown {
  let node = value;
  for (const segment of path) {
    if (typeof segment === 'number') node = Array.isArray(node) ? (node[segment] as unknown) : undefined;
    else node = isRecord(node) ? node[segment] : undefined;
  }
  return node;
}

function applyTo(
  call: JsonObject,
  path: (string | number)[],
  caller: string,
  { byName, policies, notes }: Policies,
  comments: CommentSet,
  warnings: WarningLog,
  fragment: Fragment | undefined,
): ImportedService | undefined {
  const target = typeof call['to'] === 'string' ? byName.get(call['to']) : undefined;
  if (target === undefined) return undefined;
  const policy = policies.get(target) ?? target.callPolicy;
  const applied: string[] = [];
  const refs: SourceRef[] = [];
  for (const field of FIELDS) {
    const sourced = policy[field];
    if (sourced === undefined) continue;
    if (call[field] !== undefined) {
      if (JSON.stringify(call[field]) !== JSON.stringify(sourced.value)) {
        const message = `the call from "${caller}" to "${target.name}" sets its own ${field} in the --graph fragment; the imported one (${shortRefs(sourced.from)}) is not applied`;
        const fieldPath = [...path, field];
        // The fragment's line when the call (and so this field) was written there, as it is whenever the fragment
        // gives the caller's calls.
        if (
          fragment !== undefined &&
          JSON.stringify(valueAt(fragment.value, fieldPath)) === JSON.stringify(call[field])
        ) {
          warnings.field(fragment.file, fieldPath, fragment.position(fieldPath), message);
        } else {
          warnings.general('', message);
        }
      }
      continue;
    }
    call[field] = structuredClone(sourced.value);
    applied.push(field);
    pushAll(refs, sourced.from);
  }
  // A call gives perTryTimeout in one place only: the call's own wins over the retry's.
  const retry = call['retry'];
  if (call['perTryTimeout'] !== undefined && isRecord(retry) && retry['perTryTimeout'] !== undefined) {
    delete retry['perTryTimeout'];
  }
  if (applied.length > 0) comments.add(path, `${applied.join(', ')} from ${shortRefs(refs)}`);
  const note = notes.get(target);
  if (note !== undefined && applied.includes('faultInjection')) comments.add(path, note);
  return target;
}

/**
 * Applies the imported call policies (`policies`: each service's, as the calls to it get it) to every call (and
 * parallel call) of every service; `notes` are comments to add to a call that gets its service's fault injection.
 * A call's own field (from the --graph `fragment`) wins, with a warning at its line in the fragment.
 *
 * @returns The services some call reaches.
 */
export function applyCallPolicies(
  services: Record<string, JsonObject>,
  policies: ReadonlyMap<ImportedService, CallPolicyParts>,
  notes: ReadonlyMap<ImportedService, string>,
  comments: CommentSet,
  warnings: WarningLog,
  fragment: Fragment | undefined,
): Set<ImportedService> {
  const reached = new Set<ImportedService>();
  const byName = new Map([...policies.keys()].map((service) => [service.name, service]));
  const lookup: Policies = { byName, policies, notes };
  for (const [caller, service] of Object.entries(services)) {
    const calls = service['calls'];
    if (!Array.isArray(calls)) continue;
    calls.forEach((item: unknown, i) => {
      if (!isRecord(item)) return;
      const path = ['services', caller, 'calls', i];
      if (Array.isArray(item['parallel'])) {
        item['parallel'].forEach((call: unknown, k) => {
          const target = isRecord(call)
            ? applyTo(call, [...path, 'parallel', k], caller, lookup, comments, warnings, fragment)
            : undefined;
          if (target !== undefined) reached.add(target);
        });
      } else {
        const target = applyTo(item, path, caller, lookup, comments, warnings, fragment);
        if (target !== undefined) reached.add(target);
      }
    });
  }
  return reached;
}
