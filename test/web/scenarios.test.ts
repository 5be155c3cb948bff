import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS, bundledFrom, describeScenario } from '../../web/scenarios.ts';

const DIR = join(import.meta.dirname, '../../scenarios');

describe('bundled scenarios', () => {
  it('every file in scenarios/ is bundled, with its name and a description', () => {
    const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
    expect(BUNDLED_SCENARIOS.map((s) => s.fileName).sort()).toEqual(files);
    for (const s of BUNDLED_SCENARIOS) {
      expect(s.title, s.fileName).not.toBe(s.id);
      expect(s.description.length, `${s.fileName} has a description`).toBeGreaterThan(20);
    }
  });
  it('ids are file names without extension (the ?scenario= value), sorted', () => {
    const list = bundledFrom({ '../scenarios/b.yaml': 'name: B', '../scenarios/a.yml': 'name: A\ndescription: first' });
    expect(list.map((s) => [s.id, s.title, s.description])).toEqual([
      ['a', 'A', 'first'],
      ['b', 'B', ''],
    ]);
  });
  it('a file that does not parse is still listed, under its file name', () => {
    expect(describeScenario('name: [unclosed', 'broken')).toEqual({ title: 'broken', description: '' });
  });
});
