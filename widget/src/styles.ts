import { themeTokens } from '@aviso/ui/tokens';
import { css } from 'lit';

const bellOwnStyles = css`
  :host {
    position: relative;
    display: inline-block;
    font: var(--_font);
    color: var(--_fg);
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    cursor: pointer;
  }
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  svg {
    width: 20px;
    height: 20px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
    flex: none;
  }
  .bell {
    position: relative;
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
  }
  .bell:hover {
    background: var(--_hover);
  }
  .bell svg {
    width: 22px;
    height: 22px;
  }
  .badge {
    position: absolute;
    top: 2px;
    right: 0;
    min-width: 18px;
    height: 18px;
    padding: 0 4px;
    box-sizing: border-box;
    border-radius: 9px;
    background: var(--_badge-bg);
    color: #fff;
    font-size: 11px;
    font-weight: 700;
    line-height: 18px;
    text-align: center;
  }
  .panel {
    position: absolute;
    z-index: var(--aviso-z, 1000);
    top: calc(100% + 6px);
    right: 0;
    width: var(--aviso-panel-width, 380px);
    max-width: calc(100vw - 16px);
    max-height: min(560px, 80vh);
    display: flex;
    flex-direction: column;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
  }
  :host([align='left']) .panel {
    right: auto;
    left: 0;
  }
  header {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 10px 8px 0 14px;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 15px;
  }
  .icon-btn {
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: 6px;
    color: var(--_muted);
  }
  .icon-btn:hover {
    background: var(--_hover);
    color: var(--_fg);
  }
  .icon-btn svg {
    width: 18px;
    height: 18px;
  }
  [role='tablist'] {
    display: flex;
    gap: 4px;
    padding: 6px 10px;
    border-bottom: 1px solid var(--_border);
  }
  [role='tab'] {
    padding: 4px 10px;
    border-radius: 14px;
    color: var(--_muted);
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_hover);
    color: var(--_fg);
    font-weight: 600;
  }
  .list {
    flex: 1;
    margin: 0;
    padding: 0;
    list-style: none;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .item {
    position: relative;
    display: flex;
    gap: 10px;
    padding: 10px 40px 10px 14px;
    border-bottom: 1px solid var(--_border);
    border-left: 3px solid transparent;
    cursor: pointer;
  }
  .item:hover,
  .item:focus-visible {
    background: var(--_hover);
  }
  .item:focus-visible {
    outline-offset: -2px;
  }
  .item.unread .title::after {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    margin-left: 6px;
    border-radius: 50%;
    background: var(--_accent);
    vertical-align: middle;
  }
  .info { border-left-color: var(--_info); }
  .success { border-left-color: var(--_success); }
  .warning { border-left-color: var(--_warning); }
  .critical { border-left-color: var(--_critical); }
  .glyph {
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    border-radius: 50%;
    background: var(--_hover);
    flex: none;
  }
  .info .glyph { color: var(--_info); }
  .success .glyph { color: var(--_success); }
  .warning .glyph { color: var(--_warning); }
  .critical .glyph { color: var(--_critical); }
  .body {
    min-width: 0;
    flex: 1;
  }
  .title {
    font-weight: 600;
  }
  .message {
    margin: 2px 0;
    overflow-wrap: anywhere;
  }
  time {
    color: var(--_muted);
    font-size: 12px;
  }
  .main {
    display: block;
    width: 100%;
    padding: 0;
    text-align: left;
    cursor: pointer;
  }
  .main > span {
    display: block;
  }
  .main .sr-only,
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .corner {
    position: absolute;
    top: 6px;
    right: 6px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 6px;
  }
  .action {
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: 6px;
  }
  .action.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: #fff;
  }
  .action.danger {
    color: var(--_critical);
  }
  .state {
    padding: 28px 16px;
    color: var(--_muted);
    text-align: center;
  }
  .state button,
  .more {
    color: var(--_accent);
    text-decoration: underline;
  }
  .more {
    display: block;
    width: 100%;
    padding: 10px;
  }
  .offline {
    padding: 6px 14px;
    background: var(--_hover);
    color: var(--_warning);
    font-size: 12px;
  }
  .toasts {
    position: fixed;
    z-index: var(--aviso-z, 1000);
    display: flex;
    flex-direction: column;
    gap: 8px;
    width: min(360px, calc(100vw - 24px));
    margin: 0;
    padding: 0;
    list-style: none;
    pointer-events: none;
  }
  .toasts.top-right { top: 12px; right: 12px; }
  .toasts.top-left { top: 12px; left: 12px; }
  .toasts.bottom-right { bottom: 12px; right: 12px; flex-direction: column-reverse; }
  .toasts.bottom-left { bottom: 12px; left: 12px; flex-direction: column-reverse; }
  .toasts.top-center { top: 12px; left: 50%; transform: translateX(-50%); }
  .toasts.bottom-center { bottom: 12px; left: 50%; transform: translateX(-50%); flex-direction: column-reverse; }
  .toast {
    pointer-events: auto;
    border: 1px solid var(--_border);
    border-left-width: 4px;
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: var(--_shadow);
    animation: aviso-in 0.18s ease-out;
  }
  .toast .item {
    border: 0;
  }
  @keyframes aviso-in {
    from { opacity: 0; transform: translateY(-8px); }
  }
  @media (prefers-reduced-motion: reduce) {
    .toast { animation: none; }
  }
  @media (max-width: 480px) {
    .panel {
      position: fixed;
      top: 8px;
      left: 8px;
      right: 8px;
      width: auto;
      max-width: none;
      max-height: calc(100vh - 16px);
    }
  }
`;

/** The bell's styles: the design tokens shared with the console (light and dark), then its own rules. */
export const bellStyles = [themeTokens, bellOwnStyles];
