// The wording of the assumptions about proxy profiles: the fields a scenario set, with their values, and the
// published source of a figure only where the shape's own figure runs (a figure the scenario replaced is not the source's).

import type { ProxyProfileField } from '../config/MeshConfig.js';
import type { MeshProfile } from './profileFields.js';
import { PROFILE_FIELDS, describeProfileValue } from './profileFields.js';

/** `a`, `a and b`, `a, b and c` of the items given (false, null and '' left out); '' for none. */
export function andList(items: readonly (string | false | null)[]): string {
  const kept = items.filter((item): item is string => typeof item === 'string' && item !== '');
  if (kept.length <= 1) return kept[0] ?? '';
  return `${kept.slice(0, -1).join(', ')} and ${kept[kept.length - 1] ?? ''}`;
}

/** The profile fields in a scenario's names (`latency, cpuPerRequest`). */
function writtenNames(fields: readonly ProxyProfileField[]): string[] {
  return fields.map((field) => PROFILE_FIELDS[field].written);
}

/**
 * `sidecar: latency, cpuPerRequest, memoryBase set by the scenario (1 ms, 0.5 ms, 80 MiB).`: the fields of
 * `profile` the mesh options wrote, in a scenario's names, with the values that ran; null when none was written.
 */
export function setByScenarioNote(profile: MeshProfile): string | null {
  if (profile.written.length === 0) return null;
  const values = profile.written.map((field) => {
    const value = (profile.profile as Partial<Record<ProxyProfileField, unknown>>)[field];
    return describeProfileValue(field, value as Parameters<typeof describeProfileValue>[1]);
  });
  return `${profile.name}: ${writtenNames(profile.written).join(', ')} set by the scenario (${values.join(', ')}).`;
}

/** Whether the shape gave `field` of `profile` (the options did not write it): its figure, and source, ran. */
export function shapeGave(profile: MeshProfile, field: ProxyProfileField): boolean {
  return !profile.written.includes(field);
}

/** Whether any field of `profile` is still the shape's own (the options did not write them all). */
export function anyShapeField(profile: MeshProfile): boolean {
  const fields = Object.keys(PROFILE_FIELDS) as ProxyProfileField[];
  return fields.some(
    (field) => (field !== 'replicas' || 'replicas' in profile.profile) && shapeGave(profile, field),
  );
}

/**
 * A sentence on the source of the fields `about` of `profile`: `text` when the shape gave them all, `text` qualified
 * (`… — not its latency: the scenario sets it`) when it gave some, null when the options wrote them all.
 */
export function sourcedText(
  text: string,
  profile: MeshProfile,
  about: readonly ProxyProfileField[],
): string | null {
  const written = about.filter((field) => !shapeGave(profile, field));
  if (written.length === 0) return text;
  if (written.length === about.length) return null;
  return `${text} — not its ${andList(writtenNames(written))}: the scenario sets ${written.length === 1 ? 'it' : 'them'}`;
}
