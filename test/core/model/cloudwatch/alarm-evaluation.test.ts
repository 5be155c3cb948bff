/**
 * The alarm evaluator against every example on AWS's page "Configuring how CloudWatch alarms
 * treat missing data" (CW-ALARM: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html,
 * aws-behaviour.md §5.6): N = 3, evaluation range 5, `0` not breaching, `X` breaching, `-` missing,
 * oldest on the left.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAlarm, evaluationRange, isBreaching, type AlarmState } from '../../../../core/model/cloudwatch/alarm.ts';
import type { AlarmSpec, ComparisonOperator, TreatMissingData } from '../../../../core/scenario/types.ts';

const THRESHOLD = 50;

function spec(datapointsToAlarm: number, treatMissingData: TreatMissingData, evaluationPeriods = 3): AlarmSpec {
  return {
    namespace: 'AWS/EC2',
    metric: 'CPUUtilization',
    statistic: 'Average',
    dimension: null,
    periodS: 300,
    evaluationPeriods,
    datapointsToAlarm,
    threshold: THRESHOLD,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData,
  };
}

/** `0-X-X` → [10, null, 90, null, 90]. */
function points(pattern: string): (number | null)[] {
  return [...pattern].map((c) => (c === '-' ? null : c === 'X' ? 90 : 10));
}

type Expected = AlarmState | 'retain';
const STATES: AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const MODES: TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

/** Checks one table row: per TreatMissingData, from every current state. */
function checkRow(pattern: string, m: number, expected: Record<TreatMissingData, Expected>): void {
  for (const mode of MODES) {
    for (const current of STATES) {
      const want = expected[mode] === 'retain' ? current : expected[mode];
      expect(evaluateAlarm(points(pattern), spec(m, mode), current), `${pattern} ${mode} from ${current}`).toBe(want);
    }
  }
}

const all = (state: Expected): Record<TreatMissingData, Expected> => ({
  missing: state,
  ignore: state,
  breaching: state,
  notBreaching: state,
});

describe('alarm evaluation range (CW-ALARM: "CloudWatch retrieves the 5 most recent data points" for N = 3)', () => {
  it('is EvaluationPeriods + 2: 3 → 5, 1 → 3, 15 → 17', () => {
    expect([3, 1, 15].map(evaluationRange)).toEqual([5, 3, 17]);
  });
});

describe('missing data, first table: Datapoints to Alarm = Evaluation Periods = 3 (CW-ALARM)', () => {
  it('0-X-X: OK under every TreatMissingData (three real datapoints, one breach short)', () => {
    checkRow('0-X-X', 3, all('OK'));
  });
  it('0----: OK under every TreatMissingData, breaching included (0 plus two filled X is 2 of 3)', () => {
    checkRow('0----', 3, all('OK'));
  });
  it('-----: INSUFFICIENT_DATA / retain / ALARM / OK for missing / ignore / breaching / notBreaching', () => {
    checkRow('-----', 3, { missing: 'INSUFFICIENT_DATA', ignore: 'retain', breaching: 'ALARM', notBreaching: 'OK' });
  });
  it('0XX-X: ALARM under every TreatMissingData (the three most recent real datapoints all breach)', () => {
    checkRow('0XX-X', 3, all('ALARM'));
  });
  it('--X--: ALARM / retain / ALARM / OK (premature-alarm rule: the breach is 3 datapoints old)', () => {
    checkRow('--X--', 3, { missing: 'ALARM', ignore: 'retain', breaching: 'ALARM', notBreaching: 'OK' });
  });
});

describe('missing data, second table: 2 out of 3 (CW-ALARM)', () => {
  it('0-X-X: ALARM under every TreatMissingData', () => {
    checkRow('0-X-X', 2, all('ALARM'));
  });
  it('00X0X: ALARM under every TreatMissingData (the two oldest datapoints are not needed)', () => {
    checkRow('00X0X', 2, all('ALARM'));
  });
  it('0-X--: OK except breaching → ALARM', () => {
    checkRow('0-X--', 2, { missing: 'OK', ignore: 'OK', breaching: 'ALARM', notBreaching: 'OK' });
  });
  it('----0: OK except breaching → ALARM (the two filled datapoints breach)', () => {
    checkRow('----0', 2, { missing: 'OK', ignore: 'OK', breaching: 'ALARM', notBreaching: 'OK' });
  });
  it('---X-: ALARM except ignore → retain and notBreaching → OK', () => {
    checkRow('---X-', 2, { missing: 'ALARM', ignore: 'retain', breaching: 'ALARM', notBreaching: 'OK' });
  });
});

