// The import model while it is being filled: services by name and namespace, the source documents kept
// for later phases (so that a late warning names its resource's file and line), and the rule for a value set
// twice (the first one is kept, the second is warned about).

import type {
  ImportModel,
  ImportedService,
  ImportedWorkload,
  SourceRef,
  Sourced,
} from '../../ImportModel.js';
import type { ScenarioVersionRoute } from '../../ScenarioParts.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import type { WarningLog } from '../WarningLog.js';
import { describeRefs } from './describeRefs.js';
import { isScenarioName, toScenarioName } from './toScenarioName.js';

/** The key of a resource: its file, document and List item (a ref's kind and name do not tell documents apart). */
function refKey(ref: SourceRef): string {
  return `${ref.file}\u0000${String(ref.document)}\u0000${ref.item === undefined ? '' : String(ref.item)}`;
}

/** Which mesh's resources the inputs contain (used when no injection label says which mesh runs). */
export interface MeshEvidence {
  istio: SourceRef[];
  linkerd: SourceRef[];
}

/** Builds an {@link ImportModel}; every importer writes through it. */
export class ModelBuilder {
  readonly model: ImportModel = {
    services: [],
    workloads: [],
    nodes: [],
    nodeAgents: [],
    daemonSets: [],
    namespaces: [],
    hasGraph: false,
    assumptions: [],
  };
  /** Istio and Linkerd resources seen, as evidence of the mesh. */
  readonly evidence: MeshEvidence = { istio: [], linkerd: [] };
  /** The Kubernetes Service document of each service (its Linkerd annotations are read in a late phase). */
  readonly serviceDocs = new Map<ImportedService, SourceDocument>();
  /** The HorizontalPodAutoscaler document of each autoscaled workload (its warning names its position). */
  readonly autoscalerDocs = new Map<ImportedWorkload, SourceDocument>();
  /** Services whose Linkerd retry (or timeout) policy came from an HTTPRoute's annotations. */
  readonly routeRetrySet = new Set<ImportedService>();
  readonly routeTimeoutSet = new Set<ImportedService>();
  /** Where the imported subset weights of a service are: the `route` list of its VirtualService's rule. */
  readonly weightRoutes = new Map<ImportedService, FieldPath>();
  /** Where each class route was read: its VirtualService and the `route` list of its header-matched rule. */
  readonly classRoutePlaces = new Map<ScenarioVersionRoute, { from: SourceRef; path: FieldPath }>();
  /** Every input resource, by {@link refKey}. */
  private readonly docs = new Map<string, SourceDocument>();

  constructor(readonly warnings: WarningLog) {}

  /** Keeps `docs`, so that {@link warnAbout} can place a warning about a resource a ref names. */
  remember(docs: readonly SourceDocument[]): void {
    for (const doc of docs) this.docs.set(refKey(doc.ref()), doc);
  }

  /** The input resource `ref` came from (undefined for the --graph fragment's services). */
  docOf(ref: SourceRef | undefined): SourceDocument | undefined {
    return ref === undefined ? undefined : this.docs.get(refKey(ref));
  }

  /**
   * A warning (or, with `severity` `note`, a note) about `path` of the resource `ref` names, at its file, line and
   * column; a warning about the whole import when `ref` names no input resource.
   */
  warnAbout(ref: SourceRef | undefined, path: FieldPath, message: string, severity?: 'note'): void {
    const doc = this.docOf(ref);
    if (doc === undefined) this.warnings.general('', message);
    else if (severity === 'note') this.warnings.note(doc, path, message);
    else this.warnings.at(doc, path, message);
  }

  /** The service named `name` (its source name) in `namespace`, if imported. */
  findService(name: string, namespace: string): ImportedService | undefined {
    return this.model.services.find((s) => s.sourceName === name && s.namespace === namespace);
  }

  /** The service called `name` in the scenario. */
  serviceNamed(name: string): ImportedService | undefined {
    return this.model.services.find((s) => s.name === name);
  }

  /** The services of `namespace`. */
  servicesIn(namespace: string): ImportedService[] {
    return this.model.services.filter((s) => s.namespace === namespace);
  }

  /**
   * The service `name` in `namespace`, created if new. Its scenario name is `name` made a valid DNS
   * label, or `name-namespace` when another namespace already has that name (a warning says so).
   */
  service(
    name: string,
    namespace: string,
    ref: SourceRef,
    doc: SourceDocument,
    path: FieldPath,
  ): ImportedService {
    const existing = this.findService(name, namespace);
    if (existing !== undefined) {
      existing.from.push(ref);
      return existing;
    }
    let scenarioName = toScenarioName(name);
    if (!isScenarioName(name)) {
      this.warnings.at(
        doc,
        path,
        `"${name}" is not a valid scenario service name; imported as "${scenarioName}"`,
      );
    }
    if (this.serviceNamed(scenarioName) !== undefined) {
      const renamed = toScenarioName(`${scenarioName}-${namespace}`);
      this.warnings.at(
        doc,
        path,
        `a service "${scenarioName}" already exists in another namespace; this one (namespace ${namespace}) is imported as "${renamed}"`,
      );
      scenarioName = renamed;
    }
    const service: ImportedService = {
      name: scenarioName,
      sourceName: name,
      namespace,
      from: [ref],
      serviceLabels: {},
      serviceAnnotations: {},
      workloads: [],
      callPolicy: {},
      destinationPolicy: {},
    };
    this.model.services.push(service);
    return service;
  }

  /**
   * Sets a sourced value once: returns `current` extended with `ref` when the value is the same, or
   * `current` unchanged with a warning when it differs (the first one is kept). `what` names the field;
   * `ref` is where the value comes from (default: the document's resource).
   */
  setOnce<T>(
    current: Sourced<T> | undefined,
    value: T,
    doc: SourceDocument,
    path: FieldPath,
    what: string,
    ref: SourceRef = doc.ref(),
  ): Sourced<T> {
    if (current === undefined) return { value, from: [ref] };
    if (JSON.stringify(current.value) === JSON.stringify(value)) {
      return { value: current.value, from: [...current.from, ref] };
    }
    this.warnings.at(
      doc,
      path,
      `${what} is already set to ${JSON.stringify(current.value)} by ${describeRefs(current.from)}; that value is kept and ${JSON.stringify(value)} is ignored`,
    );
    return current;
  }

  /** Records an assumption once (it is written into the scenario's `assumptions`). */
  assume(text: string): void {
    if (!this.model.assumptions.includes(text)) this.model.assumptions.push(text);
  }
}
