/**
 * docs/scenario-reference.md is generated from the schema (scripts/scenario-reference.ts): it must
 * be what the generator writes today (so a schema change without `npm run docs:reference` fails
 * here), every schema key must have a human note, every example must be a valid scenario part,
 * and no document or source file may link outside the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core/index.ts';
import { REFERENCE_NOTES, referenceNote } from '../../core/scenario/reference-notes.ts';
import { REFERENCE_FILE, renderReference, schemaKeys } from '../../scripts/scenario-reference.ts';

const REPO = resolve(import.meta.dirname, '../..');

describe('docs/scenario-reference.md', () => {
  it('is up to date with the schema (regenerate with npm run docs:reference)', () => {
    expect(readFileSync(REFERENCE_FILE, 'utf8')).toBe(renderReference());
  });

  it('every schema key has a note, and every note names a schema key', () => {
    const keys = schemaKeys().map((k) => k.path);
    expect(keys.length).toBeGreaterThan(80);
    expect(keys.filter((k) => !referenceNote(k))).toEqual([]);
    expect(Object.keys(REFERENCE_NOTES).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('lists types and ranges read from the schema (spot checks)', () => {
    const byPath = new Map(schemaKeys().map((k) => [k.path, k]));
    expect(byPath.get('loadBalancer.targetGroup.healthCheck.interval')).toMatchObject({ type: expect.stringMatching(/^duration/), allowed: expect.stringContaining('5s to 300s') });
    expect(byPath.get('loadBalancer.type')).toMatchObject({ type: 'one of', defaultValue: '`application`', allowed: 'application, network or classic' });
    expect(byPath.get('instance.concurrency')).toMatchObject({ type: 'integer', defaultValue: '`2`' });
  });

  it('every example is a valid part of a scenario', () => {
    const text = readFileSync(REFERENCE_FILE, 'utf8');
    const examples = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(7);
    for (const example of examples) {
      const head = /^name:/m.test(example) ? '' : 'name: example\nduration: 1h\nzones: [us-east-1a, us-east-1b, us-east-1c]\n';
      const parsed = parseScenario(head + example, 'example.yaml');
      expect(parsed.ok ? [] : parsed.errors.map((e) => e.message), example).toEqual([]);
    }
  });
});

describe('links stay inside the repository', () => {
  const files = execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(md|ts|yaml|json|html|sh)$/.test(f) && existsSync(join(REPO, f)) && !f.includes('__snapshots__') && f !== 'test/docs/scenario-reference.test.ts');

  // The folder beside the repository that its developers have and a user's clone does not; spelled
  // in two parts so that this test does not name it itself.
  const outside = ['..', 'shared'].join('/');
  it('nothing names the developers\' folder beside the repository (a clone has no such folder)', () => {
    const offenders = files.filter((f) => readFileSync(join(REPO, f), 'utf8').includes(outside));
    expect(offenders).toEqual([]);
  });

  it('every relative Markdown link resolves to a file in the repository', () => {
    const broken: string[] = [];
    for (const f of files.filter((x) => x.endsWith('.md'))) {
      const text = readFileSync(join(REPO, f), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split('#')[0]!;
        if (target === '' || /^[a-z]+:/i.test(target)) continue;
        const path = resolve(dirname(join(REPO, f)), target);
        if (relative(REPO, path).startsWith('..') || !existsSync(path)) broken.push(`${f}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
