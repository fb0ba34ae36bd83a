// The services a scenario's calls (and their mirrors) reach: the rest are entry points for traffic.

import { isRecord } from '../isRecord.js';
import type { JsonObject } from '../isRecord.js';

/** The services some call or mirror of `services` targets. */
export function calledServices(services: Record<string, JsonObject>): Set<string> {
  const called = new Set<string>();
  const visit = (call: unknown): void => {
    if (!isRecord(call)) return;
    if (typeof call['to'] === 'string') called.add(call['to']);
    const mirror = call['mirror'];
    if (isRecord(mirror) && typeof mirror['to'] === 'string') called.add(mirror['to']);
    if (Array.isArray(call['parallel'])) call['parallel'].forEach(visit);
  };
  for (const service of Object.values(services)) {
    if (Array.isArray(service['calls'])) service['calls'].forEach(visit);
  }
  return called;
}
