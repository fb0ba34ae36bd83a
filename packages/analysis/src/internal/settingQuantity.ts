// The number of a `--set` value in its quantity's base unit, for the store's `settings.number` and `settings.unit`:
// `300ms` → 300 ms, `2s` → 2000 ms, `48000/m` → 800 rps, `500m` → 0.5 cores, `1Gi` → 1024 MiB, `12.5%` → 12.5 percent.
// The kind of quantity is the scenario field's, found in the scenario's JSON Schema by the path (`5m` is five minutes
// in a duration and 0.005 cores in a CPU field; a bare number is in the field's own unit).

import {
  parseByteSize,
  parseCpuCores,
  parseDurationMs,
  parsePercent,
  parseRate,
  scenarioJsonSchema,
} from '@meshsim/scenario';

import type { OverrideValue } from '../overrides/SetAxis.js';

/** The kinds of quantity a scenario field takes, with units. */
export type QuantityKind = 'duration' | 'rate' | 'cpu' | 'memory' | 'percent';

/** The base unit of each kind: the unit of `settings.number`. */
export const QUANTITY_UNITS: Readonly<Record<QuantityKind, string>> = {
  duration: 'ms',
  rate: 'rps',
  cpu: 'cores',
  memory: 'MiB',
  percent: 'percent',
};

/** A setting as the store writes it: its number in the base unit of its kind, and that unit. */
export interface SettingNumber {
  /** The value as a number (in `unit` for a quantity); null for text that is no number (a mesh name, a latency change). */
  number: number | null;
  /** The base unit of the field's kind (`ms`, `rps`, `cores`, `MiB`, `percent`); null for a plain number or text. */
  unit: string | null;
}

/** A field's kind, and the unit of a bare number in it (memory fields: MiB or KiB, as the field says). */
interface FieldKind {
  kind: QuantityKind;
  /** Factor from a bare number to the base unit (1, or 1/1024 for a memory field in KiB). */
  bareFactor: number;
}

type Schema = Record<string, unknown>;

let schema: Schema | undefined;
const kinds = new Map<string, FieldKind | null>();

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `node` with its `$ref` followed (refs point into the root's `$defs`). */
function deref(node: Schema, root: Schema): Schema {
  let here = node;
  for (let i = 0; i < 32 && typeof here['$ref'] === 'string'; i++) {
    const name = (here['$ref'] as string).replace(/^#\/\$defs\//, '');
    const defs = root['$defs'];
    const target = isSchema(defs) ? defs[name] : undefined;
    if (!isSchema(target)) return here;
    here = target;
  }
  return here;
}

/** The alternatives `node` stands for: itself, or the branches of its `anyOf`/`oneOf`/`allOf`, recursively. */
function branches(node: Schema, root: Schema): Schema[] {
  const here = deref(node, root);
  const nested = ['anyOf', 'oneOf', 'allOf'].flatMap((key) => {
    const list = here[key];
    return Array.isArray(list) ? list.filter(isSchema) : [];
  });
  return nested.length === 0 ? [here] : [here, ...nested.flatMap((b) => branches(b, root))];
}

/** The schemas of `segment` below `node` (an object's property or map value, a list's item). */
function child(node: Schema, segment: string, root: Schema): Schema[] {
  return branches(node, root).flatMap((b) => {
    const properties = b['properties'];
    if (isSchema(properties) && isSchema(properties[segment])) return [properties[segment]];
    if (isSchema(b['additionalProperties'])) return [b['additionalProperties']];
    if (/^\d+$/.test(segment) && isSchema(b['items'])) return [b['items']];
    return [];
  });
}

/** Whether `pattern` (a JSON Schema string pattern) accepts `text`. */
function accepts(pattern: unknown, text: string): boolean {
  if (typeof pattern !== 'string') return false;
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

/** The kind of quantity a string pattern is, by what it accepts (`1ms`: a duration, `1/s`: a rate, …); null for none. */
function kindOfPattern(pattern: unknown): QuantityKind | null {
  if (accepts(pattern, '1ms')) return 'duration';
  if (accepts(pattern, '1/s')) return 'rate';
  if (accepts(pattern, '1Mi')) return 'memory';
  if (accepts(pattern, '1%')) return 'percent';
  if (accepts(pattern, '1m') && accepts(pattern, '1')) return 'cpu';
  return null;
}

/** The kind of the scenario field at the dot `path`, from the scenario's JSON Schema; null when it takes no quantity. */
function fieldKind(path: string): FieldKind | null {
  const known = kinds.get(path);
  if (known !== undefined) return known;
  schema ??= scenarioJsonSchema();
  const root = schema;
  let nodes: Schema[] = [root];
  for (const segment of path.split('.')) nodes = nodes.flatMap((node) => child(node, segment, root));
  let found: FieldKind | null = null;
  for (const node of nodes) {
    const description = typeof node['description'] === 'string' ? node['description'] : '';
    for (const b of branches(node, root)) {
      const kind = kindOfPattern(b['pattern']);
      if (kind === null) continue;
      found = { kind, bareFactor: kind === 'memory' && description.includes('[KiB]') ? 1 / 1024 : 1 };
      break;
    }
    if (found !== null) break;
  }
  kinds.set(path, found);
  return found;
}

/** `value` in the base unit of `kind` (a number: in the field's own unit, times `bareFactor`). */
function toBaseUnit(kind: FieldKind, value: string | number): number {
  if (typeof value === 'number') return value * kind.bareFactor;
  switch (kind.kind) {
    case 'duration':
      return parseDurationMs(value);
    case 'rate':
      return parseRate(value);
    case 'cpu':
      return parseCpuCores(value);
    case 'percent':
      return parsePercent(value);
    case 'memory':
      // A bare number written as text is in the field's own unit too.
      return /^\s*[\d.]+\s*$/.test(value)
        ? Number(value) * kind.bareFactor
        : parseByteSize(value) / 1024 ** 2;
  }
}

/**
 * The number and unit the store writes for the value `value` set at `path`: a quantity in its kind's base unit
 * ({@link QUANTITY_UNITS}); a plain number as it is, without a unit; text that is no number, a boolean or null, NULL.
 * @example
 * ```ts
 * settingNumber('services.api.calls.0.perTryTimeout', '100ms'); // { number: 100, unit: 'ms' }
 * settingNumber('traffic.0.rate', '48000/m'); // { number: 800, unit: 'rps' }
 * settingNumber('services.api.calls.0.retry.attempts', 3); // { number: 3, unit: null }
 * ```
 */
export function settingNumber(path: string, value: OverrideValue): SettingNumber {
  // A boolean, or null (`--set PATH=null`: the field removed), is no number.
  if (typeof value === 'boolean' || value === null) return { number: null, unit: null };
  const kind = fieldKind(path);
  if (kind !== null) {
    try {
      const number = toBaseUnit(kind, value);
      if (Number.isFinite(number)) return { number, unit: QUANTITY_UNITS[kind.kind] };
    } catch {
      // Not a quantity of the field's kind (the scenario schema took it as another form, e.g. `unlimited`).
    }
  }
  return typeof value === 'number' ? { number: value, unit: null } : { number: null, unit: null };
}
