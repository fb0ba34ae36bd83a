// The proxy profiles a run's mesh ran with, as the JSON documents and the HTML report give them: every field in the
// model's units (JSON) or in a scenario's names with units (HTML), and which ones the scenario set.

import { PROFILE_FIELDS, describeProfileValue } from '@meshsim/mesh';
import type { ProxyProfileField, ResolvedProxyProfile } from '@meshsim/mesh';

import type { JsonValue } from '../JsonValue.js';

/** The fields of a resolved profile, in PROFILE_FIELDS order (`replicas` only where the profile has it). */
function fieldsOf(profile: ResolvedProxyProfile): ProxyProfileField[] {
  return (Object.keys(PROFILE_FIELDS) as ProxyProfileField[]).filter((field) => profile[field] !== undefined);
}

/** A JSON value with every number rounded by `num` (Infinity and NaN: null), keys in their order. */
function rounded(value: unknown, num: (value: number) => number | null): JsonValue {
  if (typeof value === 'number') return num(value);
  if (Array.isArray(value)) return value.map((item: unknown) => rounded(item, num));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rounded(item, num)]));
  }
  return value as JsonValue;
}

/**
 * `scenario.meshProfiles` of the JSON documents: per profile its `name`, `kind`, `setByScenario` (field names), then
 * every field with its unit in its name (the latency a distribution spec), numbers rounded by `num`.
 */
export function meshProfilesJson(
  profiles: readonly ResolvedProxyProfile[],
  num: (value: number) => number | null,
): JsonValue {
  return profiles.map((profile) => ({
    name: profile.name,
    kind: profile.kind,
    setByScenario: [...profile.setByScenario],
    ...Object.fromEntries(fieldsOf(profile).map((field) => [field, rounded(profile[field], num)])),
  }));
}

/**
 * A profile in words, a scenario's field names with units, the scenario's marked: `latency 1 ms (set by the
 * scenario), workers 2, cpuPerRequest 0.5 ms (set by the scenario), …`.
 */
export function profileText(profile: ResolvedProxyProfile): string {
  return fieldsOf(profile)
    .map((field) => {
      const value = profile[field] as Parameters<typeof describeProfileValue>[1];
      const mark = profile.setByScenario.includes(field) ? ' (set by the scenario)' : '';
      return `${PROFILE_FIELDS[field].written} ${describeProfileValue(field, value)}${mark}`;
    })
    .join(', ');
}
