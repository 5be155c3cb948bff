/**
 * <elbsim-run-controls>: the seed, the Run button (Cancel while running), the progress bar and
 * the run status. The status element's text is exactly the status word (`done` when a run has
 * finished): tests and scripts wait on it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '../events.ts';
import type { RunStatus } from '../sim-controller.ts';
import { sharedStyles } from './shared-styles.ts';

@customElement('elbsim-run-controls')
export class RunControls extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
      }
      label {
        display: flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: var(--muted);
      }
      input[type='number'] {
        width: 8em;
        font-family: var(--mono);
      }
      button.primary {
        min-width: 6.5em;
      }
      .progress {
        margin-top: 8px;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px;
        align-items: center;
        font-size: 12px;
        color: var(--muted);
      }
      progress {
        width: 100%;
        height: 8px;
        accent-color: var(--accent);
      }
      .status {
        font-weight: 600;
        font-family: var(--mono);
        font-size: 12px;
        padding: 2px 8px;
        border-radius: 10px;
        background: var(--panel-2);
      }
      .status[data-status='done'] {
        color: var(--ok);
      }
      .status[data-status='error'] {
        color: var(--error);
      }
      .error {
        color: var(--error);
        font-size: 12px;
        margin-top: 6px;
        white-space: pre-wrap;
      }
    `,
  ];

  @property({ type: Number }) seed = 1;
  @property() status: RunStatus = 'idle';
  /** 0..1 */
  @property({ type: Number }) progress = 0;
  @property() detail = '';
  @property() error: string | null = null;
  /** False while the scenario has validation errors. */
  @property({ type: Boolean }) canRun = true;
  @property() runLabel = 'Run';

  private onSeed(event: Event): void {
    const input = event.target as HTMLInputElement;
    const seed = Number(input.value);
    if (Number.isSafeInteger(seed) && seed >= 0) emit(this, 'seed-change', { seed });
  }

  override render() {
    const running = this.status === 'running';
    return html`
      <div class="row">
        <label
          >Seed
          <input
            type="number"
            min="0"
            step="1"
            inputmode="numeric"
            data-testid="seed"
            .value=${String(this.seed)}
            @change=${this.onSeed}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (this.onSeed(e), emit(this, 'run-request', {}))}
        /></label>
        ${running
          ? html`<button type="button" data-testid="cancel" @click=${() => emit(this, 'run-cancel', {})}>Cancel</button>`
          : html`<button
              type="button"
              class="primary"
              data-testid="run"
              ?disabled=${!this.canRun}
              title=${this.canRun ? 'Run the simulation (Ctrl+Enter)' : 'Fix the scenario errors first'}
              @click=${() => emit(this, 'run-request', {})}
            >
              ${this.runLabel}
            </button>`}
        <span class="status" data-testid="run-status" data-status=${this.status} role="status" aria-live="polite">${this.status}</span>
      </div>
      ${running || this.status === 'done' || this.status === 'cancelled'
        ? html`<div class="progress">
            <progress max="1" .value=${this.progress} aria-label="simulation progress" data-testid="progress"></progress>
            <span>${this.detail}</span>
          </div>`
        : nothing}
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-run-controls': RunControls;
  }
}
