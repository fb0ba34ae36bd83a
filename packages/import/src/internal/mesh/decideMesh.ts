// Decides the scenario's one mesh shape from where each service's pods are injected; a partly meshed app
// is reported (the format cannot hold it). Without injection labels, Istio or Linkerd resources suggest
// the mesh (with a warning); otherwise there is none.

import type { MeshShapeName } from '@meshsim/mesh';

import type { ImportedService, SourceRef } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import { describeRefs } from '../model/describeRefs.js';
import { injectionOf } from './injectionOf.js';
import type { PodMesh } from './injectionOf.js';

/** The shape chosen, and where the evidence came from. */
export interface MeshChoice {
  shape: MeshShapeName;
  from: SourceRef[];
}

const PREFERENCE: readonly Exclude<PodMesh, null>[] = ['istio-sidecar', 'istio-ambient', 'linkerd'];

/** The data planes of a service's pods (its namespace's when it has no workloads). */
function meshesOf(builder: ModelBuilder, service: ImportedService): { meshes: PodMesh[]; from: SourceRef[] } {
  const namespace = builder.model.namespaces.find((ns) => ns.name === service.namespace);
  const from: SourceRef[] = namespace === undefined ? [] : [namespace.from];
  if (service.workloads.length === 0) {
    return {
      meshes: [injectionOf({ labels: {}, annotations: {}, workloadAnnotations: {} }, namespace)],
      from,
    };
  }
  const meshes = service.workloads.map((w) =>
    injectionOf(
      { labels: w.podLabels, annotations: w.podAnnotations, workloadAnnotations: w.annotations },
      namespace,
    ),
  );
  return { meshes, from: [...from, ...service.workloads.map((w) => w.from)] };
}

/**
 * Chooses the mesh shape, warning about services it does not describe.
 *
 * @returns The shape, or undefined for no mesh (`none`, the scenario default).
 */
export function decideMesh(builder: ModelBuilder): MeshChoice | undefined {
  const byShape = new Map<PodMesh, ImportedService[]>();
  const refsByShape = new Map<PodMesh, SourceRef[]>();
  for (const service of builder.model.services) {
    const { meshes, from: refs } = meshesOf(builder, service);
    const distinct = [...new Set(meshes)];
    const mesh = distinct.length === 1 ? (distinct[0] ?? null) : (distinct.find((m) => m !== null) ?? null);
    if (distinct.length > 1) {
      builder.warnings.general(
        '',
        `service "${service.name}" has pods in different data planes (${distinct.map((m) => m ?? 'no mesh').join(', ')}); the scenario treats it as ${mesh ?? 'unmeshed'}`,
      );
    }
    byShape.set(mesh, [...(byShape.get(mesh) ?? []), service]);
    refsByShape.set(mesh, [...(refsByShape.get(mesh) ?? []), ...refs]);
  }

  const meshed = PREFERENCE.filter((shape) => (byShape.get(shape)?.length ?? 0) > 0);
  if (meshed.length === 0) {
    const { istio, linkerd } = builder.evidence;
    if (istio.length === 0 && linkerd.length === 0) return undefined;
    const shape: MeshShapeName = istio.length >= linkerd.length ? 'istio-sidecar' : 'linkerd';
    const evidence = shape === 'istio-sidecar' ? istio : linkerd;
    builder.warnings.general(
      '',
      `no mesh-injection label or annotation found (istio-injection, sidecar.istio.io/inject, istio.io/dataplane-mode, linkerd.io/inject); mesh ${shape} is assumed from ${describeRefs(evidence.slice(0, 3))}${evidence.length > 3 ? ', …' : ''}`,
    );
    builder.assume(
      `Every service is assumed to run in the ${shape} mesh: the inputs carry no injection labels.`,
    );
    return { shape, from: evidence.slice(0, 1) };
  }

  const shape =
    [...meshed].sort((a, b) => (byShape.get(b)?.length ?? 0) - (byShape.get(a)?.length ?? 0))[0] ??
    'istio-sidecar';
  const others = [...byShape.entries()].filter(([mesh]) => mesh !== shape);
  if (others.length > 0) {
    const list = others
      .map(([mesh, services]) => `${mesh ?? 'not meshed'}: ${services.map((s) => s.name).join(', ')}`)
      .join('; ');
    builder.warnings.general(
      '',
      `only some services are in the ${shape} mesh (${list}); the scenario format applies one mesh shape to every service, so all are simulated as ${shape} (compare with --mesh none, or use mesh library with libraryServices for partial adoption)`,
    );
  }
  const refs = refsByShape.get(shape) ?? [];
  return { shape, from: refs.filter((ref, i) => refs.indexOf(ref) === i) };
}
