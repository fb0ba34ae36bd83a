// The mesh options a shape's resolve reads, recorded while it runs: registration checks that a shape declares in
// `usesOptions` each built-in option it reads, so the registry says which options every shape honours.

import type { MeshOptions } from '../config/MeshConfig.js';

/** `options` as a proxy that adds to `read` each key code gets or tests (`in`) on it, and the set. */
export function recordOptionReads(options: MeshOptions): { options: MeshOptions; read: Set<string> } {
  const read = new Set<string>();
  const recording = new Proxy(options, {
    get: (target, key) => {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key) as unknown;
    },
    has: (target, key) => {
      if (typeof key === 'string') read.add(key);
      return Reflect.has(target, key);
    },
  });
  return { options: recording, read };
}
