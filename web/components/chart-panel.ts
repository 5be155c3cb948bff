/**
 * <elbsim-chart>: hosts one chart function. It measures its width, calls the chart function
 * (again only when the data, the theme or the width change), moves the shared cursor without
 * redrawing, and offers the chart as an SVG or PNG file. Clicks and arrow keys inside the
 * chart bubble up as `chart-seek`.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { alarmBandChart } from '../charts/alarm-band-chart.ts';
import { capacityChart } from '../charts/capacity-chart.ts';
import { cpuChart } from '../charts/cpu-chart.ts';
import { svgMarkup, svgToPng } from '../charts/export-image.ts';
import { placeCursor } from '../charts/frame.ts';
import { latencyChart } from '../charts/latency-chart.ts';
import { requestsChart } from '../charts/requests-chart.ts';
import type { ChartOptions, ChartRun } from '../charts/types.ts';
import { downloadBlob, downloadText } from '../download.ts';
import { CHART_THEMES, type ChartTheme } from '../theme.ts';
import { sharedStyles } from './shared-styles.ts';

export type ChartKind = 'requests' | 'latency' | 'capacity' | 'cpu' | 'alarms';

export const CHARTS: Record<ChartKind, { title: string; draw: (runs: readonly ChartRun[], options: ChartOptions) => SVGSVGElement }> = {
  requests: { title: 'Request rate', draw: requestsChart },
  latency: { title: 'Latency', draw: latencyChart },
  capacity: { title: 'Capacity', draw: capacityChart },
  cpu: { title: 'CPU utilisation', draw: cpuChart },
  alarms: { title: 'Alarm states', draw: alarmBandChart },
};

@customElement('elbsim-chart')
export class ChartPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        background: var(--panel);
        border: 1px solid var(--border);
        border-radius: var(--radius);
        padding: 8px 10px 6px;
        box-shadow: var(--shadow);
        min-width: 0;
      }
      header {
        display: flex;
        align-items: center;
        gap: 6px;
        margin-bottom: 2px;
      }
      header h3 {
        margin-right: auto;
      }
      header button {
        font-size: 11px;
        padding: 2px 7px;
      }
      .plot {
        width: 100%;
        min-height: 40px;
      }
      .plot svg {
        display: block;
        max-width: 100%;
        height: auto;
        border-radius: 4px;
      }
      .empty {
        color: var(--muted);
        font-size: 12px;
        padding: 30px 0;
        text-align: center;
      }
    `,
  ];

  @property() kind: ChartKind = 'requests';
  @property({ attribute: false }) runs: readonly ChartRun[] = [];
  @property({ attribute: false }) cursorS: number | null = null;
  @property({ attribute: false }) theme: ChartTheme = CHART_THEMES.light;
  @property({ type: Number }) chartHeight = 230;
  /** The target group or Auto Scaling group the chart is narrowed to; empty: the whole load balancer. */
  @property() scopeLabel = '';
  /** Used in exported file names. */
  @property() fileStem = 'elbsim';

  @state() private width = 0;
  @query('.plot') private plot!: HTMLDivElement;
  private svg: SVGSVGElement | null = null;
  private resizeObserver: ResizeObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (width > 0 && Math.abs(width - this.width) >= 2) this.width = width;
    });
  }

  override firstUpdated(): void {
    this.resizeObserver?.observe(this.plot);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override updated(changed: PropertyValues): void {
    const redraw = changed.has('runs') || changed.has('theme') || changed.has('width') || changed.has('kind') || changed.has('chartHeight');
    if (redraw) this.draw();
    else if (changed.has('cursorS') && this.svg) placeCursor(this.svg, this.cursorS);
  }

  private draw(): void {
    const plot = this.plot;
    if (!plot) return;
    if (this.runs.length === 0 || this.width <= 0) {
      this.svg = null;
      plot.replaceChildren();
      return;
    }
    this.svg = CHARTS[this.kind].draw(this.runs, { width: this.width, height: this.chartHeight, theme: this.theme, cursorS: this.cursorS });
    plot.replaceChildren(this.svg);
  }

  private exportSvg(): void {
    if (this.svg) downloadText(`${this.fileStem}-${this.kind}.svg`, svgMarkup(this.svg), 'image/svg+xml');
  }

  private async exportPng(): Promise<void> {
    if (this.svg) downloadBlob(`${this.fileStem}-${this.kind}.png`, await svgToPng(this.svg));
  }

  override render() {
    const title = this.scopeLabel ? `${CHARTS[this.kind].title}: ${this.scopeLabel}` : CHARTS[this.kind].title;
    const empty = this.runs.length === 0;
    return html`
      <header>
        <h3>${title}</h3>
        <button type="button" data-testid="export-svg" ?disabled=${empty} aria-label="Download ${title} as SVG" @click=${this.exportSvg}>SVG</button>
        <button type="button" data-testid="export-png" ?disabled=${empty} aria-label="Download ${title} as PNG" @click=${this.exportPng}>PNG</button>
      </header>
      <div class="plot"></div>
      ${empty ? html`<div class="empty">Run a scenario to draw this chart.</div>` : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-chart': ChartPanel;
  }
}
