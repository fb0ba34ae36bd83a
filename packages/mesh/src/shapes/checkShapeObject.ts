// The fields a mesh shape object must have, checked when it is registered: untyped code (a .mjs shape module) can
// pass anything, and a missing function would otherwise fail only in the middle of a run.

/** The functions a shape must have. */
const REQUIRED_FUNCTIONS = ['resolve', 'assumptions', 'createDataPlane'] as const;

/** The functions a shape may have: a function when given. */
const OPTIONAL_FUNCTIONS = ['podRequests', 'profiles'] as const;

/** Throws naming the first field of `shape` that is not what a {@link MeshShape} needs (for a shape built untyped). */
export function checkShapeObject(shape: unknown): void {
  if (typeof shape !== 'object' || shape === null) {
    throw new TypeError(`registerMeshShape: shape must be a MeshShape object (got ${String(shape)})`);
  }
  const fields = shape as Record<string, unknown>;
  if (typeof fields.name !== 'string') {
    throw new TypeError(`registerMeshShape: name must be a string (got ${String(fields.name)})`);
  }
  const where = `registerMeshShape("${fields.name}")`;
  if (typeof fields.summary !== 'string' || fields.summary === '') {
    throw new TypeError(`${where}: summary must be a non-empty string (got ${String(fields.summary)})`);
  }
  const row = fields.capabilityRow as Record<string, unknown> | null | undefined;
  if (
    typeof row !== 'object' ||
    row === null ||
    typeof row.client !== 'string' ||
    typeof row.server !== 'string'
  ) {
    throw new TypeError(`${where}: capabilityRow must be { client: string, server: string }`);
  }
  for (const key of REQUIRED_FUNCTIONS) {
    if (typeof fields[key] !== 'function') {
      throw new TypeError(`${where}: ${key} must be a function (got ${typeof fields[key]})`);
    }
  }
  for (const key of OPTIONAL_FUNCTIONS) {
    if (fields[key] !== undefined && typeof fields[key] !== 'function') {
      throw new TypeError(`${where}: ${key} must be a function when given (got ${typeof fields[key]})`);
    }
  }
}
