/**
 * `cloudWatch.alarms` and `cloudWatch.compositeAlarms` in scenario files: the same keys as a
 * policy's alarm, names unique across both lists, rules that parse and name alarms that exist,
 * no circular rules; each error located by file, line and key.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, errorsOf, MINIMAL, scenarioOf } from './helpers.ts';

const ALARM = (name: string, extra = '') =>
  `    - { name: ${name}, namespace: AWS/ApplicationELB, metric: HTTPCode_ELB_5XX_Count, statistic: Sum, period: 60s, evaluationPeriods: 1, threshold: 10, comparisonOperator: GreaterThanThreshold${extra} }\n`;
const withAlarms = (alarms: string, composites = '') => `${MINIMAL}cloudWatch:\n  alarms:\n${alarms}${composites ? `  compositeAlarms:\n${composites}` : ''}`;

describe('standalone alarms', () => {
  it('are read with the policy alarm keys and defaults; a scenario without them has no alarms', () => {
    const s = scenarioOf(withAlarms(ALARM('five-xx') + ALARM('cpu', ', datapointsToAlarm: 1').replace('AWS/ApplicationELB, metric: HTTPCode_ELB_5XX_Count', 'AWS/EC2, metric: CPUUtilization')));
    expect(s.alarms!.map((a) => [a.name, a.group, a.spec.namespace, a.spec.metric, a.spec.periodS, a.spec.datapointsToAlarm, a.spec.treatMissingData])).toEqual([
      ['five-xx', 0, 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 60, 1, 'missing'],
      ['cpu', 0, 'AWS/EC2', 'CPUUtilization', 60, 1, 'missing'],
    ]);
    const plain = scenarioOf(MINIMAL);
    expect('alarms' in plain || 'compositeAlarms' in plain).toBe(false);
  });

  it('a metric math alarm is accepted', () => {
    const s = scenarioOf(`${MINIMAL}cloudWatch:\n  alarms:\n    - name: err-rate\n      expression: 100 * e / r\n      metrics:\n        - { id: e, namespace: AWS/ApplicationELB, metric: HTTPCode_ELB_5XX_Count, statistic: Sum }\n        - { id: r, namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum }\n      period: 60s\n      evaluationPeriods: 2\n      threshold: 5\n      comparisonOperator: GreaterThanThreshold\n`);
    expect(s.alarms![0]!.spec.math!.expression).toBe('100 * e / r');
  });

  it('a repeated name is a located error', () => {
    expect(errorOf(withAlarms(ALARM('a') + ALARM('a')))).toBe('scenarios/x.yaml:7:15: cloudWatch.alarms.1.name: `a` is already the name of item 0; names must be unique');
  });

  it('a name with a double quote or over 255 characters is refused (AWS alarm names)', () => {
    expect(errorOf(withAlarms(ALARM("'a\"b'")))).toMatch(/^scenarios\/x\.yaml:6:15: cloudWatch\.alarms\.0\.name: an alarm name may not hold `"`/);
    expect(errorOf(withAlarms(ALARM('x'.repeat(256))))).toMatch(/cloudWatch\.alarms\.0\.name: the name is 256 characters long; AWS alarm names have 1 to 255 characters/);
  });

  it('the policy alarm checks apply: an unknown metric, M > N, a missing key', () => {
    expect(errorOf(withAlarms(ALARM('a').replace('HTTPCode_ELB_5XX_Count', 'HTTPCode_ELB_5xx_Count')))).toMatch(/cloudWatch\.alarms\.0\.metric: `HTTPCode_ELB_5xx_Count` is not an AWS\/ApplicationELB metric elbsim publishes \(did you mean `HTTPCode_ELB_5XX_Count`\?\)/);
    expect(errorOf(withAlarms(ALARM('a', ', datapointsToAlarm: 3')))).toMatch(/cloudWatch\.alarms\.0\.datapointsToAlarm: 3 is more than evaluationPeriods \(1\)/);
    expect(errorOf(withAlarms(ALARM('a').replace(', threshold: 10', '')))).toBe('scenarios/x.yaml:6:7: cloudWatch.alarms.0.threshold: required key is missing');
  });

  it('an unknown autoScalingGroup or dimension is a located error', () => {
    expect(errorOf(withAlarms(ALARM('a', ', autoScalingGroup: web')))).toMatch(/^scenarios\/x\.yaml:6:\d+: cloudWatch\.alarms\.0\.autoScalingGroup: no Auto Scaling group is named `web`/);
    expect(errorOf(withAlarms(ALARM('a', ', dimensions: { TargetGroup: nope }')))).toMatch(/cloudWatch\.alarms\.0\.dimensions: the TargetGroup dimension `nope` names no target group/);
  });

  it('an ELB namespace that does not match the load balancer is refused', () => {
    expect(errorOf(withAlarms(ALARM('a').replace('AWS/ApplicationELB, metric: HTTPCode_ELB_5XX_Count', 'AWS/NetworkELB, metric: ActiveFlowCount')))).toMatch(/cloudWatch\.alarms\.0\.namespace: AWS\/NetworkELB metrics come from a network load balancer; this scenario has an application one/);
  });
});

describe('composite alarms', () => {
  it('are kept with their rule, ordered after the composite alarms they name', () => {
    const s = scenarioOf(withAlarms(ALARM('a') + ALARM('b'), '    - { name: top, alarmRule: ALARM(mid) OR ALARM(a) }\n    - { name: mid, alarmRule: \'ALARM("a") AND NOT OK(b)\' }\n'));
    expect(s.compositeAlarms!.map((c) => c.name)).toEqual(['mid', 'top']);
  });

  it('a rule that does not parse: the key, and where in the rule', () => {
    expect(errorOf(withAlarms(ALARM('a'), '    - { name: c, alarmRule: ALARM(a) AND }\n'))).toBe('scenarios/x.yaml:8:29: cloudWatch.compositeAlarms.0.alarmRule: expected ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, NOT or `(`, found the end of the rule');
    expect(errorOf(withAlarms(ALARM('a'), '    - { name: c, alarmRule: ALARM(a) and TRUE }\n'))).toMatch(/cloudWatch\.compositeAlarms\.0\.alarmRule: unexpected `and` at character 10; keywords are upper case: write AND/);
  });

  it('a rule naming an alarm that does not exist suggests the nearest name', () => {
    expect(errorOf(withAlarms(ALARM('five-xx'), '    - { name: c, alarmRule: ALARM(five-xxx) }\n'))).toMatch(/^scenarios\/x\.yaml:8:29: cloudWatch\.compositeAlarms\.0\.alarmRule: the rule names `five-xxx`, which is not an alarm of cloudWatch\.alarms or cloudWatch\.compositeAlarms; there are `five-xx`, `c` \(did you mean `five-xx`\?\)/);
  });

  it('a composite alarm naming itself, or a circle of them, is refused', () => {
    expect(errorOf(withAlarms(ALARM('a'), '    - { name: c, alarmRule: ALARM(c) OR ALARM(a) }\n'))).toMatch(/compositeAlarms\.0\.alarmRule: the rule names `c`, this alarm itself/);
    expect(errorOf(withAlarms(ALARM('a'), '    - { name: x, alarmRule: ALARM(y) }\n    - { name: y, alarmRule: ALARM(z) }\n    - { name: z, alarmRule: OK(x) }\n'))).toMatch(/^scenarios\/x\.yaml:10:29: cloudWatch\.compositeAlarms\.2\.alarmRule: the composite alarms depend on each other in a circle \(`x` → `y` → `z` → `x`\); AWS refuses a circular alarm rule/);
  });

  it('a composite alarm may not share a metric alarm\'s name', () => {
    expect(errorsOf(withAlarms(ALARM('a'), '    - { name: a, alarmRule: TRUE }\n'))).toEqual(['scenarios/x.yaml:8:15: cloudWatch.compositeAlarms.0.name: `a` is already the name of cloudWatch.alarms item 0; alarm names must be unique']);
  });

  it('composite alarms need no metric alarms (TRUE / FALSE rules)', () => {
    // YAML reads a bare TRUE as a boolean; as a rule it is the constant.
    const s = scenarioOf(`${MINIMAL}cloudWatch:\n  compositeAlarms:\n    - { name: always, alarmRule: TRUE }\n    - { name: never, alarmRule: 'FALSE' }\n`);
    expect(s.compositeAlarms).toEqual([{ name: 'always', alarmRule: 'TRUE' }, { name: 'never', alarmRule: 'FALSE' }]);
  });
});
