/**
 * A composite alarm's AlarmRule (PutCompositeAlarm, CW-COMP): parsed once into a tree, then
 * evaluated against the states of the alarms it names. Pure.
 *
 * The grammar, as AWS documents it: `ALARM(name)`, `OK(name)`, `INSUFFICIENT_DATA(name)` are
 * true when the named alarm is in that state; `TRUE` and `FALSE` are constants; `AND`, `OR`,
 * `NOT` combine them and parentheses group. A name may be written in double quotes or bare
 * (AWS: "can be surrounded with double-quotes, but do not have to be"); a bare name runs to the
 * closing parenthesis, spaces at its ends trimmed. Keywords are upper case, as in AWS's examples.
 *
 * AWS does not state the operators' precedence; elbsim uses the usual Boolean one, NOT before
 * AND before OR, so `ALARM(a) OR ALARM(b) AND ALARM(c)` is `ALARM(a) OR (ALARM(b) AND ALARM(c))`
 * [elbsim assumption, listed in docs/fidelity.md; parentheses make a rule unambiguous].
 */
import type { AlarmState } from './alarm-evaluation.ts';

export type RuleNode =
  | { kind: 'state'; state: AlarmState; name: string }
  | { kind: 'const'; value: boolean }
  | { kind: 'not'; operand: RuleNode }
  | { kind: 'and' | 'or'; left: RuleNode; right: RuleNode };

/** AWS's limit on an AlarmRule's length (PutCompositeAlarm: 1 to 10240 characters). */
export const ALARM_RULE_MAX_LENGTH = 10_240;

/** A rule that does not parse; `offset` is the 0-based character where the problem is. */
export class AlarmRuleError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const STATES: readonly AlarmState[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];

type Token =
  | { t: 'word'; text: string; at: number }
  | { t: '('; at: number }
  | { t: ')'; at: number }
  | { t: 'end'; at: number };

