/**
 * core/ is pure (architecture principle 1): the Auto Scaling decisions use no clocks, no
 * Math.random (random choices take a uniform source), no timers, no DOM and no node: imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../../../core/model/autoscaling');
const FORBIDDEN = /Math\.random|Date\.now|new Date\(|performance\.now|setTimeout|setInterval|document\.|from 'node:/;

describe('core/model/autoscaling purity', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
    it(`${file} uses no clock, global randomness, timer, DOM or node: import`, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      expect(text.match(FORBIDDEN)?.[0]).toBeUndefined();
    });
  }
});
