/**
 * <elbsim-editor>: the scenario's YAML (or JSON) in a plain textarea with line numbers. The
 * core's validation errors and warnings are marked at their lines (gutter and line
 * background) and listed below; choosing one puts the caret on its line. Upload reads a local
 * file into the editor; download saves the text as it is.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ScenarioIssue } from '../../core/index.ts';
import { emit } from '../events.ts';
import { lineOffset } from '../format/text.ts';
import { sharedStyles } from './shared-styles.ts';

const LINE_HEIGHT = 18;
const PAD = 8;

@customElement('elbsim-editor')
export class ScenarioEditor extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 6px;
        min-height: 0;
      }
      .toolbar {
        display: flex;
        align-items: center;
        gap: 6px;
        flex-wrap: wrap;
      }
      .toolbar h2 {
        margin-right: auto;
        flex: 1;
        min-width: 0;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .file {
        font-family: var(--mono);
        font-size: 11px;
        color: var(--muted);
        text-transform: none;
        letter-spacing: 0;
        font-weight: 400;
        margin-left: 6px;
      }
      .frame {
        position: relative;
        display: grid;
        grid-template-columns: auto 1fr;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--code-bg);
        overflow: hidden;
        height: var(--editor-height, 340px);
        font-family: var(--mono);
        font-size: 12.5px;
        line-height: ${LINE_HEIGHT}px;
      }
      .frame:focus-within {
        border-color: var(--accent);
      }
      .gutter {
        position: relative;
        overflow: hidden;
        background: var(--panel-2);
        color: var(--muted);
        text-align: right;
        user-select: none;
        min-width: 3.2em;
        border-right: 1px solid var(--border);
      }
      .gutter-lines {
        padding: ${PAD}px 6px ${PAD}px 8px;
        will-change: transform;
      }
      .ln.error {
        color: var(--accent-fg);
        background: var(--error);
        border-radius: 3px;
      }
      .ln.warning {
        color: var(--warn);
        font-weight: 700;
      }
      .code {
        position: relative;
        overflow: hidden;
      }
      .marks {
        position: absolute;
        inset: 0;
        pointer-events: none;
      }
      .mark {
        position: absolute;
        left: 0;
        right: 0;
        height: ${LINE_HEIGHT}px;
      }
      .mark.error {
        background: var(--error-bg);
        border-left: 3px solid var(--error);
      }
      .mark.warning {
        background: color-mix(in srgb, var(--warn) 14%, transparent);
      }
      textarea {
        position: relative;
        display: block;
        width: 100%;
        height: 100%;
        margin: 0;
        border: 0;
        padding: ${PAD}px 10px;
        resize: none;
        background: transparent;
        color: var(--fg);
        font: inherit;
        line-height: inherit;
        white-space: pre;
        overflow: auto;
        tab-size: 2;
        outline: none;
      }
      .issues {
        list-style: none;
        margin: 0;
        padding: 0;
        font-size: 12px;
        max-height: 140px;
        overflow-y: auto;
      }
      .issues button {
        display: block;
        width: 100%;
        text-align: left;
        border: 0;
        border-left: 3px solid var(--error);
        background: var(--error-bg);
        border-radius: 4px;
        margin-top: 4px;
        padding: 4px 8px;
        font-family: var(--mono);
        font-size: 11.5px;
        white-space: pre-wrap;
      }
      .issues .warning button {
        border-left-color: var(--warn);
        background: var(--panel-2);
      }
      .status {
        font-size: 12px;
        color: var(--muted);
      }
      .status.ok {
        color: var(--ok);
      }
      .status.bad {
        color: var(--error);
        font-weight: 600;
      }
      label.upload {
        border: 1px solid var(--border);
        border-radius: 6px;
        padding: 5px 10px;
        cursor: pointer;
        background: var(--panel);
        line-height: 1.2;
      }
      label.upload:focus-within {
        outline: 2px solid var(--focus);
      }
      label.upload input {
        position: absolute;
        opacity: 0;
        width: 1px;
        height: 1px;
      }
    `,
  ];

  @property() value = '';
  @property() fileName = 'scenario.yaml';
  @property() heading = 'Scenario';
  @property({ attribute: false }) errors: readonly ScenarioIssue[] = [];
  @property({ attribute: false }) warnings: readonly ScenarioIssue[] = [];
  /** False until the first validation has run (no status shown). */
  @property({ type: Boolean }) validated = false;

  @state() private scrolledPx = 0;
  @query('textarea') private textarea!: HTMLTextAreaElement;

  private onInput(event: Event): void {
    emit(this, 'editor-change', { text: (event.target as HTMLTextAreaElement).value });
  }

  private onScroll(): void {
    this.scrolledPx = this.textarea.scrollTop;
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Tab indents by two spaces (YAML); Escape then Tab leaves the editor, as in most code editors.
    if (event.key === 'Tab' && !event.shiftKey && !this.escaped) {
      event.preventDefault();
      const t = this.textarea;
      t.setRangeText('  ', t.selectionStart, t.selectionEnd, 'end');
      emit(this, 'editor-change', { text: t.value });
    }
    this.escaped = event.key === 'Escape';
  }
  private escaped = false;

  private async onUpload(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    input.value = '';
    emit(this, 'scenario-upload', { text, fileName: file.name });
  }

  /** Puts the caret at the start of `line` and scrolls it into view. */
  goToLine(line: number): void {
    const t = this.textarea;
    const offset = lineOffset(t.value, line);
    t.focus();
    t.setSelectionRange(offset, offset);
    const top = (line - 1) * LINE_HEIGHT;
    if (top < t.scrollTop || top > t.scrollTop + t.clientHeight - 2 * LINE_HEIGHT) t.scrollTop = Math.max(0, top - t.clientHeight / 3);
    this.scrolledPx = t.scrollTop;
  }

  private issueLines(): Map<number, 'error' | 'warning'> {
    const lines = new Map<number, 'error' | 'warning'>();
    for (const w of this.warnings) if (w.line) lines.set(w.line, 'warning');
    for (const e of this.errors) if (e.line) lines.set(e.line, 'error');
    return lines;
  }

  private describe(issue: ScenarioIssue): string {
    const where = issue.line ? `line ${issue.line}${issue.column ? `:${issue.column}` : ''}` : 'file';
    return `${where}  ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
  }

  override render() {
    const lineCount = this.value.split('\n').length;
    const marks = this.issueLines();
    const errorCount = this.errors.length;
    return html`
      <div class="toolbar">
        <h2>${this.heading}<span class="file">${this.fileName}</span></h2>
        <label class="upload" title="Open a scenario file (.yaml, .yml, .json)">
          Upload…
          <input type="file" accept=".yaml,.yml,.json,application/json,text/yaml" data-testid="upload-scenario" @change=${this.onUpload} />
        </label>
        <button type="button" data-testid="download-scenario" title="Save this scenario as a file" @click=${() => emit(this, 'export-request', { file: 'scenario' })}>
          Download
        </button>
      </div>
      <div class="frame">
        <div class="gutter" aria-hidden="true">
          <div class="gutter-lines" style="transform: translateY(${-this.scrolledPx}px)">
            ${Array.from({ length: lineCount }, (_, i) => {
              const kind = marks.get(i + 1);
              return html`<div class="ln ${kind ?? ''}">${i + 1}</div>`;
            })}
          </div>
        </div>
        <div class="code">
          <div class="marks" aria-hidden="true">
            ${[...marks].map(
              ([line, kind]) =>
                html`<div class="mark ${kind}" style="top: ${PAD + (line - 1) * LINE_HEIGHT - this.scrolledPx}px"></div>`,
            )}
          </div>
          <textarea
            data-testid="scenario-editor"
            aria-label="${this.heading} (YAML)"
            aria-invalid=${errorCount > 0 ? 'true' : 'false'}
            aria-describedby="status"
            spellcheck="false"
            autocapitalize="off"
            autocomplete="off"
            wrap="off"
            .value=${live(this.value)}
            @input=${this.onInput}
            @scroll=${this.onScroll}
            @keydown=${this.onKeyDown}
          ></textarea>
        </div>
      </div>
      <div id="status" role="status" data-testid="validation-status" class="status ${!this.validated ? '' : errorCount ? 'bad' : 'ok'}">
        ${!this.validated
          ? nothing
          : errorCount
            ? `${errorCount} ${errorCount === 1 ? 'error' : 'errors'}: fix ${errorCount === 1 ? 'it' : 'them'} to run`
            : `✓ valid${this.warnings.length ? `, ${this.warnings.length} ${this.warnings.length === 1 ? 'warning' : 'warnings'}` : ''}`}
      </div>
      ${errorCount || this.warnings.length
        ? html`<ul class="issues" data-testid="validation-errors">
            ${this.errors.map(
              (e) => html`<li class="error"><button type="button" @click=${() => e.line && this.goToLine(e.line)}>${this.describe(e)}</button></li>`,
            )}
            ${this.warnings.map(
              (w) =>
                html`<li class="warning"><button type="button" @click=${() => w.line && this.goToLine(w.line)}>warning: ${this.describe(w)}</button></li>`,
            )}
          </ul>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'elbsim-editor': ScenarioEditor;
  }
}
