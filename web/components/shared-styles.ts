/** Styles shared by the components: panels, buttons, inputs, headings (theme via CSS variables). */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--font);
    color: var(--fg);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--border);
    background: var(--panel);
    border-radius: 6px;
    padding: 5px 10px;
    line-height: 1.2;
  }
  button:hover:not(:disabled) {
    border-color: var(--accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-fg);
    font-weight: 600;
  }
  input,
  select {
    border: 1px solid var(--border);
    background: var(--code-bg);
    border-radius: 6px;
    padding: 4px 8px;
  }
  :focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  h2,
  h3 {
    margin: 0;
    font-size: 13px;
    font-weight: 650;
    letter-spacing: 0.02em;
    text-transform: uppercase;
    color: var(--muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
