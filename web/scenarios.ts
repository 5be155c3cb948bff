/**
 * The scenarios bundled with the app: every file in `scenarios/`, read at build time as text
 * (so the editor shows the file exactly as written), with the name and description from its
 * top-level keys for the picker.
 */
import { parse as parseYaml } from 'yaml';
import { Located, NOT_PLAIN, readPlain } from '../core/scenario/plain.ts';

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

/**
 * Name and description from a scenario text, tolerating files that do not parse. The core's
 * linear reader reads it (the YAML library only for what that reader leaves to it): every page
 * load describes every bundled file, and the library's document cost about 200 ms of it.
 */
export function describeScenario(text: string, fallback: string, format: 'yaml' | 'json' = 'yaml'): { title: string; description: string } {
  try {
    const plain = readPlain(text, format);
    // A file the reader leaves to the library, or one it finds a problem in (an alias bomb): the library's reading.
    const doc = (plain === NOT_PLAIN || plain instanceof Located ? parseYaml(text) : plain) as unknown;
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
      return { id, fileName, text, ...describeScenario(text, id, /\.json$/i.test(fileName) ? 'json' : 'yaml') };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export const BUNDLED_SCENARIOS: readonly BundledScenario[] = bundledFrom(files);

