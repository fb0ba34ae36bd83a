// Makes every client a run could make at once: each instance's client of each call of its service's plan. A run
// makes one when its caller first calls, and the warnings of the policies it applies come then; made here, they are
// known before any run (`staticWarnings`). A model made so is for its warnings only: it must not run.

import type { Model } from './Model.js';

/** Makes the client of every call-plan entry for every instance of its service (`Downstream.clientFor`). */
export function createEveryClient(model: Model): void {
  [...model.services.values()].forEach((service, s) => {
    const plan = model.callPlans[s] ?? [];
    for (const instance of service.instances) {
      for (const stage of plan) for (const entry of stage) entry.clientFor(instance.caller);
    }
  });
}
