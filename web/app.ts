/**
 * <elbsim-app>: the root of the web app. It holds the scenario text(s), the seed, the
 * current run and the replay cursor; everything below it gets properties and answers with
 * events. The simulation itself runs in a Web Worker owned by `SimController`, so the page
 * stays responsive during a long run and the run can be cancelled.
 *
 * Layout: scenarios, editor and run controls on the left; on the right the replay (timeline,
 * fleet view, events log), the charts, and the summary with the exports.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ChartRun } from './charts/types.ts';
import { formatEventsCsv, formatSummaryJson, formatTimeseriesCsv, parseScenario, type ParseResult, type RunResult } from './core-api.ts';
import { downloadText } from './download.ts';
import { formatClock, formatDuration } from './format/clock.ts';
import { findScope, scopeOptions, scopeRun, type ScopeOption } from './model/chart-scope.ts';
import { fleetAt } from './model/fleet-state.ts';
import { readShareUrl, shareUrl } from './model/share-link.ts';
import { tellingMomentS } from './model/telling-moment.ts';
import { topologyAt } from './model/topology.ts';
import { PlaybackController } from './playback-controller.ts';
import { BUNDLED_SCENARIOS, type BundledScenario } from './scenarios.ts';
import { SimController, type RunJob } from './sim-controller.ts';
import { CHART_THEMES, type ThemeName } from './theme.ts';
import { applyTheme, initialTheme } from './theme-preference.ts';
import { sharedStyles } from './components/shared-styles.ts';
import './components/chart-panel.ts';
import './components/events-log.ts';
import './components/fleet-view.ts';
import './components/run-controls.ts';
import './components/scenario-editor.ts';
import './components/scenario-picker.ts';
import './components/summary-table.ts';
import './components/timeline.ts';
import './components/topology-view.ts';
import type { ChartKind } from './components/chart-panel.ts';

/** One scenario being edited: A, or B in compare mode. */
export interface Variant {
  text: string;
  fileName: string;
  /** The bundled scenario this text is, unedited; null once edited or for an upload. */
  bundledId: string | null;
  parse: ParseResult | null;
}

const VARIANT_LABELS = ['A', 'B'] as const;
// The first thing a visitor sees: a spike, alarms, a scale-out and a slow scale-in.
const DEFAULT_SCENARIO = 'flash-sale-target-tracking';
const VALIDATE_DELAY_MS = 200;

function variantOf(bundled: BundledScenario): Variant {
  return { text: bundled.text, fileName: bundled.fileName, bundledId: bundled.id, parse: parseScenario(bundled.text, bundled.fileName) };
}

function emptyVariant(): Variant {
  return { text: '', fileName: 'scenario.yaml', bundledId: null, parse: null };
}

