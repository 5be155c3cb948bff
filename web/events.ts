/**
 * The custom events components send up to the app. Each is typed here once (and registered in
 * HTMLElementEventMap) so a listener gets a typed `detail`. All bubble and cross shadow roots.
 */
import type { ChartSeekDetail } from './charts/types.ts';

export interface ElbsimEvents {
  'scenario-select': { id: string };
  'editor-change': { text: string };
  'scenario-upload': { text: string; fileName: string };
  'seed-change': { seed: number };
  'run-request': Record<string, never>;
  'run-cancel': Record<string, never>;
  'cursor-change': { timeS: number };
  'play-toggle': { playing: boolean };
  'speed-change': { speed: number };
  'chart-seek': ChartSeekDetail;
  'export-request': { file: 'timeseries' | 'events' | 'summary' | 'scenario' };
  /** A chart scope chosen from the topology view (`tg:<name>`, `asg:<name>`, `all`). */
  'scope-select': { id: string };
}

declare global {
  interface HTMLElementEventMap {
    'scenario-select': CustomEvent<ElbsimEvents['scenario-select']>;
    'editor-change': CustomEvent<ElbsimEvents['editor-change']>;
    'scenario-upload': CustomEvent<ElbsimEvents['scenario-upload']>;
    'seed-change': CustomEvent<ElbsimEvents['seed-change']>;
    'run-request': CustomEvent<ElbsimEvents['run-request']>;
    'run-cancel': CustomEvent<ElbsimEvents['run-cancel']>;
    'cursor-change': CustomEvent<ElbsimEvents['cursor-change']>;
    'play-toggle': CustomEvent<ElbsimEvents['play-toggle']>;
    'speed-change': CustomEvent<ElbsimEvents['speed-change']>;
    'chart-seek': CustomEvent<ElbsimEvents['chart-seek']>;
    'export-request': CustomEvent<ElbsimEvents['export-request']>;
    'scope-select': CustomEvent<ElbsimEvents['scope-select']>;
  }
}

/** Dispatches a typed, bubbling, composed event from `target`. */
export function emit<K extends keyof ElbsimEvents>(target: EventTarget, name: K, detail: ElbsimEvents[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
