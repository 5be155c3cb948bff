/**
 * <elbsim-fleet-view>: the fleet at the cursor. One column per Availability Zone, one tile per
 * instance, coloured by lifecycle and health (pending, warming, in service, unhealthy,
 * draining, terminated), with its load as a fill rising from the bottom and a percentage.
 * A failed instance (fault) is striped and badged; the state is also spelled out in each
 * tile's label and a glyph, so colour is never the only cue.
 *
 * Terminated instances can be hidden (a checkbox over the zones); they are hidden by default when
 * the run launched more instances than fit on a screen (`HIDE_TERMINATED_ABOVE`), so a long run's
 * grey tiles do not bury the live fleet. Tiles show the instance id as events.csv writes it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatPercent } from '../format/numbers.ts';
import { instanceLabel, LIFECYCLES, LIFECYCLE_LABELS, type FleetSnapshot, type InstanceState, type Lifecycle } from '../model/fleet-state.ts';
import { sharedStyles } from './shared-styles.ts';

export const LIFECYCLE_GLYPHS: Record<Lifecycle, string> = {
  pending: '◌',
  warming: '◐',
  in_service: '●',
  unhealthy: '✕',
  draining: '↘',
  terminated: '∅',
};

/** Tiles that fit in the fleet panel at 1440×900 without scrolling: above this, hide terminated by default. */
export const HIDE_TERMINATED_ABOVE = 40;