@customElement('elbsim-app')
export class ElbsimApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      header.top {
        display: flex;
        align-items: center;
        gap: 14px;
        padding: 10px 20px;
        border-bottom: 1px solid var(--border);
        background: var(--panel);
        position: sticky;
        top: 0;
        z-index: 5;
      }
      .brand {
        display: flex;
        align-items: baseline;
        gap: 10px;
        margin-right: auto;
        min-width: 0;
      }
      .brand h1 {
        margin: 0;
        font-size: 20px;
        letter-spacing: -0.01em;
      }
      .brand h1 .logo {
        display: inline-flex;
        gap: 2px;
        align-items: flex-end;
        height: 16px;
        margin-right: 6px;
        vertical-align: -1px;
      }
      .brand h1 .logo i {
        width: 4px;
        border-radius: 1px;
      }
      .brand p {
        margin: 0;
        color: var(--muted);
        font-size: 13px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(340px, 420px) minmax(0, 1fr);
        gap: 16px;
        padding: 16px 20px 40px;
        align-items: start;
      }
      aside {
        display: flex;
        flex-direction: column;
        gap: 14px;
      }
      .panel {
        background: var(--panel);
        border: 1px solid var(--border);
        border-radius: var(--radius);
        padding: 12px;
        box-shadow: var(--shadow);
        min-width: 0;
      }
      .content {
        display: flex;
        flex-direction: column;
        gap: 14px;
        min-width: 0;
      }
      .replay {
        position: sticky;
        top: 58px;
        z-index: 4;
      }
      .run-title {
        display: flex;
        align-items: baseline;
        gap: 10px;
        flex-wrap: wrap;
        margin-bottom: 8px;
      }
      .run-title strong {
        font-size: 15px;
      }
      .run-title .meta {
        color: var(--muted);
        font-size: 12px;
      }
      .run-title .view {
        margin-left: auto;
        font-size: 12px;
      }
      .split {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr);
        gap: 14px;
        align-items: start;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 14px;
      }
      .charts .wide {
        grid-column: 1 / -1;
      }
      .panel > h2 {
        margin-bottom: 4px;
      }
      .tabs {
        display: flex;
        gap: 4px;
        margin-bottom: 8px;
      }
      .tabs button[aria-selected='true'] {
        background: var(--accent);
        color: var(--accent-fg);
        border-color: var(--accent);
      }
      .compare-row {
        display: flex;
        align-items: center;
        gap: 8px;
        font-size: 13px;
        margin-bottom: 8px;
      }
      .scope {
        display: flex;
        align-items: center;
        gap: 10px;
        font-size: 13px;
        margin-bottom: -4px;
      }
      .exports {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 10px;
        align-items: center;
      }
      .exports .label {
        color: var(--muted);
        font-size: 12px;
        margin-right: 4px;
      }
      .share {
        display: flex;
        gap: 6px;
        margin-top: 8px;
      }
      .share input {
        flex: 1;
        min-width: 0;
        font-family: var(--mono);
        font-size: 11.5px;
      }
      .notice {
        border-left: 3px solid var(--error);
        background: var(--error-bg);
        padding: 8px 10px;
        border-radius: 4px;
        font-size: 13px;
      }
      .hint {
        color: var(--muted);
        font-size: 12px;
      }
      kbd {
        font-family: var(--mono);
        font-size: 11px;
        border: 1px solid var(--border);
        border-bottom-width: 2px;
        border-radius: 3px;
        padding: 0 4px;
      }
      @media (max-width: 1200px) {
        .split {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        .charts {
          grid-template-columns: minmax(0, 1fr);
        }
        .replay {
          top: 52px;
        }
        .brand p {
          display: none;
        }
      }
    `,
  ];

  @state() private variants: Variant[] = [emptyVariant(), emptyVariant()];
  @state() private compare = false;
  @state() private editing = 0;
  @state() private seed = 1;
  @state() private cursorS = 0;
  @state() private viewing = 0;
  @state() private theme: ThemeName = initialTheme();
  @state() private notice: string | null = null;
  @state() private shareLink = '';
  /** What the requests, latency, capacity and CPU charts show: `all`, `tg:<name>` or `asg:<name>`. */
  @state() private chartScope = 'all';

  private readonly scenarios = BUNDLED_SCENARIOS;
  private readonly sim = new SimController(this, undefined, (snapshot) => this.onRunFinished(snapshot.results));
  private readonly playback = new PlaybackController(
    this,
    () => this.cursorS,
    () => this.durationS,
    (t) => (this.cursorS = t),
  );
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private chartRuns: ChartRun[] = [];
  private chartRunsFor = -1;
  /** The chart runs narrowed to the chart scope (the alarm band keeps the whole runs). */
  private scopedRuns: ChartRun[] = [];
  private scopedFor = '';
  private scopes: ScopeOption[] = [];
  private scopeIds: ReadonlySet<string> = new Set();
  /** The variant texts and seed of the results on screen (for share links and exports). */
  private ranWith: { variants: Variant[]; seed: number } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    applyTheme(this.theme, false);
    window.addEventListener('keydown', this.onGlobalKey);
    this.sim.prewarm(); // every page load runs a scenario: its worker loads while the link is read
    void this.loadFromUrl();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onGlobalKey);
  }

  // ---- scenarios and the editor -------------------------------------------------------------

  private async loadFromUrl(): Promise<void> {
    let target: Awaited<ReturnType<typeof readShareUrl>>;
    try {
      target = await readShareUrl(new URL(location.href));
    } catch (error) {
      this.notice = `This link could not be opened: ${(error as Error).message}.`;
      this.loadDefault();
      return;
    }
    if (target.kind === 'bundled') {
      const bundled = this.scenarios.find((s) => s.id === target.name);
      if (!bundled) {
        this.notice = `There is no bundled scenario called “${target.name}”. Choose one from the list.`;
        this.loadDefault();
        return;
      }
      this.setVariant(0, variantOf(bundled), target.seed);
      this.openCompare(target.compareText);
      this.run();
    } else if (target.kind === 'inline') {
      const text = target.text;
      this.setVariant(0, { text, fileName: 'shared.yaml', bundledId: null, parse: parseScenario(text, 'shared.yaml') }, target.seed);
      this.openCompare(target.compareText);
      this.run();
    } else {
      this.loadDefault(target.seed);
    }
  }

  /** A shared comparison: variant B from the link. */
  private openCompare(text: string | undefined): void {
    if (text === undefined) return;
    const bundled = this.scenarios.find((s) => s.text === text);
    const fileName = bundled?.fileName ?? 'shared-b.yaml';
    this.compare = true;
    this.variants = [this.variants[0]!, { text, fileName, bundledId: bundled?.id ?? null, parse: parseScenario(text, fileName) }];
  }

  private loadDefault(seed: number | null = null): void {
    const bundled = this.scenarios.find((s) => s.id === DEFAULT_SCENARIO) ?? this.scenarios[0];
    if (!bundled) return;
    this.setVariant(0, variantOf(bundled), seed);
    this.run();
  }

  /** Puts a scenario in an editor; the seed follows the scenario's own unless one is given. */
  private setVariant(index: number, variant: Variant, seed: number | null = null): void {
    const variants = [...this.variants];
    variants[index] = variant;
    if (index === 0 && !this.compare) variants[1] = { ...variant };
    this.variants = variants;
    if (index === 0) {
      if (seed !== null) this.seed = seed;
      else if (variant.parse?.ok) this.seed = variant.parse.scenario.seed;
    }
  }

  private onSelect(id: string): void {
    const bundled = this.scenarios.find((s) => s.id === id);
    if (!bundled) return;
    this.notice = null;
    this.setVariant(this.editing, variantOf(bundled));
    // A bundled scenario is valid and quick to run: show it at once (in compare mode the user
    // is still setting up the two variants, so wait for Run there).
    if (!this.compare && this.canRun) this.run();
  }

  private onEdit(text: string): void {
    const index = this.editing;
    const current = this.variants[index]!;
    const bundled = this.scenarios.find((s) => s.id === current.bundledId);
    const variants = [...this.variants];
    variants[index] = { ...current, text, bundledId: bundled && bundled.text === text ? bundled.id : null };
    this.variants = variants;
    clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => this.validate(index), VALIDATE_DELAY_MS);
  }

  private validate(index: number): void {
    const variants = [...this.variants];
    const v = variants[index]!;
    variants[index] = { ...v, parse: parseScenario(v.text, v.fileName) };
    this.variants = variants;
  }

  private onUpload(text: string, fileName: string): void {
    this.notice = null;
    const bundled = this.scenarios.find((s) => s.text === text);
    this.setVariant(this.editing, { text, fileName, bundledId: bundled?.id ?? null, parse: parseScenario(text, fileName) });
  }

  private toggleCompare(on: boolean): void {
    this.compare = on;
    this.editing = 0;
    if (on) {
      // B starts as a copy of A: change one thing (a policy, a limit) and run both.
      const a = this.variants[0]!;
      const b = this.variants[1]!;
      if (b.text === '' || b.text === a.text) this.variants = [a, { ...a }];
    } else {
      this.viewing = 0;
    }
  }

  // ---- running ------------------------------------------------------------------------------

  private get activeVariants(): Variant[] {
    return this.compare ? this.variants : [this.variants[0]!];
  }

  private get canRun(): boolean {
    return this.activeVariants.every((v) => v.parse?.ok === true);
  }

  private run(): void {
    clearTimeout(this.validateTimer);
    const variants = this.activeVariants.map((v) => ({ ...v, parse: parseScenario(v.text, v.fileName) }));
    this.variants = this.compare ? variants : [variants[0]!, this.variants[1]!];
    const jobs: RunJob[] = [];
    for (const [i, v] of variants.entries()) {
      if (!v.parse.ok) {
        this.editing = i;
        return;
      }
      jobs.push({ label: this.compare ? VARIANT_LABELS[i]! : v.parse.scenario.name, scenario: v.parse.scenario, seed: this.seed });
    }
    this.playback.pause();
    this.ranWith = { variants, seed: this.seed };
    this.sim.run(jobs);
  }

  private onRunFinished(results: readonly RunResult[]): void {
    // Land on the first telling moment of any run (compare: of A or B, whichever comes first).
    const moments = results.map((r) => tellingMomentS(r.events));
    this.cursorS = moments.length ? Math.min(...moments) : 0;
    if (this.viewing >= results.length) this.viewing = 0;
    void this.updateShareLink();
  }

  private async updateShareLink(): Promise<void> {
    const ran = this.ranWith;
    if (!ran) return;
    const a = ran.variants[0]!;
    const b = ran.variants[1];
    const link = await shareUrl(location.href, { bundledName: a.bundledId, text: a.text, seed: ran.seed, compareText: b?.text ?? null });
    this.shareLink = link;
    try {
      history.replaceState(null, '', link);
    } catch {
      // some hosts (file://) refuse; the link is still shown
    }
  }

  private async copyShareLink(): Promise<void> {
    if (!this.shareLink) return;
    try {
      await navigator.clipboard.writeText(this.shareLink);
    } catch {
      const input = this.renderRoot.querySelector<HTMLInputElement>('.share input');
      input?.select();
    }
  }

  // ---- results, replay and exports ----------------------------------------------------------

  private get results(): readonly RunResult[] {
    return this.sim.snapshot.results;
  }

  private get viewed(): RunResult | null {
    return this.sim.snapshot.status === 'done' ? (this.results[this.viewing] ?? this.results[0] ?? null) : null;
  }

  private get durationS(): number {
    const r = this.sim.snapshot.status === 'done' ? this.results : [];
    return r.length ? Math.max(...r.map((x) => x.scenario.durationS)) : 0;
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const snapshot = this.sim.snapshot;
    if (snapshot.status === 'done' && this.chartRunsFor !== snapshot.runId) {
      this.chartRunsFor = snapshot.runId;
      const labels = snapshot.jobs.map((j) => j.label);
      this.chartRuns = snapshot.results.map((r, i) => ({
        label: labels[i] ?? String(i + 1),
        durationS: r.scenario.durationS,
        periodS: r.scenario.periodS,
        timeseries: r.timeseries,
        scenario: r.scenario,
        events: r.events,
      }));
      this.scopes = scopeOptions(snapshot.results);
      this.scopeIds = new Set(this.scopes.map((o) => o.id));
    }
    const scope = findScope(this.scopes, this.chartScope);
    const key = `${this.chartRunsFor}|${scope.id}`;
    if (snapshot.status === 'done' && this.scopedFor !== key) {
      this.scopedFor = key;
      this.scopedRuns = snapshot.results.map((r, i) => {
        const base = this.chartRuns[i]!;
        if (scope.id === 'all') return base;
        const scoped = scopeRun(r, scope.scope);
        return { ...base, timeseries: scoped.timeseries, columns: scoped.columns, scenario: { autoScalingGroups: scoped.autoScalingGroups } };
      });
    }
  }

  private setCursor(timeS: number): void {
    this.cursorS = Math.min(this.durationS, Math.max(0, timeS));
  }

  private exportFile(file: 'timeseries' | 'events' | 'summary' | 'scenario'): void {
    if (file === 'scenario') {
      const v = this.variants[this.editing]!;
      downloadText(v.fileName, v.text, v.fileName.endsWith('.json') ? 'application/json' : 'text/yaml');
      return;
    }
    const result = this.viewed;
    if (!result) return;
    // The CLI's own formatters: the same bytes as `elbsim run` for this scenario and seed.
    if (file === 'timeseries') downloadText('timeseries.csv', formatTimeseriesCsv(result.timeseries, result.extraSeries), 'text/csv');
    else if (file === 'events') downloadText('events.csv', formatEventsCsv(result.events), 'text/csv');
    else downloadText('summary.json', formatSummaryJson(result.summary), 'application/json');
  }

  private readonly onGlobalKey = (event: KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      if (this.sim.running) return;
      if (this.canRun) this.run();
      return;
    }
    const path = event.composedPath();
    const inField = path.some((el) => el instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName));
    if (event.key === 'Escape' && !inField && this.sim.running) {
      this.sim.cancel();
      return;
    }
    if (event.key === ' ' && !inField && this.viewed) {
      event.preventDefault();
      this.playback.toggle();
    }
  };

  private toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    applyTheme(this.theme, true);
  }

  // ---- rendering ----------------------------------------------------------------------------

  private renderHeader() {
    return html`<header class="top">
      <div class="brand">
        <h1>
          <span class="logo" aria-hidden="true"
            ><i style="height:7px;background:#009E73"></i><i style="height:11px;background:#0072B2"></i
            ><i style="height:16px;background:#E69F00"></i></span
          >elbsim
        </h1>
        <p>A deterministic simulator of an AWS load balancer and its Auto Scaling fleet</p>
      </div>
      <button
        type="button"
        data-testid="theme-toggle"
        aria-label="Switch to ${this.theme === 'dark' ? 'light' : 'dark'} theme"
        title="Switch to ${this.theme === 'dark' ? 'light' : 'dark'} theme"
        @click=${this.toggleTheme}
      >
        ${this.theme === 'dark' ? '☀ Light' : '☾ Dark'}
      </button>
    </header>`;
  }

  private renderSidebar() {
    const variant = this.variants[this.editing]!;
    const parse = variant.parse;
    const snapshot = this.sim.snapshot;
    const job = snapshot.jobs[snapshot.jobIndex];
    const runDuration = this.activeVariants[snapshot.jobIndex]?.parse;
    const totalS = runDuration?.ok ? runDuration.scenario.durationS : 0;
    const detail =
      snapshot.status === 'running'
        ? `${this.compare ? `${job?.label ?? ''}: ` : ''}simulated ${formatClock(snapshot.nowS)} of ${formatClock(totalS)}`
        : snapshot.status === 'done'
          ? `${snapshot.results.length > 1 ? `${snapshot.results.length} runs` : 'run'} in ${(snapshot.wallMs / 1000).toFixed(2)} s`
          : snapshot.status === 'cancelled'
            ? 'cancelled'
            : '';
    return html`<aside>
      <section class="panel">
        <elbsim-scenario-picker
          .scenarios=${this.scenarios}
          .selected=${variant.bundledId}
          @scenario-select=${(e: CustomEvent<{ id: string }>) => this.onSelect(e.detail.id)}
        ></elbsim-scenario-picker>
      </section>
      <section class="panel">
        <label class="compare-row">
          <input
            type="checkbox"
            data-testid="compare-toggle"
            .checked=${this.compare}
            @change=${(e: Event) => this.toggleCompare((e.target as HTMLInputElement).checked)}
          />
          Compare two variants (same seed)
        </label>
        ${this.compare
          ? html`<div class="tabs" role="tablist" aria-label="Variant being edited">
              ${VARIANT_LABELS.map(
                (label, i) =>
                  html`<button
                    type="button"
                    role="tab"
                    data-testid="variant-${label}"
                    aria-selected=${this.editing === i ? 'true' : 'false'}
                    @click=${() => (this.editing = i)}
                  >
                    Variant ${label}
                  </button>`,
              )}
            </div>`
          : nothing}
        <elbsim-editor
          .value=${variant.text}
          .fileName=${variant.fileName}
          .heading=${this.compare ? `Variant ${VARIANT_LABELS[this.editing]}` : 'Scenario'}
          .errors=${parse && !parse.ok ? parse.errors : []}
          .warnings=${parse ? parse.warnings : []}
          .validated=${parse !== null}
          @editor-change=${(e: CustomEvent<{ text: string }>) => this.onEdit(e.detail.text)}
          @scenario-upload=${(e: CustomEvent<{ text: string; fileName: string }>) => this.onUpload(e.detail.text, e.detail.fileName)}
          @export-request=${() => this.exportFile('scenario')}
        ></elbsim-editor>
      </section>
      <section class="panel">
        <elbsim-run-controls
          .seed=${this.seed}
          .status=${snapshot.status}
          .progress=${snapshot.progress}
          .detail=${detail}
          .error=${snapshot.error}
          .canRun=${this.canRun}
          .runLabel=${this.compare ? 'Run A and B' : 'Run'}
          @seed-change=${(e: CustomEvent<{ seed: number }>) => (this.seed = e.detail.seed)}
          @run-request=${() => this.canRun && this.run()}
          @run-cancel=${() => this.sim.cancel()}
        ></elbsim-run-controls>
        <p class="hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs, <kbd>Esc</kbd> cancels · <kbd>Space</kbd> plays the replay · in the editor <kbd>Tab</kbd> indents,
          <kbd>Esc</kbd> then <kbd>Tab</kbd> moves on
        </p>
      </section>
    </aside>`;
  }

  private renderContent() {
    const result = this.viewed;
    const snapshot = this.sim.snapshot;
    const runs = this.chartRuns.length && snapshot.status === 'done' ? this.chartRuns : [];
    const scopedRuns = runs.length ? this.scopedRuns : [];
    const scope = findScope(this.scopes, this.chartScope);
    const fileStem = result ? (this.ranWith?.variants[this.viewing]?.fileName ?? 'elbsim').replace(/\.(ya?ml|json)$/i, '') : 'elbsim';
    const fleet = result
      ? fleetAt(
          {
            zones: result.scenario.zones,
            events: result.events,
            targets: result.summary.targets,
            instanceLoad: result.instanceLoad,
            periodS: result.scenario.periodS,
          },
          this.cursorS,
        )
      : null;
    const topology = result
      ? topologyAt({ scenario: result.scenario, timeseries: result.timeseries, extraSeries: result.extraSeries, summary: result.summary }, this.cursorS)
      : null;
    const chart = (kind: ChartKind, wide = false, height = 230) =>
      html`<elbsim-chart
        class=${wide ? 'wide' : ''}
        data-testid="chart-${kind}"
        .kind=${kind}
        .runs=${kind === 'alarms' ? runs : scopedRuns}
        .scopeLabel=${kind === 'alarms' || scope.scope.kind === 'all' ? '' : scope.scope.name}
        .cursorS=${result ? this.cursorS : null}
        .theme=${CHART_THEMES[this.theme]}
        .chartHeight=${height}
        .fileStem=${kind === 'alarms' || scope.scope.kind === 'all' ? fileStem : `${fileStem}-${scope.scope.name}`}
        @chart-seek=${(e: CustomEvent<{ timeS: number }>) => this.setCursor(e.detail.timeS)}
      ></elbsim-chart>`;
    return html`<section class="content">
      ${this.notice ? html`<div class="notice" role="alert">${this.notice}</div>` : nothing}
      <section class="panel replay" aria-label="Replay">
        <div class="run-title">
          <strong>${result ? result.scenario.name : snapshot.status === 'running' ? 'Running…' : 'No run yet'}</strong>
          ${result
            ? html`<span class="meta"
                >seed ${result.seed} · ${formatDuration(result.scenario.durationS)} simulated · ${result.scenario.zones.length}
                ${result.scenario.zones.length === 1 ? 'zone' : 'zones'} · ${result.summary.targets.length} instances launched</span
              >`
            : nothing}
          ${this.results.length > 1 && result
            ? html`<label class="view"
                >Fleet and events of
                <select
                  data-testid="view-variant"
                  @change=${(e: Event) => (this.viewing = Number((e.target as HTMLSelectElement).value))}
                >
                  ${this.chartRuns.map((r, i) => html`<option value=${i} ?selected=${i === this.viewing}>${r.label}</option>`)}
                </select></label
              >`
            : nothing}
        </div>
        <elbsim-timeline
          .durationS=${this.durationS}
          .cursorS=${this.cursorS}
          .stepS=${result?.scenario.periodS ?? 60}
          .playing=${this.playback.playing}
          .speed=${this.playback.speed}
          .disabled=${!result}
          @cursor-change=${(e: CustomEvent<{ timeS: number }>) => this.setCursor(e.detail.timeS)}
          @play-toggle=${() => this.playback.toggle()}
          @speed-change=${(e: CustomEvent<{ speed: number }>) => {
            this.playback.speed = e.detail.speed;
            this.requestUpdate();
          }}
        ></elbsim-timeline>
      </section>
      ${runs.length && this.scopes.length
        ? html`<div class="scope">
            <label
              >Charts show
              <select data-testid="chart-scope" .value=${scope.id} @change=${(e: Event) => (this.chartScope = (e.target as HTMLSelectElement).value)}>
                ${this.scopes.map((o) => html`<option value=${o.id} ?selected=${o.id === scope.id}>${o.label}</option>`)}
              </select></label
            >
            <span class="hint"
              >${scope.id === 'all'
                ? 'the load balancer as a whole'
                : 'its own columns only; series the run does not write per name are left out'}</span
            >
          </div>`
        : nothing}
      <div class="charts">
        ${chart('requests')} ${chart('latency')} ${chart('capacity')} ${chart('cpu')} ${chart('alarms', true, 110)}
      </div>
      <section class="panel" aria-label="Topology">
        <h2>${result ? `Topology at ${formatClock(this.cursorS, true)}` : 'Topology'}</h2>
        <elbsim-topology
          data-testid="topology-view"
          .topology=${topology}
          .at=${formatClock(this.cursorS, true)}
          .scopes=${this.scopeIds}
          .scoped=${scope.id}
          @scope-select=${(e: CustomEvent<{ id: string }>) => (this.chartScope = e.detail.id)}
        ></elbsim-topology>
      </section>
      <div class="split">
        <section class="panel" aria-label="Fleet">
          <h2>${result ? `Fleet at ${formatClock(this.cursorS, true)}` : 'Fleet'}</h2>
          <elbsim-fleet-view data-testid="fleet-view" .snapshot=${fleet} .launched=${result?.summary.targets.length ?? 0}></elbsim-fleet-view>
        </section>
        <section class="panel" aria-label="Events">
          <h2>Events</h2>
          <elbsim-events-log
            .events=${result?.events ?? []}
            .cursorS=${this.cursorS}
            @cursor-change=${(e: CustomEvent<{ timeS: number }>) => this.setCursor(e.detail.timeS)}
          ></elbsim-events-log>
        </section>
      </div>
      <section class="panel" aria-label="Summary and exports">
        <h2>Summary${this.results.length > 1 ? ': A and B side by side' : ''}</h2>
        ${result
          ? html`<elbsim-summary .runs=${this.results.map((r, i) => ({ label: this.chartRuns[i]?.label ?? r.scenario.name, summary: r.summary }))}></elbsim-summary>`
          : html`<p class="hint">Run a scenario to see its summary.</p>`}
        <div class="exports">
          <span class="label">Download${this.results.length > 1 ? ` (${this.chartRuns[this.viewing]?.label ?? ''})` : ''}:</span>
          <button type="button" data-testid="export-timeseries" ?disabled=${!result} @click=${() => this.exportFile('timeseries')}>timeseries.csv</button>
          <button type="button" data-testid="export-events" ?disabled=${!result} @click=${() => this.exportFile('events')}>events.csv</button>
          <button type="button" data-testid="export-summary" ?disabled=${!result} @click=${() => this.exportFile('summary')}>summary.json</button>
        </div>
        <div class="share">
          <input readonly aria-label="Link to this run" data-testid="share-link" .value=${this.shareLink} placeholder="Run a scenario to get a link" />
          <button type="button" data-testid="copy-link" ?disabled=${!this.shareLink} @click=${this.copyShareLink}>Copy link</button>
        </div>
      </section>
    </section>`;
  }

  override render() {
    return html`${this.renderHeader()}
      <main class="layout">${this.renderSidebar()} ${this.renderContent()}</main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-app': ElbsimApp;
  }
}