/** Parses an AlarmRule; throws AlarmRuleError with the character it stopped at. */
export function parseAlarmRule(rule: string): RuleNode {
  if (rule.trim() === '') throw new AlarmRuleError('the rule is empty', 0);
  if (rule.length > ALARM_RULE_MAX_LENGTH) throw new AlarmRuleError(`the rule is ${rule.length} characters long; AWS allows at most ${ALARM_RULE_MAX_LENGTH}`, ALARM_RULE_MAX_LENGTH);
  // Names are read from the raw text (a bare name may hold any character but `)`), so tokens are read one at a time.
  let pos = 0;
  let peeked: Token | null = null;

  const next = (): Token => {
    if (peeked) {
      const t = peeked;
      peeked = null;
      return t;
    }
    while (pos < rule.length && /\s/.test(rule[pos]!)) pos++;
    if (pos >= rule.length) return { t: 'end', at: rule.length };
    const c = rule[pos]!;
    if (c === '(' || c === ')') return { t: c, at: pos++ };
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rule.slice(pos));
    if (!word) throw new AlarmRuleError(`unexpected \`${c}\` at character ${pos + 1}; a rule is made of ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, AND, OR, NOT and parentheses`, pos);
    const t: Token = { t: 'word', text: word[0], at: pos };
    pos += word[0].length;
    return t;
  };
  const peek = (): Token => (peeked ??= next());
  const shown = (t: Token) => (t.t === 'end' ? 'the end of the rule' : t.t === 'word' ? `\`${t.text}\` at character ${t.at + 1}` : `\`${t.t}\` at character ${t.at + 1}`);

  const name = (fn: string, open: number): string => {
    while (pos < rule.length && /\s/.test(rule[pos]!)) pos++;
    if (rule[pos] === '"') {
      const close = rule.indexOf('"', pos + 1);
      if (close < 0) throw new AlarmRuleError(`the quoted alarm name that starts at character ${pos + 1} has no closing \``+'"`', pos);
      const value = rule.slice(pos + 1, close);
      pos = close + 1;
      while (pos < rule.length && /\s/.test(rule[pos]!)) pos++;
      if (rule[pos] !== ')') throw new AlarmRuleError(`expected \`)\` after the alarm name of ${fn}( at character ${pos + 1}`, pos);
      pos++;
      if (value.trim() === '') throw new AlarmRuleError(`${fn}() at character ${open + 1} names no alarm`, open);
      return value;
    }
    const close = rule.indexOf(')', pos);
    if (close < 0) throw new AlarmRuleError(`${fn}( at character ${open + 1} has no closing \`)\``, open);
    const value = rule.slice(pos, close).trim();
    if (value === '') throw new AlarmRuleError(`${fn}() at character ${open + 1} names no alarm`, open);
    if (value.includes('(')) throw new AlarmRuleError(`${fn}( at character ${open + 1} holds \`(\`; give one alarm name, in double quotes if it has unusual characters`, open);
    pos = close + 1;
    return value;
  };

  const primary = (): RuleNode => {
    const t = next();
    if (t.t === '(') {
      const inner = or();
      const close = next();
      if (close.t !== ')') throw new AlarmRuleError(`expected \`)\` to close the \`(\` at character ${t.at + 1}, found ${shown(close)}`, close.at);
      return inner;
    }
    if (t.t === 'word') {
      if (t.text === 'TRUE' || t.text === 'FALSE') return { kind: 'const', value: t.text === 'TRUE' };
      if ((STATES as readonly string[]).includes(t.text)) {
        const open = next();
        if (open.t !== '(') throw new AlarmRuleError(`${t.text} at character ${t.at + 1} needs an alarm name in parentheses, as in ${t.text}("my-alarm")`, open.at);
        return { kind: 'state', state: t.text as AlarmState, name: name(t.text, t.at) };
      }
      const upper = t.text.toUpperCase();
      if (upper !== t.text && ['TRUE', 'FALSE', 'AND', 'OR', 'NOT', ...STATES].includes(upper)) {
        throw new AlarmRuleError(`\`${t.text}\` at character ${t.at + 1}: keywords are upper case; write ${upper}`, t.at);
      }
    }
    throw new AlarmRuleError(`expected ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, NOT or \`(\`, found ${shown(t)}`, t.at);
  };

  const unary = (): RuleNode => {
    const t = peek();
    if (t.t === 'word' && t.text === 'NOT') {
      next();
      return { kind: 'not', operand: unary() };
    }
    return primary();
  };

  /** Operands of `operand` joined by the keyword, left to right (`a AND b AND c` is `(a AND b) AND c`). */
  const joined = (keyword: 'AND' | 'OR', operand: () => RuleNode): RuleNode => {
    let left = operand();
    for (let t = peek(); t.t === 'word' && t.text === keyword; t = peek()) {
      next();
      left = { kind: keyword === 'AND' ? 'and' : 'or', left, right: operand() };
    }
    return left;
  };
  const and = (): RuleNode => joined('AND', unary);
  const or = (): RuleNode => joined('OR', and);

  const tree = or();
  const rest = next();
  if (rest.t !== 'end') {
    const hint = rest.t === 'word' && ['and', 'or', 'not'].includes(rest.text.toLowerCase()) && rest.text !== rest.text.toUpperCase() ? `; keywords are upper case: write ${rest.text.toUpperCase()}` : '; join conditions with AND or OR';
    throw new AlarmRuleError(`unexpected ${shown(rest)}${hint}`, rest.at);
  }
  return tree;
}

/** The alarms a rule names, in first-use order, each once. */
export function ruleNames(node: RuleNode, into: string[] = []): string[] {
  switch (node.kind) {
    case 'state':
      if (!into.includes(node.name)) into.push(node.name);
      break;
    case 'not':
      ruleNames(node.operand, into);
      break;
    case 'and':
    case 'or':
      ruleNames(node.left, into);
      ruleNames(node.right, into);
      break;
    case 'const':
      break;
  }
  return into;
}

/** Whether the rule holds for these alarm states. */
export function evaluateRule(node: RuleNode, stateOf: (name: string) => AlarmState): boolean {
  switch (node.kind) {
    case 'state':
      return stateOf(node.name) === node.state;
    case 'const':
      return node.value;
    case 'not':
      return !evaluateRule(node.operand, stateOf);
    case 'and':
      return evaluateRule(node.left, stateOf) && evaluateRule(node.right, stateOf);
    case 'or':
      return evaluateRule(node.left, stateOf) || evaluateRule(node.right, stateOf);
  }
}

/**
 * A composite alarm's state from its rule: ALARM when the rule holds, else OK. A composite
 * alarm is INSUFFICIENT_DATA only from its creation to its first evaluation (AWS: "the only
 * time that the alarm can be in INSUFFICIENT_DATA state"); a child in INSUFFICIENT_DATA makes
 * `ALARM(child)` and `OK(child)` false and `INSUFFICIENT_DATA(child)` true.
 */
export function compositeState(node: RuleNode, stateOf: (name: string) => AlarmState): AlarmState {
  return evaluateRule(node, stateOf) ? 'ALARM' : 'OK';
}
