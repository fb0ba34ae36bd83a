// A pod's Kubernetes QoS class: where its cgroup sits on a node, and so how its pods weigh on a busy node.

/** A pod's Kubernetes QoS class (docs/model.md#node-cpu). */
export type PodQosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';
