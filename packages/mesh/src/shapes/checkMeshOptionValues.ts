// The written mesh options a shape resolves, checked once before resolving, so that options built in code meet
// the scenario format's rules: the shared options' rule table (MESH_OPTION_RULES), a known Istio or Linkerd release
// (not the nearest profile of a mistyped one), proxy profile overrides with known fields only, each of a valid
// value, and the options only code writes (certificate lifetime, prices, the list of library services).

import { validateDistribution } from '@meshsim/engine';
import type { MeshOptions, NodeAgentSpec } from '../config/MeshConfig.js';
import { checkField } from '../config/rules/checkFields.js';
import { configKey } from '../config/rules/configDefaults.js';
import { MESH_OPTION_RULES } from '../config/rules/meshOptionRules.js';
import { MIN_CPU_CORES } from '../config/rules/ruleAssumptions.js';
import { ISTIO_VERSIONS } from './istio-sidecar/istioProfiles.js';
import { LINKERD_VERSIONS } from './linkerd/linkerdProfile.js';
import { PROFILE_FIELDS, PROFILE_OPTIONS } from './profileFields.js';
import { checkOwnedOptionValues } from './shapeOptions.js';
import type { ProfileFieldRule } from './profileFields.js';

type FieldRule = ProfileFieldRule;

/** The rule of each profile field (PROFILE_FIELDS holds them). */
export const PROFILE_RULES: Readonly<Record<string, FieldRule>> = Object.fromEntries(
  Object.entries(PROFILE_FIELDS).map(([field, spec]) => [field, spec.rule]),
);

const NODE_AGENT_FIELDS: Readonly<Record<keyof NodeAgentSpec, FieldRule>> = {
  cpuRequestCores: 'cpu',
  memoryRequestMiB: 'amount',
};

const REASONS: Readonly<Record<Exclude<FieldRule, 'distribution'>, string>> = {
  workers: 'an integer >= 1 or Infinity (unlimited)',
  amount: 'a finite number >= 0',
  cpu: `a finite number >= ${MIN_CPU_CORES} [cores]`,
  cpuLimit: `a number >= ${MIN_CPU_CORES} [cores] or Infinity (unlimited)`,
  replicas: 'an integer >= 1',
};

function meets(rule: Exclude<FieldRule, 'distribution'>, value: unknown): boolean {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  switch (rule) {
    case 'workers':
      return value === Infinity || (Number.isInteger(value) && value >= 1);
    case 'amount':
      return Number.isFinite(value) && value >= 0;
    case 'cpu':
      return Number.isFinite(value) && value >= MIN_CPU_CORES;
    case 'cpuLimit':
      return value >= MIN_CPU_CORES;
    case 'replicas':
      return Number.isInteger(value) && value >= 1;
  }
}

/** Throws naming `path.<field>` for an unknown field or a value breaking its rule. */
export function checkProfile(
  written: unknown,
  fields: Readonly<Record<string, FieldRule>>,
  path: string,
  known: readonly string[],
): void {
  if (typeof written !== 'object' || written === null || Array.isArray(written)) {
    throw new TypeError(`${path} must be an object of profile fields (got ${String(written)})`);
  }
  for (const [key, value] of Object.entries(written)) {
    const rule = fields[key];
    if (rule === undefined || !known.includes(key)) {
      throw new RangeError(`${path}.${key} is not a field of it; its fields: ${known.join(', ')}`);
    }
    if (value === undefined) continue;
    if (rule === 'distribution') validateDistribution(value as never, `${path}.${key}`);
    else if (!meets(rule, value)) {
      throw new RangeError(`${path}.${key} must be ${REASONS[rule]} (got ${String(value)})`);
    }
  }
}

/**
 * Throws naming the field (`mesh.istioVersion`, `mesh.sidecar.bogus`, …) when a written option is not one the
 * scenario format accepts: a release outside ISTIO_VERSIONS or LINKERD_VERSIONS (listing them), or a profile
 * override with a field a profile does not have or an invalid value; or a key that is neither a built-in option nor one
 * a registered shape owns, or one that fails its owner's check (`mesh.kumaDp.workers must be …`).
 *
 * @example
 * ```ts
 * checkMeshOptionValues({ shape: 'istio-sidecar', istioVersion: '0.1' });
 * // RangeError: mesh.istioVersion must be one of "1.4", …, "1.24" (got "0.1")
 * ```
 */
export function checkMeshOptionValues(options: MeshOptions): void {
  for (const row of MESH_OPTION_RULES.rows) {
    const key = configKey(row);
    const value: unknown = (options as unknown as Record<string, unknown>)[key];
    if (value !== undefined) checkField(row, value, `mesh.${key}`);
  }
  const lifetime = options.certificateLifetimeMs;
  if (lifetime !== undefined && !(Number.isFinite(lifetime) && lifetime > 0)) {
    throw new RangeError(
      `mesh.certificateLifetimeMs must be a finite number > 0 (got ${String(lifetime)}): certificates are rotated at half their lifetime`,
    );
  }
  checkLibraryServices(options.libraryServices);
  checkPrices(options.prices);
  const { istioVersion, linkerdVersion } = options;
  if (istioVersion !== undefined && !ISTIO_VERSIONS.includes(istioVersion)) {
    throw new RangeError(
      `mesh.istioVersion must be one of ${ISTIO_VERSIONS.map((v) => `"${v}"`).join(', ')} (got ${JSON.stringify(istioVersion)})`,
    );
  }
  if (linkerdVersion !== undefined && !LINKERD_VERSIONS.includes(linkerdVersion)) {
    throw new RangeError(
      `mesh.linkerdVersion must be one of ${LINKERD_VERSIONS.map((v) => `"${v}"`).join(', ')} (got ${JSON.stringify(linkerdVersion)})`,
    );
  }
  const profileKeys = Object.keys(PROFILE_RULES).filter((key) => key !== 'replicas');
  for (const option of PROFILE_OPTIONS) {
    const written: unknown = options[option];
    if (written === undefined) continue;
    const known = option === 'waypoint' ? [...profileKeys, 'replicas'] : profileKeys;
    checkProfile(written, PROFILE_RULES, `mesh.${option}`, known);
  }
  if (options.istioCni !== undefined) {
    checkProfile(options.istioCni, NODE_AGENT_FIELDS, 'mesh.istioCni', Object.keys(NODE_AGENT_FIELDS));
  }
  checkOwnedOptionValues(options);
}

/** `'all'` or a list of service names (that they name services of the config is checked at simulate). */
function checkLibraryServices(services: unknown): void {
  if (services === undefined || services === 'all') return;
  if (!Array.isArray(services)) {
    throw new TypeError(
      `mesh.libraryServices must be "all" or an array of service names (got ${String(services)})`,
    );
  }
  services.forEach((name: unknown, i) => {
    if (typeof name !== 'string' || name === '') {
      throw new TypeError(`mesh.libraryServices[${i}] must be a service name (got ${String(name)})`);
    }
  });
}

/** null, or a price table of a label and finite prices >= 0. */
function checkPrices(prices: MeshOptions['prices']): void {
  if (prices === undefined || prices === null) return;
  if (typeof prices !== 'object') {
    throw new TypeError(`mesh.prices must be a PriceTable object or null (got ${String(prices)})`);
  }
  for (const [key, value] of Object.entries(prices)) {
    if (key === 'label') continue;
    if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`mesh.prices.${key} must be a finite number >= 0 [USD] (got ${String(value)})`);
    }
  }
}
