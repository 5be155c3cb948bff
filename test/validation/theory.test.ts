/**
 * The theory functions against the tables of validation.md, before any simulator is compared
 * with them. A table cell is matched to the precision it is printed with: |computed - printed|
 * <= half a unit in the last printed digit (so "0.7111" must lie in [0.71105, 0.71115]).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  enm1Sigma,
  erlangB,
  erlangC,
  jsqSolve,
  jsqResponseTime,
  meanCi95,
  mm1ResponseTime,
  mmcResponseTime,
  mmcWaitingTime,
  randomSplitResponseTime,
  roundRobinResponseTime,
  studentT975,
  studentTCdf,
  supermarketResponseTime,
} from './theory.ts';

/** Asserts `actual` rounds to the table's printed value (half a unit in its last digit). */
function expectPrinted(actual: number, printed: string): void {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.length : 0;
  const halfUnit = 0.5 * 10 ** -decimals;
  expect(Math.abs(actual - Number(printed)), `${actual} vs printed ${printed}`).toBeLessThanOrEqual(halfUnit * (1 + 1e-9));
}

const fcSeed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const fcParams = { numRuns: 200, ...(fcSeed === undefined ? {} : { seed: fcSeed }) };

describe('M/M/1 (validation.md section 1)', () => {
  it.each([
    [0.5, '2'],
    [0.7, '3.333'],
    [0.8, '5'],
    [0.9, '10'],
    [0.95, '20'],
    [0.99, '100'],
  ])('mu 1, rho %s: T = 1/(mu - lambda) = %s', (rho, printed) => {
    expectPrinted(mm1ResponseTime(rho, 1), printed);
  });

  it('scales with mu: lambda 8/s, mu 10/s gives T = 0.5 s', () => {
    expect(mm1ResponseTime(8, 10)).toBeCloseTo(0.5, 15);
  });

  it('refuses an unstable queue (lambda >= mu)', () => {
    expect(() => mm1ResponseTime(1, 1)).toThrow(RangeError);
  });
});

