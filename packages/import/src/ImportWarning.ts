// A non-fatal finding of an import: a field meshsim does not model, a mapping that loses detail, or a
// reference that resolves to nothing (a warning); or a note on how a value was read. Every ignored field of an
// input is reported as one of these.

/** One warning of an import, naming where it comes from. */
export interface ImportWarning {
  /** The input file as shown to the user ('' for a warning about the whole import). */
  file: string;
  /** 1-based index of the YAML document in the file (`---` separated); absent for whole-file or global warnings. */
  document?: number;
  /** 0-based index of the resource in the document's `items`, when the document is a `kind: List`. */
  item?: number;
  /** `Kind/name` of the resource the warning is about. */
  resource?: string;
  /** Field path inside the resource (`spec.http[0].retries.retryOn`); absent for the whole resource. */
  field?: string;
  /** 1-based line of the field (or of its resource) in the file. */
  line?: number;
  /** 1-based column of the field (or of its resource) in the file. */
  column?: number;
  /** What happened and why. */
  message: string;
  /**
   * `note` when the entry only explains how a value was read (what a 0 or an `UNSET` means to Istio, route weights
   * that do not add up to 100 read as ratios) and nothing is lost; absent for a warning. The CLI prints notes as
   * `note: …` and counts them apart.
   */
  severity?: 'note';
}

/** `document N`, or `document N, items[i]` for an item of a `kind: List`. */
function describeDocument(document: number, item: number | undefined): string {
  return `document ${String(document)}${item === undefined ? '' : `, items[${String(item)}]`}`;
}

/**
 * Renders a warning on one line: `file:line:col: Kind/name (document N): field: message` (`(document N,
 * items[i])` for an item of a `kind: List`), leaving out the parts it does not have.
 *
 * @example
 * ```ts
 * formatImportWarning({ file: 'istio.yaml', document: 2, resource: 'VirtualService/reviews', field: 'spec.http[0].corsPolicy', line: 14, column: 5, message: 'not modelled (ignored)' });
 * // 'istio.yaml:14:5: VirtualService/reviews (document 2): spec.http[0].corsPolicy: not modelled (ignored)'
 * ```
 */
export function formatImportWarning(warning: ImportWarning): string {
  const parts: string[] = [];
  if (warning.file !== '') {
    const position =
      warning.line === undefined
        ? ''
        : `:${String(warning.line)}${warning.column === undefined ? '' : `:${String(warning.column)}`}`;
    parts.push(`${warning.file}${position}`);
  }
  if (warning.resource !== undefined) {
    parts.push(
      warning.document === undefined
        ? warning.resource
        : `${warning.resource} (${describeDocument(warning.document, warning.item)})`,
    );
  } else if (warning.document !== undefined) {
    parts.push(describeDocument(warning.document, warning.item));
  }
  if (warning.field !== undefined && warning.field !== '') parts.push(warning.field);
  parts.push(warning.message);
  return parts.join(': ');
}
