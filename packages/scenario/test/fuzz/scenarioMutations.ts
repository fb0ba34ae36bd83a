// fast-check arbitraries of hostile scenario files: the bundled scenarios mutated — keys deleted, types
// swapped, extreme and non-finite numbers, unknown and prototype keys, deep nesting, long strings, YAML tags,
// alias bombs, truncation — each file tagged with why it must be refused, when it obviously must; and benign
// mutations that keep a file valid more often (a number or quantity scaled, another mesh shape), so that more
// fuzzed files reach the model.

import { readFileSync, statSync } from 'node:fs';

import fc from 'fast-check';
import YAML from 'yaml';

import { meshShapeNames } from '@meshsim/mesh';

import { listBundledScenarios } from '../../src/index.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A fuzzed scenario file: its name, text, and the reason it must be refused (absent when it may pass). */
export interface FuzzedFile {
  name: string;
  text: string;
  /** Why the loader must refuse this file (e.g. `a non-finite number`); absent when it may be accepted. */
  mustReject?: string;
}

/** Largest bundled file the mutations start from [bytes]. */
const MAX_BASE_BYTES = 8_000;

/**
 * The bundled scenarios the mutations start from. The generated ones (platform-40 and its cascades, 16–21 KB;
 * kinvolk-emojivoto, 60 KB) are left out: built of the same parts as the hand-written ones, they took two
 * thirds of the fuzzer's time.
 */
const BASES: readonly { name: string; tree: Json }[] = listBundledScenarios()
  .filter((scenario) => statSync(scenario.file).size <= MAX_BASE_BYTES)
  .map((scenario) => ({
    name: scenario.name,
    tree: YAML.parse(readFileSync(scenario.file, 'utf8'), { merge: true }) as Json,
  }));

const NINES = '9'.repeat(300);

/** Numbers and quantity strings at or past the edges of every range. */
const EXTREME_VALUES: readonly Json[] = [
  -1,
  0,
  -0,
  1e-9,
  0.5,
  1e12,
  2 ** 53 + 1,
  1e300,
  -1e300,
  `${NINES}ms`,
  `${NINES}/s`,
  NINES,
  '1e-9ms',
  '-5s',
  '0ms',
  '1e400',
  `1${' '.repeat(5000)}x`,
  '0x10',
  'NaN',
  'Infinity',
  '100%',
  '101%',
  '-1%',
  '1Ti',
  '1e12/s',
];

/** Values that are neither finite numbers nor strings: refused wherever they stand. */
const NON_FINITE: readonly number[] = [Infinity, -Infinity, Number.NaN];

const NON_FINITE_MARK = 'meshsim-fuzz-non-finite';

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
const UNKNOWN_KEYS = ['zzUnknown', 'serviceTimes', 'Rate', 'retries', 'replica', ''];

type TreeOp =
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; at: number; value: Json }
  | { kind: 'extreme'; at: number; value: Json }
  | { kind: 'non-finite'; at: number; value: number }
  | { kind: 'key'; at: number; key: string; value: Json }
  | { kind: 'deep'; at: number; depth: number; list: boolean }
  | { kind: 'long-string'; at: number; length: number }
  | { kind: 'scale'; at: number; factor: number }
  | { kind: 'shape'; shape: string };

type TextOp =
  | { kind: 'none' }
  | { kind: 'tag'; at: number; tag: string }
  | { kind: 'alias-bomb'; levels: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string };

const arbScalar: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const arbValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: arbScalar },
  { weight: 1, arbitrary: fc.array(arbScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), arbScalar, { maxKeys: 3 }) },
);
const at = fc.nat();

