// Collects the warnings (and notes) of one import, each naming its file, document, resource, field and position.

import type { ImportWarning } from '../ImportWarning.js';
import type { FieldPath } from './source/fieldPath.js';
import { formatFieldPath } from './source/fieldPath.js';
import type { Position, SourceDocument } from './source/SourceDocument.js';

/** The warnings and notes of one import, in the order they were found. */
export class WarningLog {
  private readonly warnings: ImportWarning[] = [];

  /** A warning about `path` of `doc` (the whole resource when `path` is empty). */
  at(doc: SourceDocument, path: FieldPath, message: string): void {
    this.warnings.push(this.about(doc, path, message));
  }

  /** A note about `path` of `doc`: how a value was read, with nothing lost (`severity: 'note'`). */
  note(doc: SourceDocument, path: FieldPath, message: string): void {
    this.warnings.push({ ...this.about(doc, path, message), severity: 'note' });
  }

  private about(doc: SourceDocument, path: FieldPath, message: string): ImportWarning {
    const position = doc.position(path);
    return {
      file: doc.file,
      document: doc.document,
      ...(doc.item !== undefined && { item: doc.item }),
      resource: doc.resource,
      ...(path.length > 0 ? { field: formatFieldPath(path) } : {}),
      ...(position === undefined ? {} : { line: position.line, column: position.column }),
      message,
    };
  }

  /** A warning about the field at `path` of a file that holds no resource (the --graph fragment), at `position`. */
  field(file: string, path: FieldPath, position: Position | undefined, message: string): void {
    this.warnings.push({
      file,
      field: formatFieldPath(path),
      ...(position === undefined ? {} : { line: position.line, column: position.column }),
      message,
    });
  }

  /** A warning about a whole file (`file`) or the whole import (`file` = ''). */
  general(file: string, message: string): void {
    this.warnings.push({ file, message });
  }

  /** Every warning so far. */
  list(): ImportWarning[] {
    return [...this.warnings];
  }
}
