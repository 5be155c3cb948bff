/**
 * The cause sentences of the Auto Scaling activity history, in AWS's wording
 * (`DescribeScalingActivities` → `Cause`; AS-TT, AS-STEP, AS-HC, AS-SCHED, AS-BEN), written into
 * events.csv as the detail of `scaling` events.
 *
 * AWS stamps each sentence with an ISO time (`At 2026-03-02T10:12:00Z a monitor alarm …`).
 * A simulated run has no calendar date, so the time is printed as hh:mm:ss after the run start
 * (`At 00:12:00 a monitor alarm …`); hours keep counting past 24 (`At 26:00:00`). Fractions of a
 * second are dropped.
 *
 * Sentences marked [elbsim] in their comment are not AWS's wording: AWS's is undocumented or
 * the event has no AWS counterpart.
 */

/** Seconds from the run start as `hh:mm:ss` (at least two digits of hours). */
export function formatRunTime(atS: number): string {
  const total = Math.max(0, Math.floor(atS));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(hours)}:${two(minutes)}:${two(seconds)}`;
}

/**
 * The name Auto Scaling gives a target-tracking policy's alarms (AS-TT):
 * `TargetTracking-<group>-AlarmHigh-<id>` / `…-AlarmLow-<id>`. AWS's id is a UUID; pass any
 * deterministic id (the policy name, say).
 */
export function targetTrackingAlarmName(groupName: string, which: 'High' | 'Low', id: string): string {
  return `TargetTracking-${groupName}-Alarm${which}-${id}`;
}

/**
 * A policy run by an alarm (target tracking, step or simple scaling, any adjustment type):
 * `At 00:12:00 a monitor alarm TargetTracking-web-AlarmHigh-cpu-50 in state ALARM triggered
 * policy cpu-50 changing the desired capacity from 4 to 7.`
 */
export function alarmCause(atS: number, alarmName: string, policyName: string, fromCapacity: number, toCapacity: number): string {
  return `At ${formatRunTime(atS)} a monitor alarm ${alarmName} in state ALARM triggered policy ${policyName} changing the desired capacity from ${fromCapacity} to ${toCapacity}.`;
}

/** The group's constraints after a scheduled action (all three, as AWS prints them). */
export interface GroupConstraints {
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
}

/**
 * A scheduled action: `At 01:00:00 a scheduled action update of AutoScalingGroup constraints to
 * min: 2, max: 10, desired: 8 changing the desired capacity from 4 to 8.` The constraints are
 * the group's after the action. Without a change of desired capacity the sentence ends at the
 * constraints [inferred].
 */
export function scheduledActionCause(atS: number, constraints: GroupConstraints, fromCapacity: number, toCapacity: number): string {
  const update = `At ${formatRunTime(atS)} a scheduled action update of AutoScalingGroup constraints to min: ${constraints.minSize}, max: ${constraints.maxSize}, desired: ${constraints.desiredCapacity}`;
  return fromCapacity === toCapacity ? `${update}.` : `${update} changing the desired capacity from ${fromCapacity} to ${toCapacity}.`;
}

/** A launch to close the gap to desired capacity: `At 00:05:00 an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 3 to 4.` */
export function launchCause(atS: number, fromCapacity: number, toCapacity: number): string {
  return `At ${formatRunTime(atS)} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${fromCapacity} to ${toCapacity}.`;
}

/** A termination to close the gap to desired capacity (scale-in): `… shrinking the capacity from 4 to 3.` */
export function terminateCause(atS: number, fromCapacity: number, toCapacity: number): string {
  return `At ${formatRunTime(atS)} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${fromCapacity} to ${toCapacity}.`;
}

/**
 * A health replacement (AS-HC): `At 00:20:00 an instance was taken out of service in response to
 * an ELB system health check failure.`, or for EC2 `… in response to an EC2 health check
 * indicating it has been terminated or stopped.`
 */
export function unhealthyCause(atS: number, check: 'ELB' | 'EC2'): string {
  const reason = check === 'ELB' ? 'an ELB system health check failure' : 'an EC2 health check indicating it has been terminated or stopped';
  return `At ${formatRunTime(atS)} an instance was taken out of service in response to ${reason}.`;
}

/** AZRebalance launch (AS-BEN): `At 00:30:00 an instance was launched to aid in balancing the group's zones.` */
export function rebalanceLaunchCause(atS: number): string {
  return `At ${formatRunTime(atS)} an instance was launched to aid in balancing the group's zones.`;
}

/** AZRebalance termination, after the launches [elbsim: mirrors the launch sentence]. */
export function rebalanceTerminateCause(atS: number): string {
  return `At ${formatRunTime(atS)} an instance was taken out of service to aid in balancing the group's zones.`;
}

