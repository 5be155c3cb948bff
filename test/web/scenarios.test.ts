import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core/scenario/parse.ts';
import { GALLERY, TOPOLOGIES } from '../../web/model/gallery.ts';
import { parse as parseYaml } from 'yaml';
import { NOT_PLAIN, readPlain } from '../../core/scenario/plain.ts';
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
  it("names and descriptions are the YAML library's, read by the core's linear reader for every bundled file (an anchored file through the library)", () => {
    for (const s of BUNDLED_SCENARIOS) {
      expect(readPlain(s.text, 'yaml'), `${s.fileName} is read without the library`).not.toBe(NOT_PLAIN);
      const doc = parseYaml(s.text) as { name: string; description: string };
      expect({ title: s.title, description: s.description }, s.fileName).toEqual({ title: doc.name.trim(), description: doc.description.trim() });
    }
    const anchored = 'name: &n Anchored\ndescription: >\n  Two\n  lines.\nalias: *n\n';
    expect(describeScenario(anchored, 'x')).toEqual({ title: 'Anchored', description: 'Two lines.' });
    expect(describeScenario('{"name": "J", "description": "from JSON"}', 'x', 'json')).toEqual({ title: 'J', description: 'from JSON' });
  });
  it('a file that does not parse is still listed, under its file name', () => {
    expect(describeScenario('name: [unclosed', 'broken')).toEqual({ title: 'broken', description: '' });
  });
  it('the curated lists name bundled scenarios; the topology list is every bundled scenario with several target groups or rules', () => {
    const ids = new Set(BUNDLED_SCENARIOS.map((s) => s.id));
    for (const g of [...GALLERY, ...TOPOLOGIES]) expect(ids.has(g.id), g.id).toBe(true);
    const topological = BUNDLED_SCENARIOS.filter((s) => {
      const parsed = parseScenario(s.text, s.fileName);
      if (!parsed.ok) return false;
      const sc = parsed.scenario;
      return sc.targetGroups.length > 1 || sc.autoScalingGroups.length > 1 || sc.loadBalancers.some((lb) => lb.listeners.some((l) => l.rules.length > 0));
    }).map((s) => s.id);
    expect(TOPOLOGIES.map((t) => t.id).sort()).toEqual(topological.sort());
  });
});
