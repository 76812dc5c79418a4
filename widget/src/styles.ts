// Long because it is the bell's one stylesheet (button, badge, panel, rows, toasts, every theme and
// breakpoint): Lit adopts it once per shadow root, and the build minifies it as one literal.
import { iconStyles } from '@aviso/ui/icons';
import { themeTokens } from '@aviso/ui/tokens';
import { unsafeCSS } from 'lit';

// `--s` is the severity colour of an item or toast: its stripe, its icon. A plain literal through
// `unsafeCSS` (nothing is interpolated): Lit's `css` tag would add its checks to the bundle.
const bellOwnStyles = unsafeCSS(`
  :host {
    all: initial;
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
    padding: 0;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .bell {
    position: relative;
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
  }
  .bell:hover,
  .icon-btn:hover {
    background: var(--_hover);
    color: var(--_fg);
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
    width: min(var(--aviso-panel-width, 380px), calc(100vw - 16px));
    max-height: min(560px, 80vh);
    display: flex;
    flex-direction: column;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
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
  .icon-btn svg {
    width: 18px;
    height: 18px;
  }
  [aria-disabled='true'] {
    opacity: 0.4;
    cursor: default;
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
  [aria-selected='true'] {
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
  .info { --s: var(--_info); }
  .success { --s: var(--_success); }
  .warning { --s: var(--_warning); }
  .critical { --s: var(--_critical); }
  .item {
    position: relative;
    display: flex;
    gap: 10px;
    padding: 10px 40px 10px 14px;
    border-bottom: 1px solid var(--_border);
    border-left: 3px solid var(--s, transparent);
    cursor: pointer;
  }
  .item:hover,
  .item:focus-visible {
    background: var(--_hover);
  }
  .glyph {
    position: relative;
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    border-radius: 50%;
    background: var(--_hover);
    color: var(--s);
    flex: none;
  }
  .unread .glyph::after {
    content: '';
    position: absolute;
    top: 0;
    right: 0;
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: var(--_accent);
    box-shadow: 0 0 0 2px var(--_bg);
  }
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
    text-align: start;
  }
  .main > span {
    display: block;
  }
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
  .toggle {
    position: absolute;
    top: 38px;
    right: 6px;
  }
  .item:has(.toggle) {
    min-height: 76px;
  }
  .snooze {
    display: inline-grid;
    width: 24px;
    height: 24px;
    vertical-align: middle;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 6px;
  }
  .action {
    display: flex;
    gap: 4px;
    align-items: center;
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: 6px;
  }
  .action svg {
    width: 14px;
    height: 14px;
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_bg);
  }
  .danger {
    color: var(--_critical);
  }
  .action:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .action[aria-pressed='true'] {
    opacity: 1;
    font-weight: 600;
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
    font-size: 12px;
  }
  .toasts {
    position: fixed;
    z-index: var(--aviso-z, 1000);
    display: flex;
    flex-direction: column;
    gap: 8px;
    width: min(360px, calc(100vw - 24px));
    overflow-y: clip;
    pointer-events: none;
  }
  .toasts[class*='top'] { top: 12px; }
  .toasts[class*='bottom'] { bottom: 12px; flex-direction: column-reverse; }
  .toasts[class*='right'] { right: 12px; }
  .toasts[class*='left'] { left: 12px; }
  .toasts[class*='center'] { left: 50%; transform: translateX(-50%); }
  .toast,
  .sum {
    pointer-events: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: var(--_shadow);
  }
  .toast {
    border-left: 4px solid var(--s);
    touch-action: pan-y;
    animation: aviso-in 0.18s ease-out;
  }
  .toast .item {
    border: 0;
  }
  .sum {
    align-self: flex-end;
    padding: 6px 12px;
    color: var(--_accent);
  }
  @keyframes aviso-in {
    from { opacity: 0; transform: translateY(-8px); }
  }
  @media (prefers-reduced-motion: reduce) {
    .toast { animation: none; }
  }
  @media (max-width: 480px) {
    .toasts {
      left: 8px;
      right: 8px;
      width: auto;
      transform: none;
    }
  }
`);

/** The bell's styles: the design tokens and icon strokes shared with the console, then its own rules. */
export const bellStyles = [themeTokens, iconStyles, bellOwnStyles];
