// Cross-checks of the policy fields that a schema cannot express: versions (unique names, replicas
// adding up, weights all-or-none adding up to 100), weight schedules, class routes, allowed callers and bulkheads.

import { WEIGHT_SUM_TOLERANCE } from '@meshsim/mesh';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import { parsePercent } from '../units.js';
import type { PathSegment } from './path.js';
import { durationOrUndefined, isObject, list, runDurationText, unknownName } from './rawAccess.js';
import type { Obj } from './rawAccess.js';
import { got } from './show.js';
import { writtenDuration } from './writtenDuration.js';
import type { PathIssue } from './PathIssue.js';

/** The percentage of a valid percentage, else undefined. */
function percentOrUndefined(value: unknown): number | undefined {
  try {
    return typeof value === 'number' || typeof value === 'string' ? parsePercent(value) : undefined;
  } catch {
    return undefined;
  }
}

/** A sum of percentages for messages: `99.99999` stays readable, `100.00000000001` shows the drift. */
function showSum(sum: number): string {
  return String(Math.round(sum * 1e6) / 1e6);
}

/** The checks of one service's versions, weight schedule and routes. */
function checkVersions(
  name: string,
  service: Obj,
  durationMs: number | undefined,
  durationText: string,
  out: PathIssue[],
): void {
  const path: PathSegment[] = ['services', name];
  const declared = Array.isArray(service['versions']) ? service['versions'] : undefined;
  const versionNames: string[] = [];
  if (declared !== undefined) {
    let replicaSum = 0;
    let replicasKnown = true;
    const withWeight: string[] = [];
    const withoutWeight: number[] = [];
    let weightSum = 0;
    // A weight that is no percentage is told so by the schema: the sum is not said again without it.
    let weightsKnown = true;
    declared.forEach((version, i) => {
      if (!isObject(version)) {
        replicasKnown = false;
        return;
      }
      const versionName = version['name'];
      if (typeof versionName === 'string') {
        if (versionNames.includes(versionName)) {
          out.push({
            path: [...path, 'versions', i, 'name'],
            reason: `duplicate version name ${JSON.stringify(versionName)}`,
          });
        }
        versionNames.push(versionName);
      }
      if (typeof version['replicas'] === 'number') replicaSum += version['replicas'];
      else replicasKnown = false;
      const weight = percentOrUndefined(version['weight']);
      if (version['weight'] === undefined) withoutWeight.push(i);
      else {
        withWeight.push(typeof versionName === 'string' ? versionName : `versions[${i}]`);
        if (weight !== undefined) weightSum += weight;
        else weightsKnown = false;
      }
    });
    const replicas = service['replicas'];
    if (replicasKnown && typeof replicas === 'number' && replicaSum !== replicas) {
      out.push({
        path: [...path, 'versions'],
        reason: `the versions' replicas add up to ${replicaSum}, but services.${name}.replicas is ${replicas} (omit replicas to use the sum)`,
      });
    }
    if (withWeight.length > 0 && withoutWeight.length > 0) {
      for (const i of withoutWeight) {
        out.push({
          path: [...path, 'versions', i, 'weight'],
          reason: `is required because ${withWeight.join(', ')} ${withWeight.length === 1 ? 'sets' : 'set'} a weight: set weight on every version or on none`,
        });
      }
    } else if (withWeight.length > 0 && weightsKnown) {
      if (Math.abs(weightSum - 100) > WEIGHT_SUM_TOLERANCE) {
        out.push({
          path: [...path, 'versions'],
          reason: `the versions' weights must add up to 100 (got ${showSum(weightSum)})`,
        });
      }
    }
  }
  const known = declared === undefined ? ['v1'] : versionNames;

  const schedule = service['weightSchedule'];
  if (Array.isArray(schedule)) {
    if (declared === undefined || declared.every((v) => isObject(v) && v['weight'] === undefined)) {
      out.push({
        path: [...path, 'weightSchedule'],
        reason: 'needs versions with a weight on every version (the split before the first step)',
      });
    }
    let previousMs: number | undefined;
    let previousText = '';
    schedule.forEach((step, i) => {
      if (!isObject(step)) return;
      const stepPath: PathSegment[] = [...path, 'weightSchedule', i];
      const atMs = durationOrUndefined(step['at']);
      if (atMs !== undefined) {
        if (previousMs !== undefined && !(atMs > previousMs)) {
          out.push({
            path: [...stepPath, 'at'],
            reason: got(`must be after the previous step (${previousText})`, step['at']),
          });
        }
        if (durationMs !== undefined && atMs >= durationMs) {
          out.push({
            path: [...stepPath, 'at'],
            reason: got(`must be before the end of the run (duration ${durationText})`, step['at']),
          });
        }
        previousMs = atMs;
        previousText = writtenDuration(step['at']);
      }
      const weights = step['weights'];
      if (!isObject(weights)) return;
      let sum = 0;
      let stepKnown = true;
      for (const [version, weight] of Object.entries(weights)) {
        if (declared !== undefined && !known.includes(version)) {
          out.push({
            path: [...stepPath, 'weights', version],
            reason: unknownName('version', version, known),
          });
        }
        const percent = percentOrUndefined(weight);
        if (percent === undefined) stepKnown = false;
        else sum += percent;
      }
      if (stepKnown && Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
        out.push({
          path: [...stepPath, 'weights'],
          reason: `must add up to 100 (got ${showSum(sum)})`,
        });
      }
    });
  }

  list(service['routes']).forEach((route, i) => {
    if (isObject(route) && typeof route['version'] === 'string' && !known.includes(route['version'])) {
      out.push({
        path: [...path, 'routes', i, 'version'],
        reason: unknownName('version', route['version'], known),
      });
    }
  });
}

