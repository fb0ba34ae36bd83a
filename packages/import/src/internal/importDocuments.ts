// Runs the importers over every resource in a fixed order of phases (graph, namespaces, nodes, workloads, autoscalers,
// limit ranges, pods, DaemonSets, services, Istio, Linkerd) so that each finds what it refers to, then reports every field of every
// resource that no importer used.

import { IMPORTABLE_KIND_NAMES, IMPORTABLE_KINDS } from '../importableKinds.js';
import type { ImportedWorkload } from '../ImportModel.js';
import { importMockServiceGraph } from './isotope/importMockServiceGraph.js';
import { chooseVirtualServices } from './istio/chooseVirtualServices.js';
import { importAuthorizationPolicy } from './istio/importAuthorizationPolicy.js';
import { importDestinationRule } from './istio/importDestinationRule.js';
import { importPeerAuthentication } from './istio/importPeerAuthentication.js';
import type { MtlsSetting } from './istio/importPeerAuthentication.js';
import { importSidecar } from './istio/importSidecar.js';
import { importVirtualService } from './istio/importVirtualService.js';
import { importDaemonSet } from './kubernetes/importDaemonSet.js';
import { importHorizontalPodAutoscaler } from './kubernetes/importHorizontalPodAutoscaler.js';
import { importNamespace } from './kubernetes/importNamespace.js';
import { importLimitRange } from './kubernetes/importLimitRange.js';
import { importNode } from './kubernetes/importNode.js';
import { importPod } from './kubernetes/importPod.js';
import { importService } from './kubernetes/importService.js';
import { importWorkload } from './kubernetes/importWorkload.js';
import { linkWorkloads } from './kubernetes/linkWorkloads.js';
import { BOOKKEEPING_FIELDS } from './kubernetes/bookkeepingFields.js';
import { passOverLiveExportFields } from './kubernetes/liveExportFields.js';
import { applyServiceAnnotations } from './linkerd/applyServiceAnnotations.js';
import { importHttpRoute } from './linkerd/importHttpRoute.js';
import { importServiceProfile } from './linkerd/importServiceProfile.js';
import type { ModelBuilder } from './model/ModelBuilder.js';
import { describeRef } from './model/describeRefs.js';
import type { SourceDocument } from './source/SourceDocument.js';
import { kindOf } from './kindOf.js';
import type { Fragment } from './build/readFragment.js';
import { seedFragmentServices } from './build/seedFragmentServices.js';

/** What the documents gave that the scenario builder needs besides the model. */
export interface ImportedDocuments {
  /** The mesh-wide mTLS mode from a PeerAuthentication, if any. */
  mtls?: MtlsSetting;
  /** Number of resources of a known kind. */
  importable: number;
  /** Kinds found that are not importable, each once. */
  unknownKinds: string[];
}

/**
 * Imports every document into `builder`'s model. The services of the --graph `fragment` join the model
 * before the Istio and Linkerd resources are read, so that those can name them.
 */
