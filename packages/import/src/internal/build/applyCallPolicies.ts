// Puts each service's imported call policy (timeout, per-try timeout, retry, fault injection, mirror —
// from a VirtualService or a Linkerd route) on every call to it, unless the call sets that field itself
// (a --graph fragment's own policy wins, with a warning).

import type { CallPolicyParts, ImportedService } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import { isRecord } from '../isRecord.js';
import type { JsonObject } from '../isRecord.js';
import type { CommentSet } from './CommentSet.js';
import { shortRefs } from '../model/describeRefs.js';

const FIELDS = ['timeout', 'perTryTimeout', 'retry', 'faultInjection', 'mirror'] as const;

/** What {@link applyTo} needs of the services: each one's call policy, and the comment an abort needs. */
interface Policies {
  byName: ReadonlyMap<string, ImportedService>;
  policies: ReadonlyMap<ImportedService, CallPolicyParts>;
  notes: ReadonlyMap<ImportedService, string>;
}

function applyTo(
  call: JsonObject,
  path: (string | number)[],
  caller: string,
  { byName, policies, notes }: Policies,
  comments: CommentSet,
  warnings: WarningLog,
): ImportedService | undefined {
  const target = typeof call['to'] === 'string' ? byName.get(call['to']) : undefined;
  if (target === undefined) return undefined;
  const policy = policies.get(target) ?? target.callPolicy;
  const applied: string[] = [];
  const refs = [];
  for (const field of FIELDS) {
    const sourced = policy[field];
    if (sourced === undefined) continue;
    if (call[field] !== undefined) {
      if (JSON.stringify(call[field]) !== JSON.stringify(sourced.value)) {
        warnings.general(
          '',
          `the call from "${caller}" to "${target.name}" sets its own ${field} in the --graph fragment; the imported one (${shortRefs(sourced.from)}) is not applied`,
        );
      }
      continue;
    }
    call[field] = structuredClone(sourced.value);
    applied.push(field);
    refs.push(...sourced.from);
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
 *
 * @returns The services some call reaches.
 */
export function applyCallPolicies(
  services: Record<string, JsonObject>,
  policies: ReadonlyMap<ImportedService, CallPolicyParts>,
  notes: ReadonlyMap<ImportedService, string>,
  comments: CommentSet,
  warnings: WarningLog,
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
            ? applyTo(call, [...path, 'parallel', k], caller, lookup, comments, warnings)
            : undefined;
          if (target !== undefined) reached.add(target);
        });
      } else {
        const target = applyTo(item, path, caller, lookup, comments, warnings);
        if (target !== undefined) reached.add(target);
      }
    });
  }
  return reached;
}
