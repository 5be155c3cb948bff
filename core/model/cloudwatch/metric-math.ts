/**
 * Metric math for alarms (CW-MATH: "Using math expressions with CloudWatch metrics"): an alarm
 * may watch an expression over several metrics, e.g. `100 * m1 / m2` for an error rate, instead
 * of one metric. This is the arithmetic subset: numbers, metric ids, + − × ÷, parentheses, unary
 * minus, and FILL(id, value). Each period's value comes from that period's value of every
 * metric; a metric without a datapoint makes the result missing unless FILL supplies a value,
 * and a result that is not finite (a division by zero) is missing too, as CloudWatch drops such
 * datapoints. Not modelled: functions over whole series (RATE, DIFF, METRICS(), SEARCH, …).
 */

/** A compiled expression: the value for one period from the metrics' values there (null = missing). */
export type MetricMath = (values: readonly (number | null)[]) => number | null;

/** CloudWatch's rule for a metric id in an expression: starts with a lowercase letter. */
export const METRIC_ID = /^[a-z][a-zA-Z0-9_]*$/;

type Node = (v: readonly (number | null)[]) => number | null;

/**
 * Compiles `expression` over the metric ids `ids` (the value of `ids[i]` is `values[i]`).
 * Throws an Error with a message fit for a user (unknown id, syntax) when it is not valid.
 */
export function compileMetricMath(expression: string, ids: readonly string[]): MetricMath {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => tokens[pos++];
  const expect = (t: string) => {
    if (peek() !== t) throw new Error(`expected \`${t}\` ${where()} in \`${expression}\``);
    pos++;
  };
  const where = () => (pos < tokens.length ? `before \`${tokens[pos]}\`` : 'at the end');

  function expr(): Node {
    let left = term();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const l = left;
      const r = term();
      left = op === '+' ? (v) => both(l(v), r(v), (a, b) => a + b) : (v) => both(l(v), r(v), (a, b) => a - b);
    }
    return left;
  }
  function term(): Node {
    let left = factor();
    while (peek() === '*' || peek() === '/') {
      const op = take();
      const l = left;
      const r = factor();
      left = op === '*' ? (v) => both(l(v), r(v), (a, b) => a * b) : (v) => both(l(v), r(v), (a, b) => a / b);
    }
    return left;
  }
  function factor(): Node {
    const t = take();
    if (t === undefined) throw new Error(`\`${expression}\` ends where a value was expected`);
    if (t === '-') {
      const f = factor();
      return (v) => {
        const x = f(v);
        return x === null ? null : -x;
      };
    }
    if (t === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    if (/^\d/.test(t)) {
      const n = Number(t);
      return () => n;
    }
    if (t === 'FILL') {
      expect('(');
      const id = take();
      const i = indexOf(id);
      expect(',');
      const neg = peek() === '-' ? (take(), -1) : 1;
      const fill = take();
      if (fill === undefined || !/^\d/.test(fill)) throw new Error(`FILL needs a metric id and a number, as in FILL(m1, 0), in \`${expression}\``);
      const value = neg * Number(fill);
      expect(')');
      return (v) => v[i] ?? value;
    }
    const i = indexOf(t);
    return (v) => v[i] ?? null;
  }
  function indexOf(id: string | undefined): number {
    const i = id === undefined ? -1 : ids.indexOf(id);
    if (i < 0) throw new Error(`\`${id ?? ''}\` in \`${expression}\` is not the id of one of this alarm's metrics (${ids.join(', ')})`);
    return i;
  }

  const root = expr();
  if (pos < tokens.length) throw new Error(`unexpected \`${tokens[pos]}\` in \`${expression}\``);
  return (values) => {
    const x = root(values);
    return x === null || !Number.isFinite(x) ? null : x;
  };
}

function both(a: number | null, b: number | null, f: (a: number, b: number) => number): number | null {
  return a === null || b === null ? null : f(a, b);
}

function tokenize(expression: string): string[] {
  const out: string[] = [];
  const re = /\s*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/(),])/y;
  let i = 0;
  const s = expression.trimEnd();
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) throw new Error(`\`${s.slice(i).trim()[0]}\` is not allowed in a metric math expression (\`${expression}\`); use numbers, metric ids, + - * /, parentheses and FILL(id, value)`);
    out.push(m[1]!);
    i = re.lastIndex;
  }
  if (out.length === 0) throw new Error('a metric math expression cannot be empty');
  return out;
}
