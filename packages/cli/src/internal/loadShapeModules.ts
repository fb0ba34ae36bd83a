// Imports the files of `--shape-module` before a command runs (loadShapeModule: in every worker thread too), so the
// command, its flags and its help know the mesh shapes they register.

import { ShapeModuleError, loadShapeModule } from '@meshsim/analysis';

import { UsageError } from '../CliError.js';
import { SHAPE_MODULE_FLAG } from './shapeModuleArgs.js';

/**
 * Imports each file (relative to the working directory), in order, so that the shapes it registers are known to the
 * command and to its worker threads.
 * @throws {UsageError} naming the file when it cannot be imported or registers no mesh shape (its usage hint names
 *   `command`, when given).
 */
export async function loadShapeModules(files: readonly string[], command?: string): Promise<void> {
  for (const file of files) {
    try {
      await loadShapeModule(file);
    } catch (error) {
      if (!(error instanceof ShapeModuleError)) throw error;
      throw new UsageError(`${SHAPE_MODULE_FLAG} '${file}': ${error.reason}`, command);
    }
  }
}
