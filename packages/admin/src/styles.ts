import { themeTokens } from '@aviso/ui/tokens';
import { css } from 'lit';

/** The design tokens shared with the bell (@aviso/ui), so a host's theme colours both alike. */
export const tokens = [
  themeTokens,
  css`
    :host {
      font: var(--_font);
      color: var(--_fg);
    }
  `,
];

/** Controls, tables, cards and messages shared by every page. */
export const pageStyles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: 18px;
    margin: 0 0 12px;
  }
  h3 {
    font-size: 15px;
    margin: 16px 0 8px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 6px 12px;
    cursor: pointer;
    min-height: 34px;
  }
  button:hover {
    background: var(--_hover);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: #fff;
  }
  button.danger {
    color: var(--_critical);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  input,
  select,
  textarea {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 6px 8px;
    min-height: 34px;
    box-sizing: border-box;
  }
  textarea {
    width: 100%;
    min-height: 70px;
    font-family: ui-monospace, monospace;
    font-size: 13px;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  label {
    display: grid;
    gap: 4px;
    font-weight: 500;
  }
  label.check,
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .check label {
    font-weight: 400;
  }
  .field {
    display: grid;
    gap: 4px;
    align-content: start;
  }
  .field > label,
  legend {
    display: block;
    font-weight: 500;
  }
  input[type='checkbox'] {
    min-height: auto;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 8px 12px;
    margin: 0;
    min-width: 0;
    display: grid;
    gap: 8px;
  }
  /* Required is said by aria-required; the star is only drawn (its alternative text is empty). */
  label.required::after {
    content: ' *' / '';
    color: var(--_critical);
  }
  .field-error {
    color: var(--_critical);
    font-size: 12px;
    font-weight: 500;
  }
  [aria-invalid='true'] {
    border-color: var(--_critical);
    outline-color: var(--_critical);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 12px;
    margin: 0;
  }
  dl.facts dt {
    color: var(--_muted);
  }
  dl.facts dd {
    margin: 0;
  }
  .hint {
    color: var(--_muted);
    font-size: 12px;
    font-weight: 400;
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 16px;
    margin-bottom: 16px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: end;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
    gap: 12px;
  }
  .table {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    background: var(--_bg);
  }
  th,
  td {
    text-align: left;
    padding: 8px;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    color: var(--_muted);
    font-weight: 600;
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  td.actions {
    white-space: nowrap;
  }
  td.actions button {
    margin-right: 4px;
  }
  .pill {
    display: inline-block;
    border-radius: 999px;
    padding: 1px 8px;
    font-size: 12px;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .ok,
  .sent,
  .active-ok {
    color: var(--_success);
  }
  .failed,
  .bounced,
  .critical {
    color: var(--_critical);
  }
  .pending,
  .sending,
  .info {
    color: var(--_info);
  }
  .warning {
    color: var(--_warning);
  }
  .cancelled,
  .skipped,
  .muted {
    color: var(--_muted);
  }
  .notice {
    border-left: 4px solid var(--_info);
    background: var(--_hover);
    padding: 10px 12px;
    border-radius: 6px;
    margin: 8px 0;
  }
  .notice.error {
    border-color: var(--_critical);
  }
  .notice.success {
    border-color: var(--_success);
  }
  code,
  .mono {
    font-family: ui-monospace, monospace;
    font-size: 13px;
    word-break: break-all;
  }
  svg.icon {
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
    vertical-align: -4px;
  }
`;