/**
 * Predictive scaling raising the group ahead of an hour's forecast [elbsim: AWS records these
 * as its own scheduled updates; the wording here names the policy instead].
 */
export function predictiveCause(atS: number, policyName: string, forecastHourS: number, fromCapacity: number, toCapacity: number): string {
  return `At ${formatRunTime(atS)} predictive scaling policy ${policyName} prepared for the forecast at ${formatRunTime(forecastHourS)} changing the desired capacity from ${fromCapacity} to ${toCapacity}.`;
}

/** AS-PROT: what AWS reports when scale-in finds every remaining instance protected. */
export const ALL_PROTECTED_MESSAGE = 'Could not scale to desired capacity because all remaining instances are protected from scale-in.';

/**
 * SetDesiredCapacity (AS-MAN): `At 00:10:00 a user request explicitly set group desired capacity
 * changing the desired capacity from 4 to 6.`
 */
export function manualDesiredCause(atS: number, fromCapacity: number, toCapacity: number): string {
  return `At ${formatRunTime(atS)} a user request explicitly set group desired capacity changing the desired capacity from ${fromCapacity} to ${toCapacity}.`;
}

/** How a user request moved an instance, in AWS's words (EnterStandby, ExitStandby, DetachInstances) or [inferred] for attach. */
export type InstanceMove = 'enter-standby' | 'exit-standby' | 'detach' | 'attach';

const MOVE_WORDS: Readonly<Record<InstanceMove, string>> = {
  'enter-standby': 'was moved to standby',
  'exit-standby': 'was moved out of standby',
  detach: 'was detached',
  attach: 'was attached', // [inferred: mirrors the detach sentence]
};

/**
 * `At 00:10:00 instance i-0003 was moved to standby in response to a user request, shrinking the
 * capacity from 4 to 3.` (AWS EnterStandby example); `… was moved out of standby …, increasing
 * the capacity from 3 to 4.`; `… was detached …`. Without a change of desired capacity (the
 * group launches a replacement) the sentence ends after "a user request" [inferred].
 */
export function instanceMoveCause(atS: number, move: InstanceMove, instance: string, fromCapacity: number, toCapacity: number): string {
  const head = `At ${formatRunTime(atS)} instance ${instance} ${MOVE_WORDS[move]} in response to a user request`;
  if (fromCapacity === toCapacity) return `${head}.`;
  return `${head}, ${toCapacity > fromCapacity ? 'increasing' : 'shrinking'} the capacity from ${fromCapacity} to ${toCapacity}.`;
}

/** Maximum instance lifetime (AS-MIL) [inferred: AWS's sentence is not documented]. */
export function lifetimeCause(atS: number): string {
  return `At ${formatRunTime(atS)} an instance was taken out of service in response to a maximum instance lifetime policy.`;
}

/** Instance refresh (AS-IR) [observed]: `At 00:20:00 an instance was taken out of service in response to an instance refresh.` */
export function refreshTerminateCause(atS: number): string {
  return `At ${formatRunTime(atS)} an instance was taken out of service in response to an instance refresh.`;
}

/** A launch ahead of a termination during an instance refresh (MaxHealthyPercentage above 100) [inferred]. */
export function refreshLaunchCause(atS: number, fromCapacity: number, toCapacity: number): string {
  return `At ${formatRunTime(atS)} an instance was launched in response to an instance refresh, increasing the capacity from ${fromCapacity} to ${toCapacity}.`;
}

/**
 * A request the group refuses, as AWS's error says it (ValidationError for sizes: `New
 * SetDesiredCapacity value 12 is above max value 10 for the AutoScalingGroup.`) [the other
 * refusals' wording is elbsim's]; `action` is the API name.
 */
export function refusedCause(atS: number, action: string, reason: string): string {
  return `At ${formatRunTime(atS)} ${action} was refused: ${reason}`;
}

/** Capacity Rebalancing (AS-CR) [observed wording]: `At 00:20:00 an instance was launched in response to an EC2 instance rebalance recommendation.` */
export function rebalanceRecommendationLaunchCause(atS: number): string {
  return `At ${formatRunTime(atS)} an instance was launched in response to an EC2 instance rebalance recommendation.`;
}

/** Capacity Rebalancing, the old instance once its replacement is InService: `At 00:21:00 an instance was taken out of service in response to an EC2 instance rebalance recommendation.` */
export function rebalanceRecommendationTerminateCause(atS: number): string {
  return `At ${formatRunTime(atS)} an instance was taken out of service in response to an EC2 instance rebalance recommendation.`;
}

/** A Spot interruption: EC2 terminates the instance (its StateReason `Server.SpotInstanceTermination`); the group sees it through its EC2 health check. */
export function spotInterruptionCause(atS: number): string {
  return `At ${formatRunTime(atS)} an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped (Server.SpotInstanceTermination: Spot instance termination).`;
}
