// Test fixtures: a minimal valid raw scenario and helpers that collect the errors of an input.

import { ScenarioError, parseScenario, resolveScenario } from '../../src/index.js';
import type { ScenarioIssue } from '../../src/index.js';

/** A fresh minimal valid scenario as plain data (one caller, one callee, one traffic source). */
export function minimal(): Record<string, unknown> & {
  services: Record<string, Record<string, unknown>>;
  traffic: Record<string, unknown>[];
} {
  return {
    services: {
      frontend: { serviceTime: '2ms', calls: [{ to: 'backend' }] },
      backend: { serviceTime: { exponential: { mean: '5ms' } } },
    },
    traffic: [{ to: 'frontend', rate: 100 }],
  };
}

/** The issues `resolveScenario(input, file)` throws; fails the test if it does not throw a ScenarioError. */
export function issuesOf(input: unknown, file = 'test.yaml'): readonly ScenarioIssue[] {
  try {
    resolveScenario(input, file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario is valid');
}

/** The message lines of the ScenarioError `resolveScenario(input, file)` throws. */
export function messagesOf(input: unknown, file = 'test.yaml'): string[] {
  try {
    resolveScenario(input, file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario is valid');
}

/** The ScenarioError that `parseScenario(text, file)` throws. */
export function parseError(text: string, file = 'test.yaml'): ScenarioError {
  try {
    parseScenario(text, file);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario is valid');
}
