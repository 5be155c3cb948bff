/**
 * <elbsim-topology>: the scenario's topology at the cursor, left to right: load balancer →
 * listeners → rules (priority, conditions, action) → target groups (or the redirect / fixed
 * response that answers) → targets (an Auto Scaling group with its in-service count, or IP
 * targets). Each edge is as thick as its share of the load balancer's requests in the period at
 * the cursor and labelled with it; an edge whose share comes from the run's totals or from the
 * forward's weights (no per-period count for it) is dashed, and its label says so in its title.
 *
 * The layout and the shares are `topologyAt` (web/model/topology.ts); this element only draws.
 * For screen readers the same graph is a list of edges with their shares.
 *
 * A target group or Auto Scaling group node the charts can be scoped to is a button (click,
 * Enter or Space): it sends `scope-select` with its scope id, and the scoped node is outlined;
 * choosing it again goes back to all.
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '../events.ts';
import { scopeIdOf } from '../model/chart-scope.ts';
import { COLUMN_TITLES, shareLabel, type ShareSource, type Topology, type TopologyNode } from '../model/topology.ts';
import { sharedStyles } from './shared-styles.ts';

const COLUMN_W = 240;
const NODE_W = 172;
const NODE_H = 58;
const ROW_H = 74;
const TOP = 26;
const PAD = 8;

const SOURCE_TEXT: Record<ShareSource, string> = {
  period: 'counted in the period at the cursor',
  total: "from the run's totals (no per-period count)",
  weight: "from the forward's weights in force (no count tells the branches apart)",
};

@customElement('elbsim-topology')
export class TopologyView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .scroll {
        overflow-x: auto;
      }
      svg {
        display: block;
        min-width: 640px;
        width: 100%;
        height: auto;
      }
      .column-title {
        fill: var(--muted);
        font-size: 11px;
        font-weight: 650;
        letter-spacing: 0.02em;
        text-transform: uppercase;
      }
      .node rect {
        fill: var(--panel-2);
        stroke: var(--border);
        stroke-width: 1;
      }
      .node.load-balancer rect,
      .node.listener rect {
        stroke: var(--accent);
      }
      .node.group rect,
      .node.ip-target rect {
        fill: var(--panel);
        stroke: var(--state-in-service);
        stroke-width: 1.5;
      }
      .node.terminal rect {
        fill: var(--panel);
        stroke: var(--warn);
        stroke-dasharray: 4 3;
      }
      .node .title {
        fill: var(--fg);
        font-size: 12.5px;
        font-weight: 600;
      }
      .node .detail {
        fill: var(--muted);
        font-size: 10.5px;
      }
      .node .action {
        fill: var(--fg);
      }
      .node.scopable {
        cursor: pointer;
      }
      .node.scopable:hover rect {
        stroke: var(--accent);
      }
      .node.scoped rect {
        stroke: var(--accent);
        stroke-width: 3;
      }
      .node:focus-visible {
        outline: none;
      }
      .node:focus-visible rect {
        stroke: var(--focus);
        stroke-width: 3;
      }
      .edge path {
        fill: none;
        stroke: var(--accent);
        stroke-opacity: 0.55;
        stroke-linecap: round;
      }
      .edge.estimated path {
        stroke-dasharray: 5 4;
      }
      .edge.idle path {
        stroke: var(--muted);
        stroke-opacity: 0.35;
      }
      .edge .share-bg {
        fill: var(--panel);
        stroke: var(--border);
      }
      .edge text {
        fill: var(--fg);
        font-size: 11px;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .legend {
        color: var(--muted);
        font-size: 12px;
        margin: 4px 0 0;
      }
      .empty {
        color: var(--muted);
        font-size: 12px;
        padding: 20px 0;
        text-align: center;
      }
    `,
  ];

  @property({ attribute: false }) topology: Topology | null = null;
  /** The cursor as text (`00:12:00`), for the accessible name. */
  @property() at = '';
  /** Scope ids (`lb:<name>`, `tg:<name>`, `asg:<name>`) the charts offer: those nodes are buttons. */
  @property({ attribute: false }) scopes: ReadonlySet<string> = new Set();
  /** The chart scope in force (`all` or one of `scopes`). */
  @property() scoped = 'all';

  private static scopeOf(n: TopologyNode): string | null {
    if (n.kind === 'target-group') return scopeIdOf({ kind: 'target-group', name: n.title });
    if (n.kind === 'group') return scopeIdOf({ kind: 'group', name: n.title });
    if (n.kind === 'load-balancer') return scopeIdOf({ kind: 'load-balancer', name: n.title });
    return null;
  }

  private choose(id: string): void {
    emit(this, 'scope-select', { id: id === this.scoped ? 'all' : id });
  }

  private static x(n: TopologyNode): number {
    return PAD + n.column * COLUMN_W;
  }

  private static y(n: TopologyNode): number {
    return TOP + n.row * ROW_H + (ROW_H - NODE_H) / 2;
  }

  private static clip(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  override render() {
    const t = this.topology;
    if (!t) return html`<div class="empty">Run a scenario to see its topology.</div>`;
    const byId = new Map(t.nodes.map((n) => [n.id, n]));
    const width = PAD * 2 + (COLUMN_TITLES.length - 1) * COLUMN_W + NODE_W;
    const height = TOP + t.rows * ROW_H + 4;
    const edges = t.edges.flatMap((e) => {
      const a = byId.get(e.from);
      const b = byId.get(e.to);
      return a && b ? [{ e, a, b }] : [];
    });
    const label = (id: string) => {
      const n = byId.get(id);
      return n ? (n.kind === 'rule' ? `rule ${n.title}` : n.title) : id;
    };
    return html`
      <div class="scroll">
        <svg
          viewBox="0 0 ${width} ${height}"
          role="img"
          aria-label="Topology${this.at ? ` at ${this.at}` : ''}: ${t.nodes.length} nodes, ${t.edges.length} edges (listed below)"
          data-testid="topology-svg"
        >
          ${COLUMN_TITLES.map((title, i) => svg`<text class="column-title" x=${PAD + i * COLUMN_W} y="14">${title}</text>`)}
          ${edges.map(({ e, a, b }) => {
            const x1 = TopologyView.x(a) + NODE_W;
            const y1 = TopologyView.y(a) + NODE_H / 2;
            const x2 = TopologyView.x(b);
            const y2 = TopologyView.y(b) + NODE_H / 2;
            const mx = (x1 + x2) / 2;
            const known = Number.isFinite(e.share);
            const stroke = known ? 1.5 + Math.min(1, Math.max(0, e.share)) * 10 : 1.5;
            const text = shareLabel(e.share);
            const lw = text.length * 6.6 + 8;
            const idle = !known || e.share === 0;
            return svg`<g
              class="edge ${e.source === 'period' ? '' : 'estimated'} ${idle ? 'idle' : ''}"
              data-testid="topology-edge"
              data-from=${e.from}
              data-to=${e.to}
              data-share=${known ? e.share.toFixed(6) : ''}
              data-source=${e.source}
            >
              <title>${label(e.from)} → ${label(e.to)}: ${text} of requests, ${SOURCE_TEXT[e.source]}${e.weight !== null ? ` (weight ${e.weight})` : ''}</title>
              <path d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}" stroke-width=${stroke.toFixed(2)}></path>
              <rect class="share-bg" x=${mx - lw / 2} y=${(y1 + y2) / 2 - 8} width=${lw} height="16" rx="4"></rect>
              <text data-testid="edge-share" x=${mx} y=${(y1 + y2) / 2 + 4} text-anchor="middle">${text}</text>
            </g>`;
          })}
          ${t.nodes.map((n) => {
            const x = TopologyView.x(n);
            const y = TopologyView.y(n);
            const scope = TopologyView.scopeOf(n);
            const button = scope !== null && this.scopes.has(scope);
            const what = n.kind === 'group' ? 'Auto Scaling group' : n.kind === 'load-balancer' ? 'load balancer' : 'target group';
            return svg`<g
              class="node ${n.kind} ${button ? 'scopable' : ''} ${button && scope === this.scoped ? 'scoped' : ''}"
              data-testid="topology-node"
              data-node=${n.id}
              data-kind=${n.kind}
              role=${button ? 'button' : nothing}
              tabindex=${button ? '0' : nothing}
              aria-pressed=${button ? (scope === this.scoped ? 'true' : 'false') : nothing}
              aria-label=${button ? `${what} ${n.title}, ${n.detail}: show it in the charts` : nothing}
              @click=${button ? () => this.choose(scope!) : nothing}
              @keydown=${button
                ? (e: KeyboardEvent) => {
                    if (e.key !== 'Enter' && e.key !== ' ') return;
                    e.preventDefault();
                    e.stopPropagation();
                    this.choose(scope!);
                  }
                : nothing}
            >
              <title>${n.title}${n.detail ? ` · ${n.detail}` : ''}${n.action ? ` ${n.action}` : ''}${Number.isFinite(n.share) ? ` · ${shareLabel(n.share)} of requests` : ''}</title>
              <rect x=${x} y=${y} width=${NODE_W} height=${NODE_H} rx="6"></rect>
              <text class="title" x=${x + 8} y=${y + 18}>${TopologyView.clip(n.title, 22)}</text>
              <text class="detail" data-testid="node-detail" x=${x + 8} y=${y + 34}>${TopologyView.clip(n.detail, 31)}</text>
              ${n.action ? svg`<text class="detail action" data-testid="node-action" x=${x + 8} y=${y + 49}>${TopologyView.clip(n.action, 31)}</text>` : nothing}
            </g>`;
          })}
        </svg>
      </div>
      <p class="legend">
        Line width and labels: share of the load balancer's requests in the period at the cursor. Dashed: estimated from the run's totals or the
        forward's weights.${this.scopes.size ? ' Choose a target group or Auto Scaling group to show it in the charts.' : ''}
      </p>
      <ul class="visually-hidden" aria-label="Topology edges">
        ${edges.map(
          ({ e }) =>
            html`<li>${label(e.from)} → ${label(e.to)}: ${shareLabel(e.share)} of requests, ${SOURCE_TEXT[e.source]}${e.weight !== null ? html` (weight ${e.weight})` : nothing}</li>`,
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-topology': TopologyView;
  }
}