const arbTreeOp: fc.Arbitrary<TreeOp> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at }),
  fc.record({ kind: fc.constant('swap' as const), at, value: arbValue }),
  fc.record({ kind: fc.constant('extreme' as const), at, value: fc.constantFrom(...EXTREME_VALUES) }),
  fc.record({ kind: fc.constant('non-finite' as const), at, value: fc.constantFrom(...NON_FINITE) }),
  fc.record({
    kind: fc.constant('key' as const),
    at,
    key: fc.constantFrom(...PROTO_KEYS, ...UNKNOWN_KEYS),
    value: arbValue,
  }),
  fc.record({
    kind: fc.constant('deep' as const),
    at,
    depth: fc.integer({ min: 1, max: 120 }),
    list: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('long-string' as const), at, length: fc.integer({ min: 100, max: 20_000 }) }),
  // Benign: a number or a quantity string scaled by 1/64 … 64 (a power of two: exact), or the mesh swapped.
  fc.record({
    kind: fc.constant('scale' as const),
    at,
    factor: fc.integer({ min: -6, max: 6 }).map((power) => 2 ** power),
  }),
  fc.record({ kind: fc.constant('shape' as const), shape: fc.constantFrom(...meshShapeNames()) }),
);

const arbTextOp: fc.Arbitrary<TextOp> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tag' as const),
      at,
      tag: fc.constantFrom(
        '!!binary',
        '!!timestamp',
        '!custom',
        '!!js/function',
        '!!set',
        '!!omap',
        '!!float',
        '!!str',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('alias-bomb' as const),
      levels: fc.integer({ min: 2, max: 9 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at,
      text: fc.constantFrom(
        '\t',
        '{',
        '[',
        ':',
        ': ',
        '\u0000',
        '&a ',
        '*a',
        '- ',
        '\n  x',
        '"',
        '#',
        '<<: *x\n',
      ),
    }),
  },
);

/** Every container slot of `tree` (the root excluded): a parent and the key or index of a child. */
function slots(tree: Json): { parent: Json[] | { [key: string]: Json }; key: string | number }[] {
  const found: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        found.push({ parent: node, key: index });
        walk(child);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        found.push({ parent: node, key });
        walk(node[key] as Json);
      }
    }
  };
  walk(tree);
  return found;
}

/** Every object of `tree`, the root included. */
function objects(tree: Json): { [key: string]: Json }[] {
  const found: { [key: string]: Json }[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      found.push(node);
      Object.keys(node).forEach((key) => walk(node[key] as Json));
    }
  };
  walk(tree);
  return found;
}

