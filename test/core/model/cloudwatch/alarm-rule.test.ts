/**
 * A composite alarm's AlarmRule (PutCompositeAlarm, CW-COMP): AWS's documented examples parse
 * and mean what AWS says, precedence is NOT > AND > OR, errors say where, and the composite
 * state follows its children (ALARM when the rule holds, else OK; INSUFFICIENT_DATA children
 * make ALARM() and OK() false).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AlarmRuleError, compositeState, evaluateRule, parseAlarmRule, ruleNames, type RuleNode } from '../../../../core/model/cloudwatch/alarm-rule.ts';
import type { AlarmState } from '../../../../core/model/cloudwatch/index.ts';

const STATES: AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const states = (m: Record<string, AlarmState>) => (name: string) => {
  if (!(name in m)) throw new Error(`no state for ${name}`);
  return m[name]!;
};

function errorAt(rule: string): { message: string; offset: number } {
  try {
    parseAlarmRule(rule);
  } catch (e) {
    if (e instanceof AlarmRuleError) return { message: e.message, offset: e.offset };
    throw e;
  }
  throw new Error(`expected ${rule} to be refused`);
}

describe('AWS documented AlarmRule examples', () => {
  it('ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh): ALARM only if both are in ALARM', () => {
    const rule = parseAlarmRule('ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh)');
    expect(ruleNames(rule)).toEqual(['CPUUtilizationTooHigh', 'DiskReadOpsTooHigh']);
    for (const a of STATES) {
      for (const b of STATES) {
        const want = a === 'ALARM' && b === 'ALARM' ? 'ALARM' : 'OK';
        expect(compositeState(rule, states({ CPUUtilizationTooHigh: a, DiskReadOpsTooHigh: b })), `${a} ${b}`).toBe(want);
      }
    }
  });

  it('ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress): held off while the deployment alarm is in ALARM', () => {
    const rule = parseAlarmRule('ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress)');
    expect(compositeState(rule, states({ CPUUtilizationTooHigh: 'ALARM', DeploymentInProgress: 'ALARM' }))).toBe('OK');
    expect(compositeState(rule, states({ CPUUtilizationTooHigh: 'ALARM', DeploymentInProgress: 'OK' }))).toBe('ALARM');
    expect(compositeState(rule, states({ CPUUtilizationTooHigh: 'ALARM', DeploymentInProgress: 'INSUFFICIENT_DATA' }))).toBe('ALARM');
  });

  it('(ALARM(CPUUtilizationTooHigh) OR ALARM(DiskReadOpsTooHigh)) AND OK(NetworkOutTooHigh)', () => {
    const rule = parseAlarmRule('(ALARM(CPUUtilizationTooHigh) OR ALARM(DiskReadOpsTooHigh)) AND OK(NetworkOutTooHigh)');
    expect(compositeState(rule, states({ CPUUtilizationTooHigh: 'OK', DiskReadOpsTooHigh: 'ALARM', NetworkOutTooHigh: 'OK' }))).toBe('ALARM');
    expect(compositeState(rule, states({ CPUUtilizationTooHigh: 'ALARM', DiskReadOpsTooHigh: 'OK', NetworkOutTooHigh: 'INSUFFICIENT_DATA' }))).toBe('OK');
    expect(compositeState(rule, states({ CPUUtilizationTooHigh: 'OK', DiskReadOpsTooHigh: 'OK', NetworkOutTooHigh: 'OK' }))).toBe('OK');
  });

  it('names may be in double quotes or bare, with the same meaning; quoted names may hold spaces and parentheses', () => {
    expect(parseAlarmRule('ALARM("a-b") OR OK( c.d )')).toEqual(parseAlarmRule('ALARM(a-b) OR OK(c.d)'));
    expect(ruleNames(parseAlarmRule('ALARM("5xx (high) in us-east-1b")'))).toEqual(['5xx (high) in us-east-1b']);
  });

  it('TRUE and FALSE always hold / never hold, whatever the children', () => {
    expect(compositeState(parseAlarmRule('TRUE'), states({}))).toBe('ALARM');
    expect(compositeState(parseAlarmRule('FALSE'), states({}))).toBe('OK');
    expect(compositeState(parseAlarmRule('FALSE OR INSUFFICIENT_DATA(x)'), states({ x: 'INSUFFICIENT_DATA' }))).toBe('ALARM');
  });
});

describe('precedence and grouping', () => {
  const all = (a: AlarmState, b: AlarmState, c: AlarmState) => states({ a, b, c });
  it('AND binds tighter than OR: a OR b AND c is a OR (b AND c), not (a OR b) AND c', () => {
    const rule = parseAlarmRule('ALARM(a) OR ALARM(b) AND ALARM(c)');
    expect(rule).toEqual(parseAlarmRule('ALARM(a) OR (ALARM(b) AND ALARM(c))'));
    expect(compositeState(rule, all('ALARM', 'OK', 'OK'))).toBe('ALARM'); // (a OR b) AND c would be OK
  });
  it('NOT binds tighter than AND: NOT a AND b is (NOT a) AND b', () => {
    const rule = parseAlarmRule('NOT ALARM(a) AND ALARM(b)');
    expect(compositeState(rule, all('OK', 'ALARM', 'OK'))).toBe('ALARM');
    expect(compositeState(rule, all('OK', 'OK', 'OK'))).toBe('OK'); // NOT (a AND b) would be ALARM
  });
  it('parentheses override: (a OR b) AND c', () => {
    expect(compositeState(parseAlarmRule('(ALARM(a) OR ALARM(b)) AND ALARM(c)'), all('ALARM', 'OK', 'OK'))).toBe('OK');
  });
  it('NOT NOT and nested parentheses', () => {
    expect(compositeState(parseAlarmRule('NOT NOT ((ALARM(a)))'), all('ALARM', 'OK', 'OK'))).toBe('ALARM');
  });
  it('AND and OR are left-associative and agree with the Boolean operators for any states (property)', () => {
    const state = fc.constantFrom<AlarmState>(...STATES);
    fc.assert(
      fc.property(state, state, state, fc.constantFrom('AND', 'OR'), fc.constantFrom('AND', 'OR'), fc.boolean(), (a, b, c, op1, op2, negate) => {
        const rule = `${negate ? 'NOT ' : ''}ALARM(a) ${op1} OK(b) ${op2} INSUFFICIENT_DATA(c)`;
        const x = (negate ? a !== 'ALARM' : a === 'ALARM');
        const y = b === 'OK';
        const z = c === 'INSUFFICIENT_DATA';
        const f = (p: boolean, op: string, q: boolean) => (op === 'AND' ? p && q : p || q);
        // AND first, then OR, left to right.
        const want = op1 === 'AND' ? f(f(x, 'AND', y), op2, z) : op2 === 'AND' ? x || (y && z) : (x || y) || z;
        expect(evaluateRule(parseAlarmRule(rule), all(a, b, c))).toBe(want);
      }),
    );
  });
});

describe('INSUFFICIENT_DATA children', () => {
  it('truth table of ALARM(), OK(), INSUFFICIENT_DATA() over each child state', () => {
    const table = STATES.map((s) => ['ALARM', 'OK', 'INSUFFICIENT_DATA'].map((fn) => compositeState(parseAlarmRule(`${fn}(x)`), states({ x: s }))));
    expect(table).toEqual([
      // child OK
      ['OK', 'ALARM', 'OK'],
      // child ALARM
      ['ALARM', 'OK', 'OK'],
      // child INSUFFICIENT_DATA: neither ALARM() nor OK() holds; the composite is OK, never INSUFFICIENT_DATA
      ['OK', 'OK', 'ALARM'],
    ]);
  });
});

describe('rules that do not parse say where', () => {
  const cases: [string, RegExp, number][] = [
    ['', /empty/, 0],
    ['ALARM(a) AND', /found the end of the rule/, 12],
    ['ALARM(a) ALARM(b)', /unexpected `ALARM` at character 10; join conditions with AND or OR/, 9],
    ['ALARM(a) and ALARM(b)', /keywords are upper case: write AND/, 9],
    ['alarm(a)', /keywords are upper case; write ALARM/, 0],
    ['ALARM a', /ALARM at character 1 needs an alarm name in parentheses/, 6],
    ['ALARM()', /names no alarm/, 0],
    ['ALARM("a)', /no closing `"`/, 6],
    ['ALARM(a', /has no closing `\)`/, 0],
    ['(ALARM(a) OR ALARM(b)', /expected `\)` to close the `\(` at character 1, found the end of the rule/, 21],
    ['ALARM(a) & ALARM(b)', /unexpected `&` at character 10/, 9],
    ['MAYBE(a)', /expected ALARM\(name\), OK\(name\), INSUFFICIENT_DATA\(name\), TRUE, FALSE, NOT or `\(`, found `MAYBE` at character 1/, 0],
    ['ALARM("a" b)', /expected `\)` after the alarm name/, 10],
  ];
  for (const [rule, message, offset] of cases) {
    it(JSON.stringify(rule), () => {
      const e = errorAt(rule);
      expect(e.message).toMatch(message);
      expect(e.offset).toBe(offset);
    });
  }

  it('AWS limit: more than 10240 characters is refused', () => {
    const long = Array.from({ length: 800 }, (_, i) => `ALARM(alarm-${i})`).join(' OR ');
    expect(long.length).toBeGreaterThan(10240);
    expect(errorAt(long).message).toMatch(/at most 10240/);
  });

  it('a rule of ALARM() terms joined by OR parses whatever the names (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_.-][A-Za-z0-9_. -]{0,20}[A-Za-z0-9_.-]$/);
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 6 }), fc.boolean(), (names, quoted) => {
        const rule = names.map((n) => (quoted ? `ALARM("${n}")` : `ALARM(${n})`)).join(' OR ');
        const node: RuleNode = parseAlarmRule(rule);
        expect(ruleNames(node)).toEqual([...new Set(names.map((n) => n.trim()))]);
      }),
    );
  });
});
