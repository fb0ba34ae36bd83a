// The columns of a service version (subset): its instances, the share of the service's requests it got
// and its success rate.

import type { ServiceMetrics, VersionMetrics } from '@meshsim/mesh';

import { count, percent } from '../internal/format.js';
import type { ColumnTable } from './Column.js';

/** One version of one service. */
export interface VersionRow {
  service: ServiceMetrics;
  version: VersionMetrics;
}

/** Every version of `services`, services in order, then versions in declared order. */
export function versionRows(services: readonly ServiceMetrics[]): VersionRow[] {
  return services.flatMap((service) => service.versions.map((version) => ({ service, version })));
}

/** The version table. */
export const VERSION_COLUMNS: ColumnTable<VersionRow> = {
  columns: [
    {
      key: 'name',
      read: ({ service, version }) => `${service.name}/${version.name}`,
      text: { header: 'service/version' },
    },
    {
      key: 'instances',
      read: ({ version }) => version.instances,
      text: { header: 'instances', format: count },
    },
    { key: 'arrived', read: ({ version }) => version.arrived, text: { header: 'arrived', format: count } },
    {
      key: 'share',
      read: ({ service, version }) => (service.arrived > 0 ? version.arrived / service.arrived : null),
      text: { header: 'share (%)', format: (ratio) => percent(ratio, 2) },
    },
    {
      key: 'successRate',
      read: ({ version }) => version.successRate,
      text: { header: 'success (%)', format: (ratio) => percent(ratio, 2) },
    },
  ],
};
