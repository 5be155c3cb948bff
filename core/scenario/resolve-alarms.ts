/**
 * Resolves `cloudWatch.alarms` and `cloudWatch.compositeAlarms` against the rest of the
 * scenario: names unique across both lists (AWS: an alarm name is unique in its Region), each
 * metric alarm's group and dimensions exist and its namespace fits the load balancer (as for a
 * policy's alarm, resolve-scaling.ts), each composite rule names alarms that exist, and no
 * composite alarm depends on itself (AWS refuses a circular rule). Composite alarms come out
 * ordered so that each follows the composite alarms it names.
 */
import type { Finding } from './issues.ts';
import type { CloudWatchFile } from './group-schema.ts';
import type { AutoScalingGroup, CompositeAlarm, LoadBalancerType, StandaloneAlarm } from './types.ts';
import { checkUnique, toAlarm } from './resolve-scaling.ts';
import { didYouMean } from './suggest.ts';
import { parseAlarmRule, ruleNames } from '../model/cloudwatch/alarm-rule.ts';

export interface AlarmContext {
  groups: readonly AutoScalingGroup[];
  loadBalancerType?: LoadBalancerType | undefined;
  /** Undefined when the topology is invalid: dimension checks are skipped. */
  loadBalancers?: readonly string[] | undefined;
  targetGroups?: readonly string[] | undefined;
}

const BASE = ['cloudWatch', 'alarms'] as const;
const COMPOSITE = ['cloudWatch', 'compositeAlarms'] as const;

const listed = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

export function resolveAlarms(file: CloudWatchFile, context: AlarmContext, errors: Finding[], warnings: Finding[]): { alarms: StandaloneAlarm[]; compositeAlarms: CompositeAlarm[] } {
  const groupNames = context.groups.map((g) => g.name);
  const alarms = (file.alarms ?? []).map((a, i): StandaloneAlarm => {
    const path = [...BASE, i];
    let group = 0;
    if (a.autoScalingGroup !== undefined) {
      group = groupNames.indexOf(a.autoScalingGroup);
      if (group < 0) errors.push({ path: [...path, 'autoScalingGroup'], anchor: 'value', message: `no Auto Scaling group is named \`${a.autoScalingGroup}\`; the groups are ${listed(groupNames)}${didYouMean(a.autoScalingGroup, groupNames)}` });
      group = Math.max(group, 0);
    }
    const g = context.groups[group];
    const spec = toAlarm(a, path, { defaultInstanceWarmupS: 0, defaultCooldownS: 0, loadBalancerType: context.loadBalancerType, detailedMonitoring: g?.instance.detailedMonitoring, base: BASE }, errors, warnings);
    for (const [k, m] of (spec.math?.metrics ?? [spec]).entries()) {
      const d = m.dimension;
      if (!d || !context.loadBalancers || !context.targetGroups) continue;
      const where = spec.math ? [...path, 'metrics', k, 'dimensions'] : [...path, 'dimensions'];
      const names = d.name === 'TargetGroup' ? context.targetGroups : context.loadBalancers;
      if (!names.includes(d.value)) errors.push({ path: where, anchor: 'value', message: `the ${d.name} dimension \`${d.value}\` names no ${d.name === 'TargetGroup' ? 'target group' : 'load balancer'}; there are ${listed(names)}${didYouMean(d.value, names)}` });
      else if (d.name === 'LoadBalancer' && context.loadBalancers.length > 1) errors.push({ path: where, anchor: 'value', message: 'a LoadBalancer dimension with several load balancers is not supported by this version of elbsim yet; use the TargetGroup dimension' });
    }
    return { name: a.name, group, spec };
  });

  const composites = file.compositeAlarms ?? [];
  const metricNames = alarms.map((a) => a.name);
  const compositeNames = composites.map((c) => c.name);
  const all = [...metricNames, ...compositeNames];
  checkUnique(metricNames, BASE, errors);
  compositeNames.forEach((name, i) => {
    const first = all.indexOf(name);
    if (first < metricNames.length) errors.push({ path: [...COMPOSITE, i, 'name'], anchor: 'value', message: `\`${name}\` is already the name of cloudWatch.alarms item ${first}; alarm names must be unique` });
    else if (first - metricNames.length < i) errors.push({ path: [...COMPOSITE, i, 'name'], anchor: 'value', message: `\`${name}\` is already the name of item ${first - metricNames.length}; alarm names must be unique` });
  });

  // Children of each composite alarm; the rule parsed in the schema already.
  const children = composites.map((c, i) => {
    const names = ruleNames(parseAlarmRule(c.alarmRule));
    for (const n of names) {
      if (n === c.name) errors.push({ path: [...COMPOSITE, i, 'alarmRule'], anchor: 'value', message: `the rule names \`${n}\`, this alarm itself; a composite alarm cannot depend on its own state` });
      else if (!all.includes(n)) errors.push({ path: [...COMPOSITE, i, 'alarmRule'], anchor: 'value', message: `the rule names \`${n}\`, which is not an alarm of cloudWatch.alarms or cloudWatch.compositeAlarms${all.length > 0 ? `; there are ${listed(all)}` : ''}${didYouMean(n, all)}` });
    }
    return names.map((n) => compositeNames.indexOf(n)).filter((k) => k >= 0 && k !== i);
  });

  // Depth-first: a composite alarm after the composite alarms it names; a cycle is an error at the alarm that closes it.
  const order: number[] = [];
  const mark = new Array<0 | 1 | 2>(composites.length).fill(0);
  const visit = (i: number, trail: number[]): void => {
    if (mark[i] === 2) return;
    if (mark[i] === 1) {
      const cycle = [...trail.slice(trail.indexOf(i)), i].map((k) => `\`${compositeNames[k]}\``).join(' → ');
      errors.push({ path: [...COMPOSITE, trail[trail.length - 1]!, 'alarmRule'], anchor: 'value', message: `the composite alarms depend on each other in a circle (${cycle}); AWS refuses a circular alarm rule` });
      return;
    }
    mark[i] = 1;
    for (const k of children[i]!) visit(k, [...trail, i]);
    mark[i] = 2;
    order.push(i);
  };
  composites.forEach((_, i) => visit(i, []));
  return { alarms, compositeAlarms: order.map((i) => ({ name: composites[i]!.name, alarmRule: composites[i]!.alarmRule })) };
}