describe('M/M/c, Erlang C (validation.md section 2)', () => {
  // c -> [rho, "P(wait) / T"] for rho = 0.5, 0.8, 0.9, 0.95, copied from the table.
  const table: Record<number, string[]> = {
    1: ['0.5000 / 2.0000', '0.8000 / 5.0000', '0.9000 / 10.000', '0.9500 / 20.000'],
    2: ['0.3333 / 1.3333', '0.7111 / 2.7778', '0.8526 / 5.2632', '0.9256 / 10.256'],
    4: ['0.1739 / 1.0870', '0.5964 / 1.7455', '0.7878 / 2.9694', '0.8914 / 5.4571'],
    5: ['0.1304 / 1.0521', '0.5541 / 1.5541', '0.7625 / 2.5250', '0.8778 / 4.5112'],
    10: ['0.0361 / 1.0072', '0.4092 / 1.2046', '0.6687 / 1.6687', '0.8256 / 2.6512'],
    20: ['0.0037 / 1.0004', '0.2561 / 1.0640', '0.5508 / 1.2754', '0.7554 / 1.7554'],
    50: ['0.0000 / 1.0000', '0.0870 / 1.0087', '0.3639 / 1.0728', '0.6291 / 1.2516'],
    100: ['0.0000 / 1.0000', '0.0196 / 1.0010', '0.2169 / 1.0217', '0.5065 / 1.1013'],
  };
  const rhos = [0.5, 0.8, 0.9, 0.95];
  const cells = Object.entries(table).flatMap(([c, row]) =>
    row.map((cell, i) => {
      const [pWait, t] = cell.split(' / ') as [string, string];
      return { c: Number(c), rho: rhos[i]!, pWait, t };
    }),
  );

  it.each(cells)('c $c, rho $rho: P(wait) = $pWait and T = $t (mu 1, to the printed digits)', ({ c, rho, pWait, t }) => {
    expectPrinted(erlangC(c, c * rho), pWait);
    expectPrinted(mmcResponseTime(c, c * rho, 1), t);
  });

  it.each([
    [410, '0.5102'],
    [420, '0.2303'],
    [430, '0.0901'],
    [440, '0.0300'],
  ])('Halfin-Whitt check, a 400, c %i: Erlang C = %s (the recursion stays accurate at large c)', (c, printed) => {
    expectPrinted(erlangC(c, 400), printed);
  });

  it('agrees with the factorial formula for small c (property, 200 cases)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (c, rho) => {
        const a = c * rho;
        let sum = 0;
        let term = 1; // a^k / k!
        for (let k = 0; k < c; k++) {
          sum += term;
          term *= a / (k + 1);
        }
        const top = (term * c) / (c - a); // a^c/c! * c/(c - a)
        const direct = top / (sum + top);
        expect(erlangC(c, a)).toBeCloseTo(direct, 12);
        expect(erlangB(c, a)).toBeCloseTo(term / (sum + term), 12);
      }),
      fcParams,
    );
  });

  it('c 1 is M/M/1: P(wait) = rho and T = 1/(1 - rho) (property, 200 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), (rho) => {
        expect(erlangC(1, rho)).toBeCloseTo(rho, 14);
        expect(mmcResponseTime(1, rho, 1) / mm1ResponseTime(rho, 1)).toBeCloseTo(1, 12);
      }),
      fcParams,
    );
  });

  // Section 7: lambda req/s, mu req/s/instance, c instances -> P(wait), W_q ms, T ms.
  it.each([
    [100, 10, 20, '0.0037', '0.037', '100.04'],
    [100, 10, 15, '0.1020', '2.041', '102.04'],
    [1000, 10, 112, '0.1675', '1.396', '101.40'],
    [50, 2, 42, '0.0013', '0.037', '500.04'],
  ])('autoscaling steady state (section 7): lambda %i/s, mu %i/s, c %i: P(wait) %s, W_q %s ms, T %s ms', (lambda, mu, c, pWait, wqMs, tMs) => {
    expectPrinted(erlangC(c, lambda / mu), pWait);
    expectPrinted(mmcWaitingTime(c, lambda, mu) * 1000, wqMs);
    expectPrinted(mmcResponseTime(c, lambda, mu) * 1000, tMs);
  });
});

describe('power of d choices, supermarket fixed point (validation.md section 3)', () => {
  it.each([
    [0.5, '1.2657', '1.1252', '2'],
    [0.7, '1.6145', '1.3568', '3.333'],
    [0.8, '1.9474', '1.5809', '5'],
    [0.9, '2.6141', '2.0279', '10'],
    [0.95, '3.3830', '2.5351', '20'],
    [0.99, '5.4320', '3.8578', '100'],
    [0.999, '8.6516', '5.9021', '1000'],
  ])('lambda %s: T_2 = %s, T_3 = %s, T_1 = %s', (lambda, d2, d3, d1) => {
    expectPrinted(supermarketResponseTime(lambda, 2), d2);
    expectPrinted(supermarketResponseTime(lambda, 3), d3);
    expectPrinted(supermarketResponseTime(lambda, 1), d1);
  });

  it('more choices never hurt: T_3 < T_2 < T_1 for 0 < lambda < 1 (property, 200 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.999, noNaN: true }), (lambda) => {
        const [t1, t2, t3] = [1, 2, 3].map((d) => supermarketResponseTime(lambda, d)) as [number, number, number];
        expect(t3).toBeLessThan(t2);
        expect(t2).toBeLessThan(t1);
      }),
      fcParams,
    );
  });
});

