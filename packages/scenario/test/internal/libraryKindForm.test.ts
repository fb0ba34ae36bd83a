// libraryKindForm: the library's { kind: X, … } form, told as the scenario's { X: { … } }.

import { describe, expect, it } from 'vitest';

import { libraryKindForm } from '../../src/internal/libraryKindForm.js';

const KINDS = new Set(['constant', 'uniform', 'lognormal', 'mixture']);

describe('libraryKindForm', () => {
  it('rewrites { kind: X, params } as { X: { params } }, values as YAML writes them', () => {
    expect(libraryKindForm({ kind: 'uniform', min: '1ms', max: 'a b' }, ['kind', 'min', 'max'], KINDS)).toBe(
      'is the library\'s { kind: uniform, … } form; a scenario names the kind as the key: { uniform: { min: 1ms, max: "a b" } }',
    );
    expect(libraryKindForm({ kind: 'constant' }, ['kind'], KINDS)).toMatch(/\{ constant: \{\} \}$/);
  });

  it('says nothing when kind is not an unknown key, not a string, or names none of the known keys', () => {
    expect(libraryKindForm({ kind: 'uniform' }, ['min'], KINDS)).toBeUndefined();
    expect(libraryKindForm({ kind: 3 }, ['kind'], KINDS)).toBeUndefined();
    expect(libraryKindForm({ kind: 'bogus' }, ['kind'], KINDS)).toBeUndefined();
    expect(libraryKindForm({ kind: 'uniform' }, ['kind'], undefined)).toBeUndefined();
    expect(libraryKindForm(['kind'], ['kind'], KINDS)).toBeUndefined();
  });
});
