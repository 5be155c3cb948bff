/**
 * The scenarios bundled with the app: every file in `scenarios/`, read at build time as text
 * (so the editor shows the file exactly as written), with the name and description from its
 * top-level keys for the picker.
 */
import { parse as parseYaml } from 'yaml';

export interface BundledScenario {
  /** File name without extension: the `?scenario=` value. */
  id: string;
  fileName: string;
  title: string;
  description: string;
  text: string;
}

const files = import.meta.glob('../scenarios/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** Name and description from a scenario text, tolerating files that do not parse. */
export function describeScenario(text: string, fallback: string): { title: string; description: string } {
  try {
    const doc = parseYaml(text) as unknown;
    if (doc && typeof doc === 'object') {
      const { name, description } = doc as Record<string, unknown>;
      return {
        title: typeof name === 'string' && name.trim() ? name.trim() : fallback,
        description: typeof description === 'string' ? description.trim() : '',
      };
    }
  } catch {
    // shown with its file name; the editor will point at the problem
  }
  return { title: fallback, description: '' };
}

export function bundledFrom(entries: Record<string, string>): BundledScenario[] {
  return Object.entries(entries)
    .map(([path, text]) => {
      const fileName = path.split('/').pop()!;
      const id = fileName.replace(/\.(ya?ml|json)$/i, '');
      return { id, fileName, text, ...describeScenario(text, id) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export const BUNDLED_SCENARIOS: readonly BundledScenario[] = bundledFrom(files);

