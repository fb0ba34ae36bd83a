// registerMeshShape refuses an object that is not a whole MeshShape (as untyped code can pass), naming what is
// missing, and leaves the registry as it was.

import { describe, expect, it } from 'vitest';

import { meshShapeNames, registerMeshShape, unregisterMeshShape } from '../../src/index.js';
import type { MeshShape } from '../../src/index.js';
import { NONE_SHAPE } from '../../src/shapes/none/noneShape.js';

const register = (shape: unknown): void => registerMeshShape(shape as MeshShape);

describe('registerMeshShape', () => {
  it('refuses an object without a name, a summary, a capability row or the functions, registering nothing', () => {
    const before = meshShapeNames();
    expect(() => register({})).toThrow(
      new TypeError('registerMeshShape: name must be a string (got undefined)'),
    );
    expect(() => register(null)).toThrow(TypeError);
    expect(() => register({ ...NONE_SHAPE, name: 'test-x', summary: '' })).toThrow(
      'registerMeshShape("test-x"): summary must be a non-empty string (got )',
    );
    expect(() => register({ ...NONE_SHAPE, name: 'test-x', capabilityRow: undefined })).toThrow(
      'registerMeshShape("test-x"): capabilityRow must be { client: string, server: string }',
    );
    expect(() => register({ ...NONE_SHAPE, name: 'test-x', createDataPlane: undefined })).toThrow(
      'registerMeshShape("test-x"): createDataPlane must be a function (got undefined)',
    );
    expect(() => register({ ...NONE_SHAPE, name: 'test-x', podRequests: 1 })).toThrow(
      'registerMeshShape("test-x"): podRequests must be a function when given (got number)',
    );
    expect(meshShapeNames()).toEqual(before);
  });

  it('refuses a malformed or taken name; a whole shape under a new name is registered', () => {
    expect(() => register({ ...NONE_SHAPE, name: 'Bad Name' })).toThrow(/name must be lowercase/);
    expect(() => register(NONE_SHAPE)).toThrow('a mesh shape named "none" is already registered');
    register({
      ...NONE_SHAPE,
      name: 'test-copy',
      resolve: (
        options: Parameters<typeof NONE_SHAPE.resolve>[0],
        others: Parameters<typeof NONE_SHAPE.resolve>[1],
      ) => ({
        ...NONE_SHAPE.resolve(options, others),
        shape: 'test-copy',
      }),
    });
    try {
      expect(meshShapeNames().at(-1)).toBe('test-copy');
    } finally {
      unregisterMeshShape('test-copy');
    }
  });
});