describe('join the shortest queue, exact CTMC (validation.md section 4)', () => {
  // N, rho, JSQ T (CTMC), M/M/N T, Random T, Round robin T.
  const rows: Array<[number, number, string, string, string, string]> = [
    [2, 0.5, '1.4263', '1.3333', '2', '1.6180'],
    [2, 0.7, '2.1082', '1.9608', '3.3333', '2.6006'],
    [2, 0.8, '2.9557', '2.7778', '5', '3.8440'],
    [2, 0.9, '5.4749', '5.2632', '10', '7.5883'],
    [3, 0.5, '1.2448', '1.1579', '2', '1.4937'],
    [3, 0.8, '2.2855', '2.0787', '5', '3.4594'],
    [3, 0.9, '3.9824', '3.7235', '10', '6.7847'],
  ];
  const truncationFor = (n: number): number => (n === 2 ? 120 : 45);

  it.each(rows)('N %i, rho %s: JSQ %s (truncation 120 / 45 per queue), M/M/N %s, random %s, round robin %s', (n, rho, jsq, mmn, random, rr) => {
    expectPrinted(jsqResponseTime(n, rho, truncationFor(n)), jsq);
    expectPrinted(mmcResponseTime(n, n * rho, 1), mmn);
    expectPrinted(randomSplitResponseTime(rho, 1), random);
    expectPrinted(roundRobinResponseTime(n, rho, 1), rr);
  });

  it('N 2, rho 0.95: M/M/N 10.2564, random 20, round robin 15.0857; JSQ 10.4860 is a truncation artefact, the chain converges to 10.4866', () => {
    expectPrinted(mmcResponseTime(2, 1.9, 1), '10.2564');
    expectPrinted(randomSplitResponseTime(0.95, 1), '20');
    expectPrinted(roundRobinResponseTime(2, 0.95, 1), '15.0857');
    // At rho 0.95 a cap of 120 per queue still loses 2.4e-7 of arrivals and trims the mean by
    // 6e-5 relative: K = 119 gives 10.48602 (the table's 10.4860), K = 120 gives 10.48607, and
    // K = 200 (loss 6e-11) gives 10.48664, unchanged at the printed digits by a larger K.
    const k120 = jsqSolve(2, 0.95, 120);
    expect(k120.blockingProbability).toBeLessThan(1e-6);
    expect(Math.abs(k120.responseTime - 10.486)).toBeLessThan(1e-4);
    expectPrinted(jsqResponseTime(2, 0.95, 200), '10.4866');
    expectPrinted(jsqResponseTime(2, 0.95, 250), '10.4866');
  });

  it('truncation is negligible at the table points: N 2 rho 0.9 at K 120 vs 200 within 1e-9, N 3 rho 0.9 at K 45 vs 60 within 2e-5 relative (both 3.9824)', () => {
    expect(Math.abs(jsqResponseTime(2, 0.9, 200) / jsqResponseTime(2, 0.9, 120) - 1)).toBeLessThan(1e-9);
    const k60 = jsqResponseTime(3, 0.9, 60);
    expect(Math.abs(k60 / jsqResponseTime(3, 0.9, 45) - 1)).toBeLessThan(2e-5);
    expectPrinted(k60, '3.9824');
  });

  it.each([
    [2, 0.95, 120],
    [3, 0.9, 45],
  ])('N %i, rho %s, K %i: solves the balance equations (residual < 1e-12) in under 500 sweeps', (n, rho, k) => {
    // A bound on the work, not on the clock (a loaded machine made the old 2 s bound fail):
    // these take about 230-240 sweeps; Gauss-Seidel without the aggregation step needs tens of thousands.
    const solution = jsqSolve(n, rho, k);
    expect(solution.sweeps).toBeLessThan(500);
    expect(solution.residual).toBeLessThan(1e-12);
  });

  it('N 1 is M/M/1: rho 0.8, K 200 gives T = 5 to 1e-10', () => {
    expect(jsqResponseTime(1, 0.8, 200)).toBeCloseTo(5, 10);
  });

  it.each([
    [2, 0.5],
    [2, 0.8],
    [3, 0.5],
    [3, 0.9],
  ])('N %i, rho %s: M/M/N < JSQ < round robin < random', (n, rho) => {
    const jsq = jsqResponseTime(n, rho, truncationFor(n));
    expect(mmcResponseTime(n, n * rho, 1)).toBeLessThan(jsq);
    expect(jsq).toBeLessThan(roundRobinResponseTime(n, rho, 1));
    expect(roundRobinResponseTime(n, rho, 1)).toBeLessThan(randomSplitResponseTime(rho, 1));
  });
});

