// The waypoint deployments of an istio-ambient run: a service's own (`waypoint: true`) or one shared by every
// service naming it (as a namespace's). One rule for both the model and the scenario's errors: services sharing a
// waypoint run in one cluster and agree on its replica count and CPU limit.

import type { ServiceConfig } from '../../config/SimulationConfig.js';

/** The waypoint deployment a service is bound to: its name, and the replicas the service asks for (if any). */
export interface WaypointUse {
  /** The deployment: `<service>-waypoint` for a service's own, else the name it gives (shared by name). */
  name: string;
  /** Replicas the service sets, or undefined for the mesh's default. */
  replicas: number | undefined;
  /** CPU limit of its pods the service sets [cores], or undefined for the mesh's. */
  cpuLimitCores: number | undefined;
  /** True for the service's own waypoint (`true`, or no name given). */
  own: boolean;
}

/** A waypoint deployment to build: where it runs, how many replicas, and the services bound to it. */
export interface WaypointDeployment {
  name: string;
  cluster: string;
  replicas: number;
  /** The service that set `replicas` (for error messages), or null when they are the mesh's default. */
  replicasFrom: string | null;
  /** CPU limit of its pods [cores], or null for the mesh's `waypoint.cpuLimitCores`. */
  cpuLimitCores: number | null;
  /** The service that set `cpuLimitCores`, or null. */
  cpuLimitFrom: string | null;
  services: string[];
  /** The service whose own waypoint this is (its proxies report that service), or null when shared by name. */
  ownedBy: string | null;
}

/** Why a service's `waypoint` cannot be built: the field (`services.<service>.<field>`) and the reason. */
export interface WaypointIssue {
  service: string;
  field: 'waypoint' | 'waypoint.replicas' | 'waypoint.cpuLimit';
  reason: string;
}

/** The waypoint `service` uses, or null for none. */
export function waypointUse(service: ServiceConfig): WaypointUse | null {
  const waypoint = service.waypoint;
  if (waypoint === undefined || waypoint === false) return null;
  if (waypoint === true)
    return { name: `${service.name}-waypoint`, replicas: undefined, cpuLimitCores: undefined, own: true };
  const own = waypoint.name === undefined;
  return {
    name: waypoint.name ?? `${service.name}-waypoint`,
    replicas: waypoint.replicas,
    cpuLimitCores: waypoint.cpuLimitCores,
    own,
  };
}

/**
 * The waypoint deployments of `services`, in order of first use, and what prevents building them: replicas
 * that are not an integer >= 1, a service in another cluster than its shared waypoint, or replicas or a CPU
 * limit that differ from those another service sharing it set.
 */
export function planWaypoints(
  services: readonly ServiceConfig[],
  defaultReplicas: number,
): { deployments: WaypointDeployment[]; issues: WaypointIssue[] } {
  const byName = new Map<string, WaypointDeployment>();
  const issues: WaypointIssue[] = [];
  for (const service of services) {
    const use = waypointUse(service);
    if (use === null) continue;
    if (use.replicas !== undefined && !validReplicas(use.replicas)) {
      issues.push({
        service: service.name,
        field: 'waypoint.replicas',
        reason: `must be an integer >= 1 (got ${String(use.replicas)})`,
      });
      continue;
    }
    const deployment = byName.get(use.name);
    if (deployment === undefined) {
      if (use.replicas === undefined && !validReplicas(defaultReplicas)) {
        issues.push({
          service: service.name,
          field: 'waypoint.replicas',
          reason: `must be an integer >= 1 (got ${String(defaultReplicas)}, the mesh's waypoint.replicas)`,
        });
        continue;
      }
      byName.set(use.name, {
        name: use.name,
        cluster: service.cluster,
        replicas: use.replicas ?? defaultReplicas,
        replicasFrom: use.replicas === undefined ? null : service.name,
        cpuLimitCores: use.cpuLimitCores ?? null,
        cpuLimitFrom: use.cpuLimitCores === undefined ? null : service.name,
        services: [service.name],
        ownedBy: use.own ? service.name : null,
      });
      continue;
    }
    const first = deployment.services[0] as string;
    if (service.cluster !== deployment.cluster) {
      issues.push({
        service: service.name,
        field: 'waypoint',
        reason:
          `waypoint ${JSON.stringify(use.name)} runs in cluster ${JSON.stringify(deployment.cluster)} (services.${first}), ` +
          `but ${service.name} runs in ${JSON.stringify(service.cluster)}; a waypoint serves one cluster`,
      });
      continue;
    }
    if (use.replicas !== undefined) {
      if (deployment.replicasFrom !== null && deployment.replicas !== use.replicas) {
        issues.push({
          service: service.name,
          field: 'waypoint.replicas',
          reason:
            `${use.replicas} differs from services.${deployment.replicasFrom}.waypoint.replicas ` +
            `(${deployment.replicas}) for the shared waypoint ${JSON.stringify(use.name)}`,
        });
        continue;
      }
      deployment.replicas = use.replicas;
      deployment.replicasFrom = service.name;
    }
    if (use.cpuLimitCores !== undefined) {
      if (deployment.cpuLimitFrom !== null && deployment.cpuLimitCores !== use.cpuLimitCores) {
        issues.push({
          service: service.name,
          field: 'waypoint.cpuLimit',
          reason:
            `${use.cpuLimitCores} cores differs from services.${deployment.cpuLimitFrom}.waypoint.cpuLimit ` +
            `(${String(deployment.cpuLimitCores)} cores) for the shared waypoint ${JSON.stringify(use.name)}`,
        });
        continue;
      }
      deployment.cpuLimitCores = use.cpuLimitCores;
      deployment.cpuLimitFrom = service.name;
    }
    deployment.services.push(service.name);
    deployment.ownedBy = null;
  }
  return { deployments: [...byName.values()], issues };
}

/** The waypoint deployments of `services`; throws naming the field of the first issue (see {@link planWaypoints}). */
export function waypointDeployments(
  services: readonly ServiceConfig[],
  defaultReplicas: number,
): WaypointDeployment[] {
  const { deployments, issues } = planWaypoints(services, defaultReplicas);
  const issue = issues[0];
  if (issue !== undefined) throw new Error(`services.${issue.service}.${issue.field}: ${issue.reason}`);
  return deployments;
}

function validReplicas(replicas: number): boolean {
  return Number.isInteger(replicas) && replicas >= 1;
}
