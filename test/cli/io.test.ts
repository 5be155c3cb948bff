/** Replay lines are pasted into shells, so each argument is quoted exactly when it must be. */
import { describe, expect, it } from 'vitest';
import { commandLine, shellQuote } from '../../cli/io.ts';
import { defaultOutDir, replayArgs } from '../../cli/run.ts';

describe('shellQuote', () => {
  it.each([
    ['scenarios/flash-sale.yaml', 'scenarios/flash-sale.yaml'],
    ['autoScaling.maxSize=20', 'autoScaling.maxSize=20'],
    ['my scenario.yaml', `'my scenario.yaml'`],
    ['', `''`],
    [`it's`, `'it'\\''s'`],
    ['name=$HOME', `'name=$HOME'`],
    ['a*b', `'a*b'`],
  ])('%j → %s', (arg, quoted) => expect(shellQuote(arg)).toBe(quoted));
});

describe('replay line', () => {
  it('names the resolved seed and every --set in order', () => {
    const args = replayArgs('my runs/a.yaml', 7, [
      { path: 'autoScaling.maxSize', value: '20' },
      { path: 'name', value: 'Big sale' },
    ]);
    expect(commandLine(args)).toBe(`elbsim run 'my runs/a.yaml' --seed 7 --set autoScaling.maxSize=20 --set 'name=Big sale'`);
  });
});

describe('defaultOutDir', () => {
  it.each([
    ['scenarios/flash-sale.yaml', 'out/flash-sale'],
    ['a.json', 'out/a'],
    ['/tmp/x/b.yml', 'out/b'],
  ])('%s → %s', (file, dir) => expect(defaultOutDir(file)).toBe(dir));
});