/** The names of the services `service` calls (parallel groups included, mirrors excluded). */
function calledServices(service: Obj): string[] {
  const names: string[] = [];
  const add = (call: unknown): void => {
    if (isObject(call) && typeof call['to'] === 'string' && !names.includes(call['to']))
      names.push(call['to']);
  };
  for (const item of list(service['calls'])) {
    add(item);
    if (isObject(item)) list(item['parallel']).forEach(add);
  }
  return names;
}

/** The checks of one service's inbound policy: allowed callers exist, bulkheads name called services. */
function checkInbound(
  name: string,
  service: Obj,
  serviceNames: readonly string[],
  trafficNames: readonly string[],
  out: PathIssue[],
): void {
  const inbound = service['inbound'];
  if (!isObject(inbound)) return;
  const path: PathSegment[] = ['services', name, 'inbound'];
  const callers = [...serviceNames, ...trafficNames.filter((t) => !serviceNames.includes(t))];
  list(inbound['allowedCallers']).forEach((caller, i) => {
    if (typeof caller === 'string' && caller !== '' && !callers.includes(caller)) {
      out.push({
        path: [...path, 'allowedCallers', i],
        reason: `${unknownName('caller', caller, callers)} (services and traffic sources)`,
      });
    }
  });
  const bulkheads = inbound['bulkheads'];
  if (!isObject(bulkheads)) return;
  const called = calledServices(service);
  for (const target of Object.keys(bulkheads)) {
    if (!serviceNames.includes(target)) {
      out.push({
        path: [...path, 'bulkheads', target],
        reason: unknownName('service', target, serviceNames),
      });
    } else if (!called.includes(target)) {
      out.push({
        path: [...path, 'bulkheads', target],
        reason: `names a service that ${name} never calls (a bulkhead caps ${name}'s own calls to a downstream service; ${name} calls ${called.length === 0 ? 'nothing' : called.join(', ')})`,
      });
    }
  }
}

/**
 * Checks the policy fields of a raw scenario that refer to other parts of it: versions (unique names,
 * replicas adding up to the service's, weights on all or none and adding up to 100), weight schedules
 * (weighted versions exist, known version names, weights adding up to 100, increasing times before
 * the end of the run), class routes (known versions), allowed callers (services or traffic sources) and
 * bulkheads (services this one calls). Values of the wrong type are skipped (the schema reports them).
 *
 * @param input - The parsed file (an object), not yet validated.
 * @param durationMs - The run's duration [ms], or undefined when it is invalid.
 */
export function checkPolicyReferences(input: Obj, durationMs: number | undefined): PathIssue[] {
  const out: PathIssue[] = [];
  const services = isObject(input['services']) ? input['services'] : {};
  const serviceNames = Object.keys(services);
  const trafficNames: string[] = [];
  for (const source of list(input['traffic'])) {
    if (!isObject(source)) continue;
    const trafficName = typeof source['name'] === 'string' ? source['name'] : SCENARIO_DEFAULTS.trafficName;
    if (!trafficNames.includes(trafficName)) trafficNames.push(trafficName);
  }
  const durationText = runDurationText(input['duration']);
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    checkVersions(name, service, durationMs, durationText, out);
    checkInbound(name, service, serviceNames, trafficNames, out);
  }
  return out;
}
