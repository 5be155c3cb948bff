/**
 * <elbsim-events-log>: the run's event log (events.csv) synced to the cursor. The last event at
 * or before the cursor is highlighted and kept in view; later events are dimmed; choosing an
 * event moves the cursor to its time. Filters by kind (alarms, scaling, health, faults,
 * lifecycle). Rows are drawn in a window around the visible part, so a log of a hundred
 * thousand events scrolls as smoothly as one of ten.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { SimEvent } from '../../core/index.ts';
import { emit } from '../events.ts';
import { formatClock } from '../format/clock.ts';
import { CATEGORY_LABELS, EVENT_CATEGORIES, categoryOf, currentRow, filterEvents, type EventCategory } from '../model/event-categories.ts';
import { sharedStyles } from './shared-styles.ts';

const ROW = 26;
/** Narrow panels (phones) draw each event on two lines: time, kind, subject; then the detail. */
const NARROW_ROW = 44;
const NARROW_BELOW_PX = 560;
const BUFFER = 12;

/**
 * The detail as the log shows it: REGISTER and DEREGISTER rows say which target group the
 * instance joins or leaves (events.csv's register detail is only its name, `default` unless the
 * scenario names one).
 */
export function detailText(event: SimEvent): string {
  if (event.kind === 'register' && event.targetGroup !== null) return `target group “${event.targetGroup}”`;
  if (event.kind === 'deregister' && event.targetGroup !== null) return `${event.detail} (target group “${event.targetGroup}”)`;
  return event.detail;
}

