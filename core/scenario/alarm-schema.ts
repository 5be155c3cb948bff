/**
 * The schema of `cloudWatch.alarms` and `cloudWatch.compositeAlarms`: metric alarms with no
 * action (the same keys as a step policy's alarm, scaling-schema.ts, plus a name and the group
 * they read) and composite alarms (a name and an AlarmRule, parsed by
 * core/model/cloudwatch/alarm-rule.ts). References between alarms are checked in
 * resolve-alarms.ts.
 */
import * as z from 'zod';
import { list, strictObject } from './objects.ts';
import { alarmShape, checkDatapoints, checkMath, checkMetric, mathMetric, metricShape } from './scaling-schema.ts';
import { metricOrMathAlarm } from './alarm-forms.ts';
import { text } from './values.ts';
import { AlarmRuleError, parseAlarmRule } from '../model/cloudwatch/alarm-rule.ts';

/**
 * AWS alarm names: 1 to 255 characters, no ASCII control characters (PutMetricAlarm). elbsim
 * also refuses `"`, since a composite alarm's rule quotes names with it.
 */
export const alarmName = text({ nonEmpty: true }).superRefine((name, ctx) => {
  if (name.length > 255) ctx.addIssue({ code: 'custom', message: `the name is ${name.length} characters long; AWS alarm names have 1 to 255 characters` });
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(name)) ctx.addIssue({ code: 'custom', message: 'an alarm name may not hold control characters (AWS)' });
  else if (name.includes('"')) ctx.addIssue({ code: 'custom', message: 'an alarm name may not hold `"`: composite alarm rules quote names with it' });
});

/** The keys a standalone alarm has besides its alarm's: its name, and the group whose metrics it reads. */
const standaloneShape = { name: alarmName, autoScalingGroup: text({ nonEmpty: true }).optional() };

const standaloneMetricAlarm = strictObject({ ...standaloneShape, ...metricShape, ...alarmShape }).superRefine((a, ctx) => {
  checkMetric(a, ctx);
  checkDatapoints(a, ctx);
});

const standaloneMathAlarm = strictObject({ ...standaloneShape, expression: text({ nonEmpty: true }), metrics: list(mathMetric, { min: 1 }), ...alarmShape }).superRefine((a, ctx) => {
  checkDatapoints(a, ctx);
  checkMath(a, ctx);
});

/** An item of `cloudWatch.alarms`: a named metric alarm (or metric math alarm) with no action, only a state. */
export const standaloneAlarm = metricOrMathAlarm(standaloneMetricAlarm, standaloneMathAlarm);

/** An item of `cloudWatch.compositeAlarms`: a name and an AlarmRule over other alarms' states (CW-COMP). */
// YAML reads a bare TRUE / FALSE as a boolean; as a whole rule it means the constant.
const alarmRule = z.unknown().transform((value) => (typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value)).pipe(text({ nonEmpty: true }));

export const compositeAlarm = strictObject({ name: alarmName, alarmRule }).superRefine((a, ctx) => {
  try {
    parseAlarmRule(a.alarmRule);
  } catch (e) {
    if (!(e instanceof AlarmRuleError)) throw e;
    ctx.addIssue({ code: 'custom', path: ['alarmRule'], message: e.message });
  }
});

export type StandaloneAlarmFile = z.output<typeof standaloneAlarm>;
export type CompositeAlarmFile = z.output<typeof compositeAlarm>;