export function importDocuments(
  docs: readonly SourceDocument[],
  builder: ModelBuilder,
  fragment?: Fragment,
): ImportedDocuments {
  builder.remember(docs);
  const known = new Set(IMPORTABLE_KIND_NAMES);
  const unknownKinds: string[] = [];
  const ofKind = (...kinds: string[]): SourceDocument[] => docs.filter((doc) => kinds.includes(kindOf(doc)));

  for (const doc of docs) {
    const kind = kindOf(doc);
    if (kind === 'MockServiceGraph') doc.kind = kind; // isotope's example graphs carry no kind
    if (!known.has(kind)) {
      doc.use([]);
      const shown = kind === '' ? '(no kind)' : kind;
      // The first such warning lists the kinds the importer reads; the others point to it.
      const kinds =
        unknownKinds.length === 0
          ? `the importer reads ${IMPORTABLE_KIND_NAMES.join(', ')}`
          : 'the kinds the importer reads are listed in the first such warning and in docs/import.md#what-is-read';
      if (!unknownKinds.includes(shown)) unknownKinds.push(shown);
      builder.warnings.at(doc, [], `kind ${shown} is not importable; ignored (${kinds})`);
      continue;
    }
    const spec = IMPORTABLE_KINDS.find((entry) => entry.kind === kind);
    if (spec !== undefined && !spec.groups.includes('*') && !spec.groups.includes(doc.group)) {
      builder.warnings.at(
        doc,
        ['apiVersion'],
        `${kind} is expected in API group ${spec.groups.map((g) => (g === '' ? 'core (v1)' : g)).join(' or ')} (got ${JSON.stringify(doc.apiVersion)}); read anyway`,
      );
    }
  }

  for (const doc of ofKind('MockServiceGraph')) importMockServiceGraph(doc, builder);
  for (const doc of ofKind('Namespace')) importNamespace(doc, builder);
  for (const doc of ofKind('Node')) importNode(doc, builder);
  const workloadDocs = new Map<ImportedWorkload, SourceDocument>();
  for (const doc of ofKind('Deployment', 'StatefulSet')) {
    const workload = importWorkload(doc, builder);
    if (workload !== undefined) workloadDocs.set(workload, doc);
  }
  // Autoscaled workloads: their replicas held within the autoscaler's bounds (before Services sum them).
  for (const doc of ofKind('HorizontalPodAutoscaler'))
    importHorizontalPodAutoscaler(doc, builder, builder.model.workloads);
  // A namespace's default CPU requests and limits, given to the containers that set none.
  for (const doc of ofKind('LimitRange')) importLimitRange(doc, builder, builder.model.workloads);
  // Pods after their workloads: an injected proxy's resources are in the pods, not the templates.
  const podsRead = new Set<ImportedWorkload>();
  for (const doc of ofKind('Pod')) importPod(doc, builder, builder.model.workloads, podsRead);
  for (const doc of ofKind('DaemonSet')) importDaemonSet(doc, builder);
  for (const doc of ofKind('Service')) importService(doc, builder);
  linkWorkloads(builder, workloadDocs);
  if (fragment !== undefined) seedFragmentServices(builder, fragment);
  for (const doc of ofKind('DestinationRule')) importDestinationRule(doc, builder);
  // One VirtualService per host, as Istio's sidecars use them (not a field-by-field merge of several).
  const virtualServices = chooseVirtualServices(ofKind('VirtualService'), builder);
  for (const doc of ofKind('VirtualService')) importVirtualService(doc, builder, virtualServices);

  let mtls: MtlsSetting | undefined;
  for (const doc of ofKind('PeerAuthentication')) {
    const setting = importPeerAuthentication(doc, builder);
    if (setting === undefined) continue;
    if (mtls === undefined) mtls = setting;
    else if (mtls.mtls !== setting.mtls) {
      builder.warnings.at(
        doc,
        ['spec', 'mtls', 'mode'],
        `conflicts with ${describeRef(mtls.doc.ref())}, which is kept`,
      );
    }
  }
  for (const doc of ofKind('AuthorizationPolicy')) importAuthorizationPolicy(doc, builder);
  for (const doc of ofKind('Sidecar')) importSidecar(doc, builder);
  for (const doc of ofKind('ServiceProfile')) importServiceProfile(doc, builder);
  for (const doc of ofKind('HTTPRoute')) importHttpRoute(doc, builder);
  for (const [service, doc] of builder.serviceDocs) applyServiceAnnotations(doc, builder, service);

  for (const doc of docs) {
    // What a live export carries on every workload and Service and that changes nothing meshsim models.
    if (['Deployment', 'StatefulSet', 'Service'].includes(doc.kind)) passOverLiveExportFields(doc);
    for (const path of doc.unused(BOOKKEEPING_FIELDS))
      builder.warnings.at(doc, path, 'not modelled by meshsim (ignored)');
  }
  const importable = docs.filter((doc) => known.has(kindOf(doc))).length;
  return { ...(mtls === undefined ? {} : { mtls }), importable, unknownKinds };
}