describe('premature-alarm guard (CW-ALARM, "Avoiding premature transitions to alarm state")', () => {
  it('----X with M = 3 does not alarm yet: INSUFFICIENT_DATA / retain / ALARM / OK (older page row)', () => {
    checkRow('----X', 3, { missing: 'INSUFFICIENT_DATA', ignore: 'retain', breaching: 'ALARM', notBreaching: 'OK' });
  });
  it('---X- with M = 3 does not alarm yet, as ----X', () => {
    checkRow('---X-', 3, { missing: 'INSUFFICIENT_DATA', ignore: 'retain', breaching: 'ALARM', notBreaching: 'OK' });
  });
  it('----X with M = 2: INSUFFICIENT_DATA under missing (older page, 2-of-3 table)', () => {
    checkRow('----X', 2, { missing: 'INSUFFICIENT_DATA', ignore: 'retain', breaching: 'ALARM', notBreaching: 'OK' });
  });
  it('X---- with M = 3: ALARM under missing, retain under ignore (older page: oldest point breaches, none is OK)', () => {
    checkRow('X----', 3, { missing: 'ALARM', ignore: 'retain', breaching: 'ALARM', notBreaching: 'OK' });
  });
  it('the feared sequences ---XO and --X-O stay OK once the next datapoint is not breaching', () => {
    checkRow('---X0', 3, { missing: 'OK', ignore: 'OK', breaching: 'OK', notBreaching: 'OK' });
    checkRow('--X-0', 3, { missing: 'OK', ignore: 'OK', breaching: 'OK', notBreaching: 'OK' });
  });
  it('-X-X- with M = 3: ALARM under missing, since every real datapoint breaches and the oldest is 4 old', () => {
    expect(evaluateAlarm(points('-X-X-'), spec(3, 'missing'), 'OK')).toBe('ALARM');
  });
});

describe('M out of N without missing data (CW-ALARM, "Evaluating an alarm")', () => {
  it('2 of 3: X0X alarms, 00X does not; the breaches need not be consecutive', () => {
    expect(evaluateAlarm(points('X0X'), spec(2, 'missing'), 'OK')).toBe('ALARM');
    expect(evaluateAlarm(points('00X'), spec(2, 'missing'), 'ALARM')).toBe('OK');
  });
  it('3 of 3 over a 5-point range uses only the newest 3: XX000 is OK, 00XXX is ALARM', () => {
    expect(evaluateAlarm(points('XX000'), spec(3, 'missing'), 'ALARM')).toBe('OK');
    expect(evaluateAlarm(points('00XXX'), spec(3, 'missing'), 'OK')).toBe('ALARM');
  });
  it('rejects DatapointsToAlarm above EvaluationPeriods and fewer points than N', () => {
    expect(() => evaluateAlarm(points('XXXXX'), spec(4, 'missing'), 'OK')).toThrow(/DatapointsToAlarm/);
    expect(() => evaluateAlarm(points('XX'), spec(3, 'missing'), 'OK')).toThrow(/at least 3/);
  });
});

describe('comparison operators at the threshold (CFN-ALARM ComparisonOperator)', () => {
  const cases: [ComparisonOperator, number, boolean][] = [
    ['GreaterThanThreshold', 50, false],
    ['GreaterThanThreshold', 50.0001, true],
    ['GreaterThanOrEqualToThreshold', 50, true],
    ['GreaterThanOrEqualToThreshold', 49.9999, false],
    ['LessThanThreshold', 50, false],
    ['LessThanThreshold', 49.9999, true],
    ['LessThanOrEqualToThreshold', 50, true],
    ['LessThanOrEqualToThreshold', 50.0001, false],
  ];
  it.each(cases)('%s, threshold 50, value %d: breaching = %s', (operator, value, breaching) => {
    expect(isBreaching(value, operator, 50)).toBe(breaching);
    const s: AlarmSpec = { ...spec(1, 'missing', 1), comparisonOperator: operator };
    expect(evaluateAlarm([null, null, value], s, 'INSUFFICIENT_DATA')).toBe(breaching ? 'ALARM' : 'OK');
  });
});
