/**
 * Activity-history cause sentences in AWS's wording (DescribeScalingActivities `Cause`; AS-TT
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html,
 * AS-HC https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html),
 * with the time as hh:mm:ss after the run start.
 */
import { describe, expect, it } from 'vitest';
import {
  alarmCause,
  formatRunTime,
  launchCause,
  rebalanceLaunchCause,
  scheduledActionCause,
  targetTrackingAlarmName,
  terminateCause,
  unhealthyCause,
} from '../../../../core/model/autoscaling/activity.ts';

describe('formatRunTime', () => {
  it('720 s → 00:12:00; 3661.9 s → 01:01:01; 93600 s → 26:00:00 (hours keep counting)', () => {
    expect(formatRunTime(720)).toBe('00:12:00');
    expect(formatRunTime(3661.9)).toBe('01:01:01');
    expect(formatRunTime(93_600)).toBe('26:00:00');
  });
});

describe('cause sentences', () => {
  it('an alarm-driven policy: monitor alarm, state, policy, capacities', () => {
    const alarm = targetTrackingAlarmName('web', 'High', 'cpu-50');
    expect(alarm).toBe('TargetTracking-web-AlarmHigh-cpu-50');
    expect(alarmCause(720, alarm, 'cpu-50', 4, 7)).toBe(
      'At 00:12:00 a monitor alarm TargetTracking-web-AlarmHigh-cpu-50 in state ALARM triggered policy cpu-50 changing the desired capacity from 4 to 7.',
    );
  });
  it('a scheduled action, with the constraints after it', () => {
    expect(scheduledActionCause(3600, { minSize: 2, maxSize: 10, desiredCapacity: 8 }, 4, 8)).toBe(
      'At 01:00:00 a scheduled action update of AutoScalingGroup constraints to min: 2, max: 10, desired: 8 changing the desired capacity from 4 to 8.',
    );
  });
  it('a scheduled action that leaves the desired capacity alone ends at the constraints', () => {
    expect(scheduledActionCause(3600, { minSize: 1, maxSize: 4, desiredCapacity: 2 }, 2, 2)).toBe(
      'At 01:00:00 a scheduled action update of AutoScalingGroup constraints to min: 1, max: 4, desired: 2.',
    );
  });
  it('launch and terminate to meet desired capacity', () => {
    expect(launchCause(300, 3, 4)).toBe(
      'At 00:05:00 an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 3 to 4.',
    );
    expect(terminateCause(300, 4, 3)).toBe(
      'At 00:05:00 an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from 4 to 3.',
    );
  });
  it('health replacements: ELB and EC2 health checks', () => {
    expect(unhealthyCause(1200, 'ELB')).toBe('At 00:20:00 an instance was taken out of service in response to an ELB system health check failure.');
    expect(unhealthyCause(1200, 'EC2')).toBe(
      'At 00:20:00 an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped.',
    );
  });
  it('AZ rebalancing launch', () => {
    expect(rebalanceLaunchCause(1800)).toBe("At 00:30:00 an instance was launched to aid in balancing the group's zones.");
  });
});
