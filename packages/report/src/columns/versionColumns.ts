// The columns of a service version (subset): its instances, the share of the service's requests it got
// and its success rate.

import type { ServiceMetrics, VersionMetrics } from '@meshsim/mesh';

import { count, percent } from '../internal/format.js';
import type { ColumnTable, MetricFamily } from './Column.js';

/** Requests per service version by outcome (canary splits), in the `meshsim_*` OpenMetrics format. */
const VERSION_REQUESTS: MetricFamily = {
  name: 'meshsim_version_requests',
  type: 'counter',
  help: 'Requests that reached each service version, by outcome (arrived, completed, rejected, error).',
};

/** One version of one service. */
export interface VersionRow {
  service: ServiceMetrics;
  version: VersionMetrics;
}

/** Every version of `services`, services in order, then versions in declared order. */
export function versionRows(services: readonly ServiceMetrics[]): VersionRow[] {
  return services.flatMap((service) => service.versions.map((version) => ({ service, version })));
}

/** The version table (text, CSV and the OpenMetrics version family). */
export const VERSION_COLUMNS: ColumnTable<VersionRow> = {
  columns: [
    {
      key: 'name',
      read: ({ service, version }) => `${service.name}/${version.name}`,
      text: { header: 'service/version' },
    },
    { key: 'service', read: ({ service }) => service.name, csv: { name: 'service' } },
    { key: 'version', read: ({ version }) => version.name, csv: { name: 'version' } },
    {
      key: 'instances',
      read: ({ version }) => version.instances,
      text: { header: 'instances', format: count },
      csv: { name: 'instances' },
    },
    {
      key: 'arrived',
      read: ({ version }) => version.arrived,
      text: { header: 'arrived', format: count },
      csv: { name: 'arrived' },
      metric: {
        family: VERSION_REQUESTS,
        sample: 'meshsim_version_requests_total',
        labels: [['outcome', 'arrived']],
      },
    },
    {
      key: 'share',
      read: ({ service, version }) => (service.arrived > 0 ? version.arrived / service.arrived : null),
      text: { header: 'share (%)', format: (ratio) => percent(ratio, 2) },
      csv: { name: 'share_ratio' },
    },
    {
      key: 'completed',
      read: ({ version }) => version.completed,
      csv: { name: 'completed' },
      metric: {
        family: VERSION_REQUESTS,
        sample: 'meshsim_version_requests_total',
        labels: [['outcome', 'completed']],
      },
    },
    {
      key: 'rejected',
      read: ({ version }) => version.rejected,
      csv: { name: 'rejected' },
      metric: {
        family: VERSION_REQUESTS,
        sample: 'meshsim_version_requests_total',
        labels: [['outcome', 'rejected']],
      },
    },
    {
      key: 'errors',
      read: ({ version }) => version.errors,
      csv: { name: 'errors' },
      metric: {
        family: VERSION_REQUESTS,
        sample: 'meshsim_version_requests_total',
        labels: [['outcome', 'error']],
      },
    },
    {
      key: 'successRate',
      // Null when the version answered nothing: `–` in text and HTML, an empty CSV cell.
      read: ({ version }) => version.successRate,
      text: { header: 'success (%)', format: (ratio) => percent(ratio, 2) },
      csv: { name: 'success_ratio' },
    },
  ],
  metricFamilies: [VERSION_REQUESTS],
  metricLabels: ({ service, version }) => [
    ['service', service.name],
    ['version', version.name],
  ],
};
