// Public API of @meshsim/import: isotope, Kubernetes, Istio and Linkerd files → a meshsim scenario.

export { importScenario } from './importScenario.js';
export { importScenarioObject } from './importScenarioObject.js';
export { ImportError, formatImportIssue } from './ImportError.js';
export { formatImportWarning } from './ImportWarning.js';
export { IMPORTABLE_KINDS, IMPORTABLE_KIND_NAMES } from './importableKinds.js';

export type { ImportResult } from './importScenario.js';
export type { ImportedScenario } from './importScenarioObject.js';
export type { ImportOptions } from './ImportOptions.js';
export type { ImportIssue } from './ImportError.js';
export type { ImportWarning } from './ImportWarning.js';
export type { ImportableKind } from './importableKinds.js';
export type { ScenarioComment } from './ScenarioComment.js';
export type {
  AllowedCallers,
  CallPolicyParts,
  ContainerResources,
  DestinationPolicyParts,
  ImportModel,
  ImportedMesh,
  ImportedDaemonSet,
  ImportedNamespace,
  ImportedNodeAgent,
  ImportedReadinessProbe,
  ImportedService,
  ImportedSubset,
  ImportedWorkload,
  ProxyResource,
  ProxyResourceKind,
  SourceRef,
  Sourced,
} from './ImportModel.js';
export type {
  ScenarioCall,
  ScenarioCallItem,
  ScenarioDestinationPolicy,
  ScenarioFaultInjection,
  ScenarioMesh,
  ScenarioMirror,
  ScenarioReadinessProbe,
  ScenarioRetry,
  ScenarioService,
  ScenarioTraffic,
  ScenarioVersion,
  ScenarioVersionRoute,
} from './ScenarioParts.js';
