/**
 * Nesting deeper than the limit, found before any parser sees the text (parse.ts): the YAML
 * library recurses, and a stack overflow is not always catchable.
 */
import { LIMITS, limitText } from './limits.ts';

/** The nesting-limit message, built only when a file needs it (no work at module load). */
export const tooDeepMessage = (): string => `too deeply nested; ${limitText('nestingDepth')}`;

/** Indentation beyond this many columns is refused before parsing (each level needs at least one). */
const MAX_INDENT = 4 * LIMITS.nestingDepth.max;

/**
 * A lexical pass over the text, before the YAML parser sees it, for nesting that would take the
 * parser (which recurses) near the end of the stack: flow collections (`[`, `{`) deeper than the
 * nesting limit, compact block sequences (`- - - x`) longer than it, or indentation so deep that
 * its levels could be. Conservative and linear: a bracket counts only where a flow collection
 * can start, quoted text and comments are skipped. The exact depth is checked on the parsed
 * document (checkShape); this pass only keeps the parser away from a stack overflow, whose
 * failure is not always catchable.
 */
export function tooDeep(text: string): { offset: number } | undefined {
  const max = LIMITS.nestingDepth.max;
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  let previous = '\n'; // the last character that is not a space or tab
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      dashes = 0;
      previous = '\n';
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (lineStart && ++indent > MAX_INDENT) return { offset: i };
      continue;
    }
    const atStart = lineStart;
    lineStart = false;
    const canOpen = atStart || previous === '\n' || ':-,[{?'.includes(previous);
    if (c === '#' && (atStart || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if ((c === '"' || c === "'") && canOpen) {
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
      previous = c;
      continue;
    }
    if ((c === '[' || c === '{') && canOpen) {
      if (++depth > max) return { offset: i };
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    } else if (c === '-' && depth === 0 && (previous === '\n' || previous === '-') && (text[i + 1] === ' ' || text[i + 1] === '\n')) {
      if (++dashes > max) return { offset: i };
    }
    previous = c;
  }
  return undefined;
}