@customElement('elbsim-events-log')
export class EventsLog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin: 6px 0;
      }
      .filters button {
        font-size: 11.5px;
        padding: 2px 8px;
        border-radius: 12px;
      }
      .filters button[aria-pressed='true'] {
        background: var(--panel-2);
        border-color: var(--accent);
      }
      .filters button[aria-pressed='false'] {
        color: var(--muted);
        text-decoration: line-through;
      }
      .scroller {
        position: relative;
        overflow-y: auto;
        flex: none;
        height: var(--events-height, 320px);
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--panel);
      }
      .row {
        position: absolute;
        left: 0;
        right: 0;
        height: ${ROW}px;
        display: grid;
        grid-template-columns: 66px 104px minmax(70px, 1fr) minmax(0, 1.6fr);
        gap: 6px;
        align-items: center;
        padding: 0 8px;
        border: 0;
        border-radius: 0;
        background: transparent;
        text-align: left;
        font-size: 12px;
        white-space: nowrap;
      }
      .row:hover {
        background: var(--panel-2);
      }
      .row.future {
        opacity: 0.45;
      }
      .row.current {
        background: color-mix(in srgb, var(--accent) 18%, transparent);
        box-shadow: inset 3px 0 0 var(--accent);
      }
      .row span {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .time {
        font-family: var(--mono);
        font-variant-numeric: tabular-nums;
        color: var(--muted);
      }
      .subject {
        font-family: var(--mono);
      }
      .kind {
        font-size: 10.5px;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.03em;
        border-radius: 4px;
        padding: 1px 5px;
        justify-self: start;
        max-width: 100%;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        color: #111;
      }
      .k-alarm {
        background: #f0e442;
      }
      .k-scaling {
        background: #56b4e9;
      }
      .k-health {
        background: #8fd6b8;
      }
      .k-fault {
        background: #e8a6c8;
      }
      .k-lifecycle {
        background: #d5dbe3;
      }
      .empty {
        padding: 16px;
        color: var(--muted);
        font-size: 12px;
      }
      .narrow .row {
        grid-template-columns: 62px auto minmax(0, 1fr);
        grid-template-rows: 20px 18px;
        row-gap: 0;
        align-content: center;
      }
      .narrow .row .detail {
        grid-column: 1 / -1;
        grid-row: 2;
        color: var(--muted);
      }
      .current-detail {
        margin: 6px 0 0;
        font-size: 12px;
        line-height: 1.4;
        overflow-wrap: anywhere;
        min-height: 1.4em;
      }
      .current-detail .time {
        margin-right: 6px;
      }
    `,
  ];

  @property({ attribute: false }) events: readonly SimEvent[] = [];
  @property({ type: Number }) cursorS = 0;

  @state() private shown: ReadonlySet<EventCategory> = new Set(EVENT_CATEGORIES);
  @state() private scrolledPx = 0;
  @state() private viewport = 300;
  @state() private narrow = false;
  @query('.scroller') private scroller!: HTMLDivElement;
  private rows: { event: SimEvent; index: number }[] = [];
  private resizeObserver = new ResizeObserver((entries) => {
    const box = entries[0]?.contentRect;
    if (!box) return;
    this.viewport = box.height;
    this.narrow = box.width < NARROW_BELOW_PX;
  });

  private get rowPx(): number {
    return this.narrow ? NARROW_ROW : ROW;
  }

  override firstUpdated(): void {
    this.resizeObserver.observe(this.scroller);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('events') || changed.has('shown')) this.rows = filterEvents(this.events, this.shown);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('cursorS') || changed.has('events') || changed.has('shown') || changed.has('narrow')) this.keepCurrentInView();
  }

  private keepCurrentInView(): void {
    const i = currentRow(this.rows, this.cursorS);
    if (i < 0 || !this.scroller) return;
    const top = i * this.rowPx;
    const view = this.scroller.clientHeight;
    if (top < this.scroller.scrollTop || top + this.rowPx > this.scroller.scrollTop + view) {
      // The scroll event that follows brings the drawn window along (no update inside an update).
      this.scroller.scrollTop = Math.max(0, top - view / 2);
    }
  }

  private toggle(category: EventCategory): void {
    const next = new Set(this.shown);
    if (next.has(category)) next.delete(category);
    else next.add(category);
    this.shown = next;
  }

  override render() {
    const counts = new Map<EventCategory, number>();
    for (const e of this.events) counts.set(categoryOf(e.kind), (counts.get(categoryOf(e.kind)) ?? 0) + 1);
    const current = currentRow(this.rows, this.cursorS);
    const rowPx = this.rowPx;
    const first = Math.max(0, Math.floor(this.scrolledPx / rowPx) - BUFFER);
    const last = Math.min(this.rows.length, Math.ceil((this.scrolledPx + this.viewport) / rowPx) + BUFFER);
    const currentEvent = current >= 0 ? this.rows[current]!.event : null;
    const visible = this.rows.slice(first, last);
    return html`
      <div class="filters" role="group" aria-label="Show events of kind">
        ${EVENT_CATEGORIES.map(
          (c) =>
            html`<button type="button" aria-pressed=${this.shown.has(c) ? 'true' : 'false'} data-category=${c} @click=${() => this.toggle(c)}>
              ${CATEGORY_LABELS[c]} ${counts.get(c) ?? 0}
            </button>`,
        )}
      </div>
      <div
        class="scroller ${this.narrow ? 'narrow' : ''}"
        role="list"
        aria-label="Events"
        data-testid="events-list"
        @scroll=${() => (this.scrolledPx = this.scroller.scrollTop)}
      >
        ${this.rows.length === 0
          ? html`<div class="empty">${this.events.length ? 'No events of the chosen kinds.' : 'No events yet.'}</div>`
          : html`<div style="height: ${this.rows.length * rowPx}px"></div>`}
        ${visible.map(({ event, index }, k) => {
          const row = first + k;
          const category = categoryOf(event.kind);
          return html`<button
            type="button"
            role="listitem"
            class="row ${row === current ? 'current' : ''} ${event.timeS > this.cursorS ? 'future' : ''}"
            style="top: ${row * rowPx}px; height: ${rowPx}px"
            data-testid="event"
            data-index=${index}
            aria-current=${row === current ? 'true' : 'false'}
            title="${formatClock(event.timeS, true)} ${event.kind} ${event.subject} ${detailText(event)}"
            @click=${() => emit(this, 'cursor-change', { timeS: event.timeS })}
          >
            <span class="time">${formatClock(event.timeS, true)}</span>
            <span class="kind k-${category}">${event.kind}</span>
            <span class="subject">${event.subject}</span>
            <span class="detail">${detailText(event)}</span>
          </button>`;
        })}
      </div>
      <p class="current-detail" data-testid="current-event" aria-live="polite">
        ${currentEvent
          ? html`<span class="time">${formatClock(currentEvent.timeS, true)}</span><strong>${currentEvent.kind}</strong> ${currentEvent.subject}${detailText(currentEvent)
              ? html` — ${detailText(currentEvent)}`
              : ''}`
          : ''}
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-events-log': EventsLog;
  }
}
