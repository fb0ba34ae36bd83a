// The text output's "Pod events" section: per pod, the instants (to 0.1 s) it crashed, restarted, became Ready and
// NotReady, events at the same printed instant folded under one time.

import type { PodEventKind, PodEvents } from '@meshsim/mesh';

import { fixed } from './format.js';
import { escapeControls } from './formatTable.js';

const LABEL: Readonly<Record<PodEventKind, string>> = {
  crashed: 'crashed',
  started: 'restarted',
  ready: 'Ready',
  notReady: 'NotReady',
};

/** The section, or '' when there were no pod events. */
export function podEventsSection(podEvents: PodEvents | undefined): string {
  if (podEvents === undefined || podEvents.events.length === 0) return '';
  // Pods in the order of their first event; each pod's events as [time, labels] in order.
  const pods = new Map<string, [string, string[]][]>();
  for (const event of podEvents.events) {
    let times = pods.get(event.pod);
    if (times === undefined) {
      times = [];
      pods.set(event.pod, times);
    }
    const at = `${fixed(event.atMs / 1000, 1)} s`;
    const last = times[times.length - 1];
    if (last !== undefined && last[0] === at) last[1].push(LABEL[event.kind]);
    else times.push([at, [LABEL[event.kind]]]);
  }
  const title =
    podEvents.omitted === 0
      ? 'Pod events'
      : `Pod events (the first ${String(podEvents.limit)}; ${String(podEvents.omitted)} later not shown)`;
  const lines = [...pods].map(
    ([pod, times]) =>
      `  ${escapeControls(pod)}: ${times.map(([at, labels]) => `${at} ${labels.join(', ')}`).join('; ')}`,
  );
  return [title, ...lines].join('\n');
}
