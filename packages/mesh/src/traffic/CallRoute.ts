// Route-level features of one call-plan entry (Istio HTTPRoute `fault` and `mirror`): validated once,
// shared by the calling service's instances, attached to each caller's client when its hop can enforce them.

import type { Random } from '@meshsim/engine';
import type { CallerRef } from '../topology/CallerRef.js';
import type { FaultInjectionConfig } from '../config/PolicyConfig.js';
import type { CallConfig } from '../config/SimulationConfig.js';
import type { ScenarioFieldPath } from '../config/ConfigWarning.js';
import type { CallPolicy } from '../config/CallPolicy.js';
import { canEnforce } from '../config/capabilities.js';
import type { UpstreamClient } from '../call/UpstreamClient.js';
import { MirrorRoute } from './MirrorRoute.js';
import type { MirrorSender } from './MirrorRoute.js';
import { RouteInterceptor } from './RouteInterceptor.js';
import type { TrafficContext } from './TrafficContext.js';

/** Fault injection and mirroring of one call-plan entry. */
export class CallRoute {
  private readonly fault: FaultInjectionConfig | null;
  private faultRandom: Random | null = null;
  private mirror: MirrorRoute | null = null;

  private constructor(
    private readonly context: TrafficContext,
    private readonly from: string,
    private readonly config: CallConfig,
    /** Names the entry in stream names, e.g. `a->b#0.1`. */
    private readonly entry: string,
    /** Where a scenario file writes the entry (for warnings). */
    private readonly at: ScenarioFieldPath,
  ) {
    this.fault = config.faultInjection ?? null;
  }

  /**
   * The route features of the entry `tag` (`#stage.index`) of `from`'s call plan, written at `at` in a scenario
   * file, or null when it sets neither fault injection nor mirroring. Throws on invalid parameters, naming the field.
   */
  static create(
    context: TrafficContext,
    from: string,
    config: CallConfig,
    tag: string,
    at: ScenarioFieldPath,
  ): CallRoute | null {
    const fault = config.faultInjection ?? null;
    const mirror = config.mirror ?? null;
    if (fault === null && mirror === null) return null;
    const field = `service "${from}": calls${tag.replace(/^#(\d+)\.(\d+)$/, '[$1][$2]')} (to "${config.to}")`;
    if (fault !== null) {
      if (fault.delay !== null) {
        checkPercent(fault.delay.percent, `${field}.faultInjection.delay.percent`);
        const delayMs = fault.delay.delayMs;
        if (!Number.isFinite(delayMs) || delayMs < 0) {
          throw new Error(
            `${field}.faultInjection.delay.delayMs must be a finite time ≥ 0 [ms] (got ${delayMs})`,
          );
        }
      }
      if (fault.abort !== null) {
        checkPercent(fault.abort.percent, `${field}.faultInjection.abort.percent`);
        const status: string = fault.abort.status;
        if (status !== 'error' && status !== 'rejected') {
          throw new Error(
            `${field}.faultInjection.abort.status must be 'error' or 'rejected' (got "${status}")`,
          );
        }
      }
    }
    if (mirror !== null) {
      checkPercent(mirror.percent, `${field}.mirror.percent`);
      if (!context.services.has(mirror.to)) {
        throw new Error(`${field}.mirror.to: unknown service "${mirror.to}"`);
      }
    }
    return new CallRoute(context, from, config, `${from}->${config.to}${tag}`, at);
  }

  /**
   * Gives `client` (one caller's client for this entry) the features its hop can enforce; warns
   * once, naming the policy, the service and the mesh shape, about each one it cannot.
   */
  attach(caller: CallerRef, client: UpstreamClient, policy: CallPolicy): void {
    const dataPlane = this.context.dataPlane;
    const enforcer = dataPlane.clientEnforcer(caller, this.config.to);
    const unsupported = (name: string, what: string, field: string): void =>
      this.context.warnings.add(
        `${name}: ${what} on calls from "${this.from}" to "${this.config.to}" not applied under mesh shape ` +
          `"${dataPlane.shape}" (the caller's ${enforcer} hop cannot enforce it)`,
        [...this.at, field],
      );
    let fault = this.fault;
    if (fault !== null && !canEnforce(enforcer, 'fault-injection')) {
      unsupported('fault-injection', 'fault injection', 'faultInjection');
      fault = null;
    }
    let sender: MirrorSender | null = null;
    const mirrorConfig = this.config.mirror ?? null;
    if (mirrorConfig !== null) {
      if (canEnforce(enforcer, 'mirror')) {
        this.mirror ??= new MirrorRoute(this.context, this.from, mirrorConfig, this.entry);
        sender = this.mirror.senderFor(caller, policy);
      } else {
        unsupported('mirror', `mirroring to "${mirrorConfig.to}"`, 'mirror');
      }
    }
    if (fault === null && sender === null) return;
    if (fault !== null) this.faultRandom ??= this.context.streams.stream(`fault-injection/${this.entry}`);
    client.route = new RouteInterceptor(this.context.engine, fault, this.faultRandom ?? neverDrawn, sender);
  }
}

function checkPercent(percent: number, field: string): void {
  if (!(percent >= 0 && percent <= 100)) throw new Error(`${field} must be in [0, 100] (got ${percent})`);
}

/** Stand-in stream for an interceptor without fault injection (it never draws). */
function neverDrawn(): number {
  throw new Error('RouteInterceptor: fault stream used without fault injection');
}
