// A problem at a field path of a scenario, before the file name and position are attached: what every check of the
// input returns.

import type { PathSegment } from './path.js';

/** A problem at a field path, before the file name and position are attached. */
export interface PathIssue {
  path: readonly PathSegment[];
  reason: string;
}
