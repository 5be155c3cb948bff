/**
 * <elbsim-summary>: the run's summary.json figures; in compare mode the two runs side by side
 * with the change from the first to the second (green when it is an improvement, for figures
 * where lower or higher is clearly better).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Summary } from '../../core/index.ts';
import { formatDelta, formatFixed } from '../format/numbers.ts';
import { figuresFor } from '../model/summary-figures.ts';
import { sharedStyles } from './shared-styles.ts';

export interface LabelledSummary {
  label: string;
  summary: Summary;
}

@customElement('elbsim-summary')
export class SummaryTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 12.5px;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 4px 8px;
        border-bottom: 1px solid var(--border);
        text-align: right;
        white-space: nowrap;
      }
      th:first-child,
      td:first-child {
        text-align: left;
      }
      thead th {
        color: var(--muted);
        font-weight: 600;
      }
      .unit {
        color: var(--muted);
        font-size: 11px;
      }
      .better {
        color: var(--ok);
        font-weight: 600;
      }
      .worse {
        color: var(--error);
        font-weight: 600;
      }
      /* Narrow screens: figure names wrap so the values stay in view. */
      @media (max-width: 640px) {
        th[scope='row'],
        thead th {
          white-space: normal;
        }
        th[scope='row'] {
          min-width: 7em;
        }
        table {
          font-size: 12px;
        }
      }
      .scroll-hint {
        display: none;
        color: var(--muted);
        font-size: 11.5px;
        margin: 4px 0 0;
      }
      :host([overflowing]) .scroll-hint {
        display: block;
      }
    `,
  ];

  @property({ attribute: false }) runs: readonly LabelledSummary[] = [];
  private readonly resizeObserver = new ResizeObserver(() => this.markOverflow());

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  protected override updated(): void {
    this.markOverflow();
  }

  /** Shows the "scroll sideways" hint when the table is wider than its panel. */
  private markOverflow(): void {
    this.toggleAttribute('overflowing', this.scrollWidth > this.clientWidth + 1);
  }

  override render() {
    if (this.runs.length === 0) return nothing;
    const compare = this.runs.length > 1;
    return html`<table data-testid="summary-table">
      <thead>
        <tr>
          <th scope="col">Figure</th>
          ${this.runs.map((r) => html`<th scope="col">${r.label}</th>`)}
          ${compare ? html`<th scope="col">${this.runs[1]!.label} vs ${this.runs[0]!.label}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${figuresFor(this.runs.map((r) => r.summary)).map((f) => {
          const values = this.runs.map((r) => f.value(r.summary));
          let verdict = '';
          if (compare && f.lowerIsBetter !== null && Number.isFinite(values[0]!) && Number.isFinite(values[1]!) && values[0] !== values[1]) {
            const lower = values[1]! < values[0]!;
            verdict = lower === f.lowerIsBetter ? 'better' : 'worse';
          }
          return html`<tr data-figure=${f.key}>
            <th scope="row">${f.label} ${f.unit ? html`<span class="unit">(${f.unit})</span>` : nothing}</th>
            ${values.map((v) => html`<td>${formatFixed(v, f.digits)}</td>`)}
            ${compare ? html`<td class=${verdict}>${formatDelta(values[0]!, values[1]!, f.digits)}</td>` : nothing}
          </tr>`;
        })}
      </tbody>
    </table>
    <p class="scroll-hint" data-testid="summary-scroll-hint">Scroll sideways for more columns →</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-summary': SummaryTable;
  }
}
