/**
 * The scenario reference's notes on `cloudWatch.alarms` (metric alarms kept for their state) and
 * `cloudWatch.compositeAlarms` (AWS's AlarmRule over other alarms), beside the other keys' notes
 * in reference-notes.ts.
 */
export const ALARM_NOTES: Readonly<Record<string, string>> = {
  'cloudWatch.alarms': 'Metric alarms with no action, for their state alone (PutMetricAlarm without actions): each state change is an `alarm` event, and summary.json gives each one\'s time in ALARM. Same keys as a step policy\'s `alarm`, plus `name`.',
  'cloudWatch.alarms[].name': 'The alarm\'s name, unique among `alarms` and `compositeAlarms`: 1 to 255 characters, no control characters and no `"` (composite rules quote names with it).',
  'cloudWatch.alarms[].autoScalingGroup': 'The Auto Scaling group whose metrics the alarm reads: its AWS/EC2 and CWAgent metrics, and by default its first target group\'s ELB metrics (default: the first group).',
  'cloudWatch.alarms[].namespace': 'CloudWatch namespace of the metric (AWS/EC2, AWS/ApplicationELB, CWAgent, …).',
  'cloudWatch.alarms[].metric': 'CloudWatch metric name (HTTPCode_ELB_5XX_Count, TargetResponseTime, CPUUtilization, …).',
  'cloudWatch.alarms[].statistic': 'Statistic: Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99.',
  'cloudWatch.alarms[].dimensions': 'Read an ELB metric for one TargetGroup or LoadBalancer by name instead of the group\'s first target group.',
  'cloudWatch.alarms[].period': 'Length of one datapoint: 10 s, 30 s or a multiple of 60 s; 10 s and 30 s periods are evaluated every 10 s.',
  'cloudWatch.alarms[].evaluationPeriods': 'Datapoints the alarm looks at (the N of M-out-of-N).',
  'cloudWatch.alarms[].datapointsToAlarm': 'Breaching datapoints among them that put the alarm in ALARM (default: evaluationPeriods).',
  'cloudWatch.alarms[].threshold': 'Value the statistic is compared with.',
  'cloudWatch.alarms[].comparisonOperator': 'How the statistic is compared with the threshold.',
  'cloudWatch.alarms[].treatMissingData': 'How a period without data counts: missing, notBreaching, breaching or ignore.',
  'cloudWatch.alarms[].expression': 'Metric math instead of one metric, as in a policy\'s alarm: an expression over the `metrics` by id.',
  'cloudWatch.alarms[].metrics': 'The metrics a metric math `expression` names, each with an `id`.',
  'cloudWatch.alarms[].metrics[].id': 'The name the expression uses for this metric: a lowercase letter, then letters, digits or _.',
  'cloudWatch.alarms[].metrics[].namespace': 'CloudWatch namespace of this metric.',
  'cloudWatch.alarms[].metrics[].metric': 'CloudWatch metric name of this metric.',
  'cloudWatch.alarms[].metrics[].statistic': 'Statistic of this metric over each period.',
  'cloudWatch.alarms[].metrics[].dimensions': 'The TargetGroup or LoadBalancer this metric is read for.',
  'cloudWatch.compositeAlarms': 'Composite alarms (PutCompositeAlarm): a state from other alarms\' states, evaluated at creation (time 0) and whenever an alarm it names changes state. No actions and no ActionsSuppressor.',
  'cloudWatch.compositeAlarms[].name': 'The alarm\'s name, unique among `alarms` and `compositeAlarms` (same rules as `alarms[].name`).',
  'cloudWatch.compositeAlarms[].alarmRule': 'AWS\'s AlarmRule: ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, AND, OR, NOT and parentheses; names in double quotes or bare; NOT binds before AND before OR. It may name `alarms` and other composite alarms (not in a circle), not the alarms of scaling policies. At most 10240 characters.',
};