/** Sets an own property, `__proto__` included (plain assignment would replace the prototype). */
function setOwn(target: Json[] | { [key: string]: Json }, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nest(depth: number, list: boolean): Json {
  let node: Json = 1;
  for (let i = 0; i < depth; i++) node = list ? [node] : { k: node };
  return node;
}

/** `value` scaled by `factor`: a number, or the number of a quantity string (`5ms`, `200/s`, `500m`); else as is. */
function scaled(value: Json, factor: number): Json {
  if (typeof value === 'number') return value * factor;
  if (typeof value !== 'string') return value;
  const match = /^(\d+(?:\.\d+)?)(.*)$/.exec(value);
  return match === null ? value : `${Number(match[1]) * factor}${match[2] ?? ''}`;
}

function applyTreeOp(tree: Json, op: TreeOp): void {
  if (op.kind === 'shape') {
    if (tree !== null && typeof tree === 'object' && !Array.isArray(tree)) {
      const mesh = tree['mesh'];
      if (mesh !== null && typeof mesh === 'object' && !Array.isArray(mesh)) mesh['shape'] = op.shape;
      else tree['mesh'] = op.shape;
    }
    return;
  }
  if (op.kind === 'key') {
    const targets = objects(tree);
    const target = targets[op.at % targets.length];
    if (target !== undefined) setOwn(target, op.key, op.value);
    return;
  }
  const all = slots(tree);
  const slot = all[op.at % Math.max(1, all.length)];
  if (slot === undefined) return;
  const { parent, key } = slot;
  switch (op.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return;
    case 'swap':
    case 'extreme':
    case 'non-finite':
      setOwn(parent, key, op.value);
      return;
    case 'deep':
      setOwn(parent, key, nest(op.depth, op.list));
      return;
    case 'long-string':
      setOwn(parent, key, 'x'.repeat(op.length));
      return;
    case 'scale': {
      const current = Array.isArray(parent) ? parent[key as number] : parent[key as string];
      setOwn(parent, key, scaled(current ?? null, op.factor));
    }
  }
}

function applyTextOp(text: string, op: TextOp): string {
  switch (op.kind) {
    case 'none':
      return text;
    case 'tag': {
      const colons = [...text.matchAll(/: (?=\S)/g)].map((match) => match.index);
      const index = colons[op.at % Math.max(1, colons.length)];
      return index === undefined ? text : `${text.slice(0, index + 2)}${op.tag} ${text.slice(index + 2)}`;
    }
    case 'alias-bomb': {
      const lines = ['bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let level = 1; level <= op.levels; level++) {
        const prev = `*b${level - 1}`;
        lines.push(`bomb${level}: &b${level} [${Array(10).fill(prev).join(', ')}]`);
      }
      return `${lines.join('\n')}\n${text}`;
    }
    case 'truncate':
      return text.slice(0, op.at % Math.max(1, text.length));
    case 'insert': {
      const index = op.at % Math.max(1, text.length);
      return text.slice(0, index) + op.text + text.slice(index);
    }
  }
}

/** Why the final tree must be refused: a non-finite number, a `__proto__` key, nesting past the limit. */
function treeMustReject(tree: Json, maxDepth: number): string | undefined {
  let why: string | undefined;
  const walk = (node: Json, depth: number): void => {
    if (why !== undefined) return;
    if (typeof node === 'number' && !Number.isFinite(node)) why = `a non-finite number (${node})`;
    else if (Array.isArray(node) || (node !== null && typeof node === 'object')) {
      if (depth > maxDepth) why = `nesting deeper than ${maxDepth}`;
      else if (!Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, '__proto__')) {
        why = 'a __proto__ key';
      } else Object.values(node).forEach((child) => walk(child, depth + 1));
    }
  };
  walk(tree, 1);
  return why;
}

/**
 * Arbitrary fuzzed scenario files: a bundled scenario as YAML or JSON, with 1–4 tree mutations and at
 * most one text mutation.
 * @param maxDepth - The loader's nesting limit, for tagging files that must be refused.
 */
export function arbFuzzedFile(maxDepth: number): fc.Arbitrary<FuzzedFile> {
  return fc
    .record({
      base: fc.nat({ max: BASES.length - 1 }),
      json: fc.boolean(),
      treeOps: fc.array(arbTreeOp, { minLength: 1, maxLength: 4 }),
      textOp: arbTextOp,
    })
    .map(({ base, json, treeOps, textOp }) => {
      const origin = BASES[base] as (typeof BASES)[number];
      const tree = structuredClone(origin.tree);
      for (const op of treeOps) applyTreeOp(tree, op);
      let mustReject = treeMustReject(tree, maxDepth);
      // JSON cannot write Infinity or NaN: the number 1e400 (Infinity once read) stands for them.
      const printed = json
        ? JSON.stringify(tree, (_key, value: unknown) =>
            typeof value === 'number' && !Number.isFinite(value) ? NON_FINITE_MARK : value,
          ).replaceAll(`"${NON_FINITE_MARK}"`, '1e400')
        : YAML.stringify(tree, { aliasDuplicateObjects: false, lineWidth: 0 });
      if (textOp.kind === 'alias-bomb' && textOp.levels >= 3) mustReject ??= 'an alias bomb';
      // A text mutation can turn a refused value into a comment or cut it off: only the tree's reasons stand
      // when the text is left alone (an alias bomb adds unknown top-level keys: refused either way).
      if (textOp.kind !== 'none' && textOp.kind !== 'alias-bomb') mustReject = undefined;
      const ext = json ? 'json' : 'yaml';
      const file: FuzzedFile = {
        name: `fuzz-${origin.name}.${ext}`,
        text: applyTextOp(printed, textOp),
      };
      if (mustReject !== undefined) file.mustReject = mustReject;
      return file;
    });
}
