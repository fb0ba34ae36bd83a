// Field paths inside a YAML document: the key/index list and its printed form (`spec.http[0].retries`,
// `metadata.annotations["linkerd.io/inject"]`).

/** A path of mapping keys and sequence indexes. */
export type FieldPath = readonly (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** Prints a path: `a.b[0].c`, with `["…"]` for keys that are not plain identifiers. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${String(segment)}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** True if `prefix` is `path` or an ancestor of it. */
export function isPrefixOf(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}
