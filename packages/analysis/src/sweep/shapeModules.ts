// Mesh shape modules: a user's module whose import registers mesh shapes (registerMeshShape). Loaded here, it is
// recorded with a digest of its text, and the run pool (runTasks) imports it in every worker thread too: each thread
// has its own registry. The digest keys a sweep's runs of its shapes in the store (shapeIdentity).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { isBuiltInMeshShape, meshShapeNames } from '@meshsim/mesh';

/** A shape module that could not be loaded: its path as given, and why. */
export class ShapeModuleError extends Error {
  constructor(
    /** The module's path as given to {@link loadShapeModule}. */
    readonly path: string,
    /** Why it could not be loaded, in words. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`shape module '${path}': ${reason}`, options);
    this.name = 'ShapeModuleError';
  }
}

/** The URLs of the shape modules loaded in this thread, in load order. */
const loaded: string[] = [];

/** Each loaded module's SHA-256 (hex) of its file's text as imported, and the shapes it registered, by URL. */
const identities = new Map<string, { readonly digest: string; readonly shapes: readonly string[] }>();

/** SHA-256 (hex) of the module file at `url` (its query, if any, aside). */
function fileDigest(url: string): string {
  return createHash('sha256')
    .update(readFileSync(fileURLToPath(url)))
    .digest('hex');
}

/** The module URL of `path`: a `file:` URL as is, else a file path relative to the working directory. */
export function shapeModuleUrl(path: string): string {
  if (path.startsWith('file:')) return path;
  return pathToFileURL(isAbsolute(path) ? path : resolve(process.cwd(), path)).href;
}

/**
 * Imports the shape module at `path` (a file path, relative to the working directory, or a `file:` URL), whose
 * import calls `registerMeshShape`, and records it so that {@link runTasks} imports it in every worker thread
 * before a run. Loading a module a second time does nothing. Returns the names of the shapes it registered.
 *
 * @throws {ShapeModuleError} naming the path when the module cannot be imported (missing, a syntax error, its
 *   `registerMeshShape` refused the shape), or registered no shape (it calls none, or imports another copy of
 *   meshsim than this one: its registry is not this one's).
 * @example
 * ```ts
 * await loadShapeModule('./kuma.mjs');
 * await compare(...); // with workers: the workers import ./kuma.mjs too
 * ```
 */
export async function loadShapeModule(path: string): Promise<string[]> {
  const url = shapeModuleUrl(path);
  if (loaded.includes(url)) return [];
  const before = new Set(meshShapeNames());
  let digest: string;
  try {
    // The text imported just below: read first, so an edit while it loads is not taken for it.
    digest = fileDigest(url);
    await import(url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShapeModuleError(path, `cannot import it: ${reason}`, { cause: error });
  }
  const added = meshShapeNames().filter((name) => !before.has(name));
  if (added.length === 0) {
    throw new ShapeModuleError(
      path,
      'it registered no mesh shape (it must call registerMeshShape, imported from the same meshsim package as the ' +
        'program that loads it: another copy has its own registry; a module imported before registers nothing the ' +
        'second time: load it with loadShapeModule only)',
    );
  }
  loaded.push(url);
  identities.set(url, { digest, shapes: added });
  return added;
}

/**
 * What identifies the registered (not built-in) mesh shape `name` in a run's store key: its name and the digest of
 * the text of the shape module that registered it (`kuma sha256:…`), so that editing the module makes a sweep
 * recompute the runs of its shapes instead of reusing them; for a shape registered in code (no module), its name
 * only. Undefined for a built-in shape (the model revision keys those) and an unknown name.
 */
export function shapeIdentity(name: string): string | undefined {
  if (isBuiltInMeshShape(name) || !meshShapeNames().includes(name)) return undefined;
  for (const url of loaded) {
    const identity = identities.get(url);
    if (identity?.shapes.includes(name) === true) return `${name} sha256:${identity.digest}`;
  }
  return name;
}

/** The URLs of the shape modules loaded with {@link loadShapeModule}, in load order (what the workers import). */
export function loadedShapeModules(): readonly string[] {
  return [...loaded];
}

/**
 * Stops passing the shape module at `path` to new worker pools (and lets {@link loadShapeModule} import it again);
 * the shapes it registered stay registered here: `unregisterMeshShape` them. Returns whether it was loaded.
 */
export function unloadShapeModule(path: string): boolean {
  const url = shapeModuleUrl(path);
  const index = loaded.indexOf(url);
  if (index === -1) return false;
  loaded.splice(index, 1);
  identities.delete(url);
  return true;
}

/** Imports each of `urls` in order (in a worker thread: the caller's shape modules; a second import does nothing). */
export async function importShapeModules(urls: readonly string[]): Promise<void> {
  for (const url of urls) await import(url);
}
