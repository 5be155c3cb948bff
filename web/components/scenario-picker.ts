/**
 * <elbsim-scenario-picker>: the bundled scenarios, each with its description (what to look
 * at). Choosing one sends `scenario-select`; the app loads its text into the editor.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '../events.ts';
import { GALLERY, TOPOLOGIES } from '../model/gallery.ts';
import type { BundledScenario } from '../scenarios.ts';
import { sharedStyles } from './shared-styles.ts';

@customElement('elbsim-scenario-picker')
export class ScenarioPicker extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 6px 0 0;
        padding: 0;
        max-height: 240px;
        overflow-y: auto;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--panel);
      }
      li + li {
        border-top: 1px solid var(--border);
      }
      button {
        display: block;
        width: 100%;
        text-align: left;
        border: 0;
        border-left: 3px solid transparent;
        border-radius: 0;
        background: transparent;
        padding: 7px 10px;
      }
      button[aria-pressed='true'] {
        border-left-color: var(--accent);
        background: var(--panel-2);
      }
      .title {
        font-weight: 600;
      }
      .id {
        font-family: var(--mono);
        font-size: 11px;
        color: var(--muted);
        margin-left: 6px;
      }
      .description {
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        overflow: hidden;
        font-size: 12px;
        color: var(--muted);
        margin-top: 2px;
      }
      button[aria-pressed='true'] .description {
        -webkit-line-clamp: unset;
        display: block;
      }
      .gallery {
        max-height: none;
        margin-bottom: 10px;
      }
      .gallery button {
        font-size: 12.5px;
        padding: 5px 10px;
      }
      h3 {
        margin: 8px 0 0;
        font-size: 12px;
        color: var(--muted);
        font-weight: 600;
      }
      .empty {
        padding: 10px;
        color: var(--muted);
        font-size: 12px;
      }
    `,
  ];

  @property({ attribute: false }) scenarios: readonly BundledScenario[] = [];
  /** Id of the bundled scenario in the editor; null when it is a custom or edited one. */
  @property({ attribute: false }) selected: string | null = null;

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('selected') || !this.selected) return;
    // Keep the chosen scenario visible in the list (without scrolling the page).
    const list = this.renderRoot.querySelector('ul');
    const item = this.renderRoot.querySelector<HTMLElement>(`button[data-scenario="${CSS.escape(this.selected)}"]`);
    if (!list || !item) return;
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = Math.max(0, top - 8);
  }

  /** A curated list of scenarios, one line each (nothing when empty). */
  private curatedList(kind: 'gallery' | 'topology', title: string, items: readonly { id: string; line: string }[]) {
    if (items.length === 0) return null;
    return html`<h3 id="${kind}-label">${title}</h3>
      <ul class="gallery" aria-labelledby="${kind}-label" data-testid="${kind}-list">
        ${items.map(
          (g) => html`<li>
            <button
              type="button"
              aria-pressed=${g.id === this.selected ? 'true' : 'false'}
              data-gallery=${kind === 'gallery' ? g.id : nothing}
              data-topology=${kind === 'topology' ? g.id : nothing}
              @click=${() => emit(this, 'scenario-select', { id: g.id })}
            >
              ${g.line}
            </button>
          </li>`,
        )}
      </ul>`;
  }

  override render() {
    const gallery = GALLERY.filter((g) => this.scenarios.some((s) => s.id === g.id));
    const topologies = TOPOLOGIES.filter((g) => this.scenarios.some((s) => s.id === g.id));
    return html`
      <h2 id="label">Scenarios</h2>
      ${this.curatedList('gallery', 'Gallery of real-world surprises', gallery)}
      ${this.curatedList('topology', 'Routing and several target groups', topologies)}
      ${gallery.length || topologies.length ? html`<h3>All scenarios</h3>` : null}
      <ul aria-labelledby="label" data-testid="scenario-list">
        ${this.scenarios.length === 0
          ? html`<li class="empty">No bundled scenarios. Write one in the editor or upload a file.</li>`
          : this.scenarios.map(
              (s) => html`<li>
                <button
                  type="button"
                  aria-pressed=${s.id === this.selected ? 'true' : 'false'}
                  data-scenario=${s.id}
                  @click=${() => emit(this, 'scenario-select', { id: s.id })}
                >
                  <span class="title">${s.title}</span><span class="id">${s.fileName}</span>
                  ${s.description ? html`<span class="description">${s.description}</span>` : null}
                </button>
              </li>`,
            )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-scenario-picker': ScenarioPicker;
  }
}