describe('round robin vs random, E_N/M/1 (validation.md section 5)', () => {
  // N, rho, sigma, RR T, Random T, M/M/N T.
  it.each([
    [2, 0.8, '0.73985', '3.8440', '5', '2.7778'],
    [2, 0.9, '0.86822', '7.5883', '10', '5.2632'],
    [4, 0.9, '0.84334', '6.3830', '10', '2.9694'],
    [5, 0.9, '0.83719', '6.1421', '10', '2.5250'],
    [10, 0.5, '0.24508', '1.3246', '2', '1.0072'],
    [10, 0.9, '0.82333', '5.6603', '10', '1.6687'],
    [10, 0.95, '0.91035', '11.1549', '20', '2.6512'],
  ])('N %i, rho %s: sigma %s, round robin T %s, random T %s, M/M/N T %s', (n, rho, sigma, rr, random, mmn) => {
    expectPrinted(enm1Sigma(n, rho), sigma);
    expectPrinted(roundRobinResponseTime(n, rho, 1), rr);
    expectPrinted(randomSplitResponseTime(rho, 1), random);
    expectPrinted(mmcResponseTime(n, n * rho, 1), mmn);
  });

  it('sigma solves its equation and N 1 is M/M/1 (sigma = rho) (property, 200 cases)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.01, max: 0.999, noNaN: true }), (n, rho) => {
        const sigma = enm1Sigma(n, rho);
        expect(sigma).toBeGreaterThan(0);
        expect(sigma).toBeLessThan(1);
        expect(((n * rho) / (n * rho + 1 - sigma)) ** n - sigma).toBeCloseTo(0, 12);
        if (n === 1) expect(sigma).toBeCloseTo(rho, 12);
      }),
      fcParams,
    );
  });

  it('round robin sits between M/M/N and random, and approaches M/M/1 at N 1 (property, 200 cases)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.double({ min: 0.05, max: 0.98, noNaN: true }), (n, rho) => {
        const rr = roundRobinResponseTime(n, rho, 1);
        expect(rr).toBeLessThan(randomSplitResponseTime(rho, 1));
        expect(rr).toBeGreaterThan(mmcResponseTime(n, n * rho, 1));
      }),
      fcParams,
    );
    expect(roundRobinResponseTime(1, 0.9, 1)).toBeCloseTo(10, 10);
  });

  it('time scales with 1/mu: round robin N 10, rho 0.9, mu 4/s is 5.6603/4 s', () => {
    expect(roundRobinResponseTime(10, 0.9, 4) * 4).toBeCloseTo(roundRobinResponseTime(10, 0.9, 1), 12);
  });
});

describe('Student t quantile and 95% confidence intervals', () => {
  it.each([
    [1, '12.7062'],
    [2, '4.3027'],
    [3, '3.1824'],
    [4, '2.7764'],
    [9, '2.2622'],
    [19, '2.0930'],
    [30, '2.0423'],
    [120, '1.9799'],
    [1e6, '1.9600'],
  ])('t(0.975, df %s) = %s (standard tables)', (df, printed) => {
    expectPrinted(studentT975(df), printed);
  });

  it('df 1 is the Cauchy quantile tan(0.475 pi) to 1e-10', () => {
    expect(studentT975(1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 10);
  });

  it('the CDF is symmetric and the quantile inverts it (property, 200 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 500, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }), (df, t) => {
        expect(studentTCdf(t, df) + studentTCdf(-t, df)).toBeCloseTo(1, 12);
        expect(studentTCdf(studentT975(df), df)).toBeCloseTo(0.975, 10);
      }),
      fcParams,
    );
  });

  it('meanCi95 of 1..5: mean 3, sd 1.5811, half-width 2.7764 x 1.5811 / sqrt 5 = 1.9632', () => {
    const ci = meanCi95([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expectPrinted(ci.sd, '1.5811');
    expectPrinted(ci.halfWidth, '1.9632');
    expect(ci.low).toBeCloseTo(3 - ci.halfWidth, 14);
    expect(ci.high).toBeCloseTo(3 + ci.halfWidth, 14);
  });

  it('meanCi95 needs two samples', () => {
    expect(() => meanCi95([1])).toThrow(RangeError);
  });
});
