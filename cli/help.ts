/**
 * `elbsim --help` and `elbsim help <command>`, rendered from the command table in args.ts.
 *
 * Help is derived, never written by hand, so a new option appears in the usage line, the option
 * list and the parser at once. Output is plain text wrapped to 80 columns.
 */
import { COMMANDS, type CommandSpec, type OptionSpec } from './args.ts';
import { EXIT } from './errors.ts';

const WIDTH = 80;
const TITLE = 'elbsim: simulate an AWS Elastic Load Balancing + EC2 Auto Scaling fleet';

/** `run <scenario> [--seed N] [--out DIR] [--set PATH=VALUE]... [--quiet]` */
export function usageLine(spec: CommandSpec): string {
  const parts = [spec.name];
  for (const p of spec.positionals) parts.push(`<${p.name}>${p.variadic ? '...' : ''}`);
  for (const o of spec.options) {
    const body = `--${o.name}${o.value ? ` ${o.value}` : ''}`;
    parts.push(`${o.required ? body : `[${body}]`}${o.repeat ? '...' : ''}`);
  }
  return parts.join(' ');
}

/**
 * `  elbsim <usage line>` wrapped to 80 columns between arguments, continuation lines aligned
 * under the first argument (as the contract writes `elbsim sweep`).
 */
export function usageLines(spec: CommandSpec): string[] {
  const [name, ...parts] = usageLine(spec).split(/ (?=[<[-])/);
  const lead = `  elbsim ${name} `;
  const lines: string[] = [];
  let line = lead.trimEnd();
  for (const part of parts) {
    if (line.length + 1 + part.length > WIDTH && line.trim() !== '') {
      lines.push(line);
      line = ' '.repeat(lead.length - 1);
    }
    line += ` ${part}`;
  }
  lines.push(line);
  return lines;
}

/** The top-level help: every command's usage, then what each does. */
export function renderHelp(): string {
  const lines = [TITLE, '', 'Usage:'];
  for (const spec of COMMANDS) lines.push(...usageLines(spec));
  lines.push('  elbsim help [<command>]', '', 'Commands:');
  lines.push(...table(COMMANDS.map((c) => [c.name, c.summary])));
  lines.push('', 'Options:');
  lines.push(...table([...HELP_ROWS, ['--version', 'print the version']]));
  lines.push('', 'Exit codes:', ...exitCodes(), '', "Run 'elbsim help <command>' for a command's options and examples.");
  return lines.join('\n') + '\n';
}

/** `elbsim help run`: usage, description, arguments, options, examples. */
export function renderCommandHelp(spec: CommandSpec): string {
  const lines = ['Usage:', ...usageLines(spec), ''];
  for (const paragraph of spec.description) lines.push(...wrap(paragraph, 0), '');
  if (spec.positionals.length > 0) {
    lines.push('Arguments:');
    lines.push(...table(spec.positionals.map((p) => [`<${p.name}>${p.variadic ? '...' : ''}`, p.help])), '');
  }
  lines.push('Options:');
  lines.push(...table([...spec.options.map(optionRow), ...HELP_ROWS]), '');
  if (spec.examples.length > 0) lines.push('Examples:', ...spec.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}

const HELP_ROWS: [string, string][] = [['-h, --help', 'show help']];

function optionRow(o: OptionSpec): [string, string] {
  const name = `--${o.name}${o.value ? ` ${o.value}` : ''}`;
  return [name, o.repeat ? `${o.help} (repeatable)` : o.help];
}

function exitCodes(): string[] {
  return table([
    [String(EXIT.ok), 'done'],
    [String(EXIT.usage), 'usage error: unknown command or option, bad value, unreadable file'],
    [String(EXIT.invalidScenario), 'invalid scenario (each problem printed as file:line:col: path: message)'],
    [String(EXIT.expectationFailed), "a scenario's expectation failed"],
    [String(EXIT.internal), 'internal error: a bug in elbsim, please report it'],
  ]);
}

/** Two columns: names padded to a common width, descriptions wrapped beside them. */
function table(rows: [string, string][]): string[] {
  const nameWidth = Math.min(24, Math.max(...rows.map(([name]) => name.length)));
  const indent = 2 + nameWidth + 3;
  const out: string[] = [];
  for (const [name, text] of rows) {
    const body = wrap(text, indent);
    if (name.length > nameWidth) {
      out.push(`  ${name}`, ...body);
    } else {
      out.push(`  ${name.padEnd(nameWidth)}   ${body[0]!.trimStart()}`, ...body.slice(1));
    }
  }
  return out;
}

/** Greedy word wrap to WIDTH, every line indented by `indent` spaces. */
export function wrap(text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(pad + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(pad + line);
  return lines;
}
