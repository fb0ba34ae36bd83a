// An error thrown in a worker thread, carried back to the caller as plain data and rebuilt there with its class:
// a structured clone keeps only a built-in error's type, so an OverrideError or ScenarioError (and the fields a caller
// reads, its `problems` or `issues`) would otherwise arrive as a plain Error.

import { DistributionParamError } from '@meshsim/engine';
import { ScenarioError } from '@meshsim/scenario';

import { OverrideError } from '../overrides/OverrideError.js';

/** An error as a worker sends it back: its class's name, message, stack and own fields (plain data). */
export interface WorkerError {
  /** The name of the error's class (`OverrideError`), which may differ from its `name` (`RangeError`). */
  className: string;
  name: string;
  message: string;
  stack?: string;
  /** Its own enumerable fields (`problems`, `issues`, `field` …), as structured clone carries them. */
  fields: Record<string, unknown>;
}

/** The error classes a run can throw that the caller rebuilds as themselves, by class name. */
const CLASSES: Readonly<Record<string, { prototype: Error }>> = {
  Error,
  RangeError,
  TypeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  OverrideError,
  ScenarioError,
  DistributionParamError,
};

/** `error` as plain data a worker can return (a thrown non-Error becomes an Error with its text). */
export function toWorkerError(error: unknown): WorkerError {
  if (!(error instanceof Error)) {
    return { className: 'Error', name: 'Error', message: String(error), fields: {} };
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    // An own `name` (a class that sets it in its constructor: OverrideError, ScenarioError) is a field like the others.
    if (key === 'message' || key === 'stack') continue;
    // Only what a structured clone can carry (a field holding a function is left behind).
    try {
      fields[key] = structuredClone(value);
    } catch {
      continue;
    }
  }
  return {
    className:
      (Object.getPrototypeOf(error) as { constructor?: { name?: string } }).constructor?.name ?? 'Error',
    name: error.name,
    message: error.message,
    ...(error.stack !== undefined && { stack: error.stack }),
    fields,
  };
}

/**
 * The error `sent` describes, rebuilt with its class when it is one of meshsim's or a built-in one (so `instanceof
 * OverrideError` holds and `problems` is there); else an Error with the same name, message, stack and fields.
 */
export function fromWorkerError(sent: WorkerError): Error {
  const known = Object.hasOwn(CLASSES, sent.className) ? CLASSES[sent.className] : undefined;
  const error = Object.create((known ?? Error).prototype) as Error;
  Object.defineProperty(error, 'message', { value: sent.message, writable: true, configurable: true });
  if (sent.stack !== undefined) {
    Object.defineProperty(error, 'stack', { value: sent.stack, writable: true, configurable: true });
  }
  Object.assign(error, sent.fields);
  // The name of a class the caller does not know, or one its prototype gives.
  if (error.name !== sent.name) {
    Object.defineProperty(error, 'name', { value: sent.name, writable: true, configurable: true });
  }
  return error;
}