@customElement('elbsim-fleet-view')
export class FleetView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        font-size: 12px;
        margin: 6px 0 10px;
        color: var(--muted);
      }
      .legend span {
        display: inline-flex;
        align-items: center;
        gap: 5px;
      }
      .legend i {
        display: inline-grid;
        place-items: center;
        width: 16px;
        height: 14px;
        border-radius: 3px;
        font-style: normal;
        font-size: 10px;
        color: #111;
      }
      .legend b {
        color: var(--fg);
        font-variant-numeric: tabular-nums;
      }
      .zones {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        gap: 10px;
      }
      .zone {
        border: 1px solid var(--border);
        border-radius: var(--radius);
        padding: 6px;
        background: var(--panel-2);
        min-height: 84px;
      }
      .zone.failed {
        border-color: var(--state-failed);
        border-style: dashed;
        border-width: 2px;
      }
      .zone h4 {
        margin: 0 0 6px;
        font-size: 12px;
        font-weight: 600;
        display: flex;
        justify-content: space-between;
        gap: 6px;
      }
      .zone h4 .count {
        color: var(--muted);
        font-weight: 400;
      }
      .zone .down {
        color: var(--state-failed);
        font-weight: 700;
      }
      .tiles {
        display: flex;
        flex-wrap: wrap;
        gap: 5px;
      }
      .tile {
        position: relative;
        width: 62px;
        height: 50px;
        border-radius: 6px;
        overflow: hidden;
        color: #111;
        font-size: 11px;
        line-height: 1.15;
        padding: 3px 4px;
        border: 1px solid rgba(0, 0, 0, 0.25);
        transition: background-color 0.25s;
      }
      .tile .fill {
        position: absolute;
        left: 0;
        right: 0;
        bottom: 0;
        background: rgba(0, 0, 0, 0.22);
        transition: height 0.25s;
      }
      .tile .id,
      .tile .load,
      .tile .glyph {
        position: relative;
      }
      .tile .id {
        font-family: var(--mono);
        font-weight: 600;
        font-size: 10px;
      }
      .tile .glyph {
        position: absolute;
        right: 4px;
        top: 2px;
      }
      .tile .load {
        position: absolute;
        left: 4px;
        bottom: 3px;
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
      .tile.failed {
        outline: 3px solid var(--state-failed);
        outline-offset: -3px;
        background-image: repeating-linear-gradient(135deg, transparent 0 7px, rgba(255, 255, 255, 0.35) 7px 9px);
      }
      .tile .badge {
        position: absolute;
        right: 3px;
        bottom: 2px;
        font-size: 10px;
        font-weight: 700;
      }
      .tile.terminated {
        opacity: 0.55;
        height: 30px;
      }
      .tile.terminated .glyph {
        top: auto;
        bottom: 2px;
      }
      .options {
        display: flex;
        align-items: center;
        gap: 6px;
        font-size: 12px;
        margin: -4px 0 8px;
      }
      .tile.terminated .load {
        display: none;
      }
      .s-pending {
        background-color: var(--state-pending);
      }
      .s-warming {
        background-color: var(--state-warming);
      }
      .s-in_service {
        background-color: var(--state-in-service);
      }
      .s-unhealthy {
        background-color: var(--state-unhealthy);
      }
      .s-draining {
        background-color: var(--state-draining);
      }
      .s-terminated {
        background-color: var(--state-terminated);
      }
      .empty {
        color: var(--muted);
        font-size: 12px;
        padding: 20px 0;
        text-align: center;
      }
    `,
  ];

  @property({ attribute: false }) snapshot: FleetSnapshot | null = null;
  /** How many instances the whole run launched (the summary's targets): sets the default. */
  @property({ type: Number }) launched = 0;
  /** The user's choice; null until they make one (then the default follows the fleet's size). */
  @state() private hideTerminatedChoice: boolean | null = null;

  private hidesTerminated(snapshot: FleetSnapshot): boolean {
    if (this.hideTerminatedChoice !== null) return this.hideTerminatedChoice;
    const tiles = snapshot.zones.reduce((n, z) => n + z.instances.length, 0);
    return Math.max(tiles, this.launched) > HIDE_TERMINATED_ABOVE;
  }

  private tile(inst: InstanceState) {
    const load = Number.isFinite(inst.load) ? Math.min(1, Math.max(0, inst.load)) : 0;
    const label = instanceLabel(inst);
    return html`<div
      class="tile s-${inst.lifecycle} ${inst.failed ? 'failed' : ''} ${inst.lifecycle === 'terminated' ? 'terminated' : ''}"
      data-testid="instance"
      data-instance=${inst.id}
      data-state=${inst.lifecycle}
      data-failed=${inst.failed ? 'true' : 'false'}
      role="listitem"
      aria-label=${label}
      title=${label}
    >
      <div class="fill" style="height: ${(load * 100).toFixed(1)}%"></div>
      <span class="id">${inst.id}</span>
      <span class="glyph" aria-hidden="true">${LIFECYCLE_GLYPHS[inst.lifecycle]}</span>
      <span class="load">${Number.isFinite(inst.load) ? formatPercent(inst.load) : ''}</span>
      ${inst.failed ? html`<span class="badge" aria-hidden="true">⚡</span>` : inst.slowFactor ? html`<span class="badge">×${inst.slowFactor}</span>` : inst.interruptionAtS !== undefined ? html`<span class="badge" aria-hidden="true">⏱</span>` : nothing}
    </div>`;
  }

  override render() {
    const snapshot = this.snapshot;
    if (!snapshot) return html`<div class="empty">Run a scenario to see its fleet.</div>`;
    const hide = this.hidesTerminated(snapshot);
    return html`
      <div class="legend" aria-label="Instance states at the cursor">
        ${LIFECYCLES.map(
          (l) =>
            html`<span data-count=${l}
              ><i class="s-${l}" aria-hidden="true">${LIFECYCLE_GLYPHS[l]}</i>${LIFECYCLE_LABELS[l]} <b>${snapshot.counts[l]}</b></span
            >`,
        )}
        <span><i style="background: var(--state-failed)" aria-hidden="true">⚡</i>failed <b>${snapshot.failed}</b></span>
      </div>
      <label class="options"
        ><input
          type="checkbox"
          data-testid="hide-terminated"
          .checked=${hide}
          @change=${(e: Event) => (this.hideTerminatedChoice = (e.target as HTMLInputElement).checked)}
        />Hide terminated instances (${snapshot.counts.terminated})</label
      >
      <div class="zones">
        ${snapshot.zones.map((zone) => {
          const shown = hide ? zone.instances.filter((i) => i.lifecycle !== 'terminated') : zone.instances;
          const live = zone.instances.filter((i) => i.lifecycle !== 'terminated').length;
          return html`<section class="zone ${zone.failed ? 'failed' : ''}" aria-label="Zone ${zone.zone}" data-zone=${zone.zone}>
            <h4>
              <span>${zone.zone}</span>
              ${zone.failed ? html`<span class="down">zone failed</span>` : html`<span class="count">${live} running</span>`}
            </h4>
            <div class="tiles" role="list">
              ${repeat(
                shown,
                (inst) => inst.id,
                (inst) => this.tile(inst),
              )}
            </div>
          </section>`;
        })}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-fleet-view': FleetView;
  }
}
