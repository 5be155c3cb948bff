/**
 * References resolved once the load balancers and target groups are known: which load balancers
 * the file gives (one `loadBalancer` or a `loadBalancers` list), the target group or load
 * balancer a metric's dimension names, and the weighted forward a `set-weights` action changes.
 */
import { findingAt, type Finding } from './issues.ts';
import { didYouMean } from './suggest.ts';
import { LOAD_BALANCER_DEFAULTS, type FaultFile, type LoadBalancerFile } from './schema.ts';
import type { ScenarioFile } from './schema.ts';
import type { AutoScalingGroup, Fault, LoadBalancer } from './types.ts';

type Path = readonly (string | number)[];

/** A metric's dimension names a target group or a load balancer of the scenario. */
export function checkDimensions(groups: readonly (AutoScalingGroup & { path: Path })[], lbs: readonly string[], tgs: readonly string[], errors: Finding[]): void {
  for (const g of groups) {
    const base = g.path.length > 0 ? g.path : ['autoScaling'];
    g.policies.forEach((p, i) => {
      const specs = p.type === 'StepScaling' || p.type === 'SimpleScaling' ? (p.alarm.math?.metrics ?? [p.alarm]) : p.type === 'TargetTrackingScaling' && typeof p.metric !== 'string' ? (p.metric.customized.math?.metrics ?? [p.metric.customized]) : [];
      for (const spec of specs) {
        const d = spec.dimension;
        if (!d) continue;
        const where = [...base, 'policies', i];
        const names = d.name === 'TargetGroup' ? tgs : lbs;
        if (!names.includes(d.value)) findingAt(errors, [...where], `the ${d.name} dimension \`${d.value}\` names no ${d.name === 'TargetGroup' ? 'target group' : 'load balancer'}; there are ${names.map((n) => `\`${n}\``).join(', ')}${didYouMean(d.value, names)}`);
      }
    });
  }
}

/** The load balancers as written: `loadBalancers`, or the one `loadBalancer` (its defaults when absent); undefined when invalid. */
export function loadBalancerFiles(parts: { loadBalancer?: { value: ScenarioFile['loadBalancer'] }; loadBalancers?: { value: ScenarioFile['loadBalancers'] } }, errors: Finding[]): { file: LoadBalancerFile; path: (string | number)[] }[] | undefined {
  if (!parts.loadBalancer || !parts.loadBalancers) return undefined;
  const list = parts.loadBalancers.value;
  if (list) {
    if (parts.loadBalancer.value) findingAt(errors, ['loadBalancer'], 'give either loadBalancer (one) or loadBalancers (several, reached through `dns`), not both');
    return list.map((file, i) => ({ file, path: ['loadBalancers', i] }));
  }
  return [{ file: parts.loadBalancer.value ?? LOAD_BALANCER_DEFAULTS, path: ['loadBalancer'] }];
}

/** A `set-weights` action names a listener by port, a rule by priority and target groups by name: each must be a weighted forward's. */
export function resolveSetWeights(files: readonly FaultFile[], faults: Fault[], lbs: readonly LoadBalancer[], names: readonly string[], errors: Finding[]): void {
  files.forEach((f, i) => {
    const resolved = faults[i]!;
    if (f.action !== 'set-weights' || resolved.action !== 'set-weights') return;
    const at = ['faults', i];
    const lbIndex = f.loadBalancer === undefined ? 0 : lbs.findIndex((x) => x.name === f.loadBalancer);
    if (lbIndex < 0) return findingAt(errors, [...at, 'loadBalancer'], `no load balancer is named \`${f.loadBalancer}\`; the load balancers are ${lbs.map((x) => `\`${x.name}\``).join(', ')}`);
    const lb = lbs[lbIndex]!;
    resolved.loadBalancer = lbIndex;
    const l = f.listener === undefined ? 0 : lb.listeners.findIndex((x) => x.port === f.listener);
    if (l < 0) return findingAt(errors, [...at, 'listener'], `no listener is on port ${f.listener}; the listeners are on ${lb.listeners.map((x) => x.port).join(', ')}`);
    const listener = lb.listeners[l]!;
    const action = resolved.priority === null ? listener.defaultAction : listener.rules.find((r) => r.priority === resolved.priority)?.action;
    if (!action) return findingAt(errors, [...at, 'rule'], `listener ${listener.protocol}:${listener.port} has no rule with priority ${resolved.priority}; its priorities are ${listener.rules.map((r) => r.priority).join(', ') || 'none'}`);
    if (action.type !== 'forward' || action.to.length < 2) return findingAt(errors, [...at, 'rule'], 'that action is not a forward to several target groups; set-weights changes the weights of a weighted forward (list every target group in it, at weight 0 too)');
    const members = action.to.map((t) => names[t.targetGroup]!);
    const weights = action.to.map((t) => t.weight);
    for (const [name, w] of Object.entries(f.weights)) {
      const k = members.indexOf(name);
      if (k < 0) findingAt(errors, [...at, 'weights', name], `\`${name}\` is not one of this forward's target groups (${members.join(', ')})${didYouMean(name, members)}`);
      else weights[k] = w;
    }
    if (weights.every((w) => w === 0)) findingAt(errors, [...at, 'weights'], 'every weight would be 0, so the forward would have nowhere to send requests');
    resolved.listener = l;
    resolved.weights = weights;
  });
}

