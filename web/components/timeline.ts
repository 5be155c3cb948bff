/**
 * <elbsim-timeline>: replay controls over simulated time: play/pause, speed (simulated seconds
 * per real second), and a scrubber. The app owns the cursor; this component only asks to move it.
 * Keys on the scrubber: arrows step one period, Page Up/Down ten, Home/End the ends, Space plays.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { emit } from '../events.ts';
import { formatClock, speedLabel } from '../format/clock.ts';
import { sharedStyles } from './shared-styles.ts';

export const SPEEDS = [10, 60, 300, 900, 3600] as const;

@customElement('elbsim-timeline')
export class Timeline extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: grid;
        grid-template-columns: auto auto 1fr auto;
        align-items: center;
        gap: 10px;
      }
      button.play {
        width: 2.6em;
        font-size: 15px;
        padding: 3px 0;
      }
      input[type='range'] {
        width: 100%;
        accent-color: var(--accent);
      }
      .time {
        font-family: var(--mono);
        font-variant-numeric: tabular-nums;
        font-size: 13px;
        white-space: nowrap;
      }
      .time .total {
        color: var(--muted);
      }
      select {
        font-size: 12px;
      }
      /* Narrow screens: the scrubber gets a row of its own, the full width, so it stays usable. */
      @media (max-width: 640px) {
        .bar {
          grid-template-columns: auto auto 1fr;
        }
        input[type='range'] {
          grid-column: 1 / -1;
          grid-row: 2;
          min-height: 28px;
        }
        .time {
          justify-self: end;
        }
      }
    `,
  ];

  @property({ type: Number }) durationS = 0;
  @property({ type: Number }) cursorS = 0;
  @property({ type: Number }) stepS = 60;
  @property({ type: Boolean }) playing = false;
  @property({ type: Number }) speed = 300;
  @property({ type: Boolean }) disabled = false;

  private seek(timeS: number): void {
    emit(this, 'cursor-change', { timeS: Math.min(this.durationS, Math.max(0, timeS)) });
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === ' ') {
      event.preventDefault();
      emit(this, 'play-toggle', { playing: !this.playing });
    } else if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      this.seek(this.cursorS + (event.key === 'PageUp' ? 10 : -10) * this.stepS);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowUp' || event.key === 'ArrowLeft' || event.key === 'ArrowDown') {
      // Stepped from the clock (the app's cursor), not from the input's own value, so the keys
      // always agree with what the header shows.
      event.preventDefault();
      this.seek(this.cursorS + (event.key === 'ArrowRight' || event.key === 'ArrowUp' ? 1 : -1) * this.stepS);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      this.seek(event.key === 'Home' ? 0 : this.durationS);
    }
  }

  override render() {
    return html`
      <div class="bar">
        <button
          type="button"
          class="play"
          data-testid="play"
          ?disabled=${this.disabled}
          aria-label=${this.playing ? 'Pause' : 'Play'}
          title=${this.playing ? 'Pause (Space)' : 'Play (Space)'}
          @click=${() => emit(this, 'play-toggle', { playing: !this.playing })}
        >
          ${this.playing ? '❚❚' : '▶'}
        </button>
        <select
          aria-label="Replay speed"
          data-testid="speed"
          ?disabled=${this.disabled}
          @change=${(e: Event) => emit(this, 'speed-change', { speed: Number((e.target as HTMLSelectElement).value) })}
        >
          ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === this.speed}>${speedLabel(s)}</option>`)}
        </select>
        <input
          type="range"
          data-testid="scrubber"
          aria-label="Simulated time"
          aria-valuetext=${formatClock(this.cursorS, true)}
          min="0"
          max=${this.durationS}
          step=${this.stepS}
          .value=${live(String(this.cursorS))}
          ?disabled=${this.disabled}
          @input=${(e: Event) => this.seek(Number((e.target as HTMLInputElement).value))}
          @keydown=${this.onKey}
        />
        <span class="time" data-testid="cursor-time"
          >${this.disabled
            ? html`<span class="total">--:--:-- / --:--:--</span>`
            : html`${formatClock(this.cursorS, true)} <span class="total">/ ${formatClock(this.durationS, true)}</span>`}</span
        >
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-timeline': Timeline;
  }
}
