import { existsSync } from 'node:fs';
import { join } from 'node:path';
/**
 * `--help` is rendered from the same table the parser reads: every option the parser accepts
 * is documented, the usage lines match the contract, and the text fits a terminal.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../../cli/args.ts';
import { renderCommandHelp, renderHelp, usageLine, usageLines, wrap } from '../../cli/help.ts';

describe('usage lines', () => {
  it('match contract section 2', () => {
    expect(usageLine(findCommand('run')!)).toBe('run <scenario> [--seed N] [--out DIR] [--set PATH=VALUE]... [--quiet]');
    expect(usageLine(findCommand('validate')!)).toBe('validate <scenario>...');
    expect(usageLine(findCommand('sweep')!)).toBe(
      'sweep <scenario> [--vary PATH=V1,V2,...]... [--replications R] [--seed N] [--jobs J] [--shard K/N] [--out DIR] [--quiet]',
    );
    expect(usageLine(findCommand('merge')!)).toBe('merge <DIR>... --out DIR');
    expect(usageLine(findCommand('check')!)).toBe('check <scenario> [--seed N] [--replications R] [--min-pass P] [--set PATH=VALUE]... [--jobs J]');
  });
  it('wrap long usage lines under the first argument, as the contract does', () => {
    expect(usageLines(findCommand('sweep')!)).toEqual([
      '  elbsim sweep <scenario> [--vary PATH=V1,V2,...]... [--replications R]',
      '               [--seed N] [--jobs J] [--shard K/N] [--out DIR] [--quiet]',
    ]);
  });
  it('show a required option without brackets and a repeatable one with ...', () => {
    const spec = {
      ...findCommand('validate')!,
      name: 'merge',
      positionals: [{ name: 'DIR', help: 'a sweep folder', variadic: true }],
      options: [{ name: 'out', value: 'DIR', required: true, help: 'where' }, { name: 'vary', value: 'PATH=V1,V2', repeat: true, help: 'what' }],
    };
    expect(usageLine(spec)).toBe('merge <DIR>... --out DIR [--vary PATH=V1,V2]...');
  });
});

describe('elbsim --help', () => {
  const text = renderHelp();
  it('lists every command with its usage and summary', () => {
    for (const command of COMMANDS) {
      expect(text).toContain(`${usageLines(command).join('\n')}\n`);
      expect(text).toContain(command.summary);
    }
  });
  it('lists the exit codes', () => {
    for (const code of ['0', '1', '2', '3', '70']) expect(text).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });
  it('fits in 80 columns', () => {
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
  it('reads as expected', () => {
    expect(text).toMatchSnapshot();
  });
});

describe.each(COMMANDS.map((c) => [c.name, c] as const))('elbsim help %s', (_name, spec) => {
  const text = renderCommandHelp(spec);
  it('starts with the usage line', () => {
    const usage = usageLines(spec);
    expect(text.split('\n').slice(0, 1 + usage.length)).toEqual(['Usage:', ...usage]);
    expect(usage.join(' ').replace(/\s+/g, ' ').trim()).toBe(`elbsim ${usageLine(spec)}`);
  });
  it('documents every option and argument', () => {
    for (const option of spec.options) expect(text).toMatch(new RegExp(`^  --${option.name}\\b`, 'm'));
    for (const positional of spec.positionals) expect(text).toContain(`  <${positional.name}>`);
    expect(text).toContain('  -h, --help');
  });
  it('every example names files that exist in the repository', () => {
    for (const example of spec.examples) {
      // Paths into the repository's own folders (a generic `s.yaml` or a glob is not a file name).
      for (const path of example.split(/\s+/).filter((w) => /^(scenarios|sweeps)\/[^*]+\.(ya?ml|json)$/.test(w))) {
        expect(existsSync(join(import.meta.dirname, '../..', path)), `${example}: ${path}`).toBe(true);
      }
    }
  });
  it('fits in 80 columns, examples aside', () => {
    const body = text.split('\nExamples:')[0]!;
    for (const line of body.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
  it('reads as expected', () => {
    expect(text).toMatchSnapshot();
  });
});

describe('wrap', () => {
  it('breaks at spaces and indents every line', () => {
    const lines = wrap('word '.repeat(40), 4);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.startsWith('    word')).toBe(true);
      expect(line.length).toBeLessThanOrEqual(80);
    }
  });
});
