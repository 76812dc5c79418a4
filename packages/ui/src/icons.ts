import type { IconName } from '@aviso/protocol/catalog';
import { html, type TemplateResult, unsafeCSS } from 'lit';

/** Stroked 24×24 outlines, one per catalog icon name (drawn for Aviso, `currentColor`). */
export const ICON_PATHS: Readonly<Record<IconName, string>> = {
  bell: 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10 21h4',
  sale: 'M3 3h2l2.4 12h11l2-8H6.2M9 21a1 1 0 1 0 0-2 1 1 0 0 0 0 2M18 21a1 1 0 1 0 0-2 1 1 0 0 0 0 2',
  expense: 'M3 7h18v13H3zM16 14h2M3 7l13-4v4',
  purchase: 'M21 8 12 3 3 8v8l9 5 9-5zM3 8l9 5 9-5M12 13v8',
  'transfer-out': 'M3 12h14M13 8l4 4-4 4M21 4v16',
  'transfer-in': 'M21 12H7M11 8l-4 4 4 4M3 4v16',
  'low-stock': 'M3 7l6 6 4-4 8 8M21 11v6h-6',
  'low-stock-multiple': 'M12 2 2 7l10 5 10-5zM2 17l10 5 10-5M2 12l10 5 10-5',
  product: 'M3 3h8l10 10-8 8L3 11zM7.5 7.5h.01',
  supplier: 'M3 21V9l6 4V9l6 4V5h6v16z',
  customer: 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M16 11l2 2 4-4',
  user: 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M19 8v6M22 11h-6',
  'order-pickup': 'M6 2 3 6v14h18V6l-3-4zM3 6h18M16 10a4 4 0 0 1-8 0',
  'order-delivery':
    'M1 4h14v12H1zM15 8h4l4 4v4h-8M5 20a2 2 0 1 0 0-4 2 2 0 0 0 0 4M18 20a2 2 0 1 0 0-4 2 2 0 0 0 0 4',
  invoice: 'M5 2h14v20l-3-2-2 2-2-2-2 2-2-2-3 2zM9 7h6M9 11h6M9 15h4',
  document: 'M14 2H5v20h14V7zM14 2v5h5M8 13h8M8 17h8',
  'payment-due': 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20M12 6v6l4 2',
  'payment-overdue': 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20M12 7v6M12 17h.01',
  subscription: 'M21 12a9 9 0 0 1-15 6.7L3 16M3 12a9 9 0 0 1 15-6.7L21 8M21 3v5h-5M3 21v-5h5',
  maintenance: 'M15 3a6 6 0 0 0-6 8l-6 6 4 4 6-6a6 6 0 0 0 8-6l-3 3-4-1-1-4z',
  reservation: 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4',
  reminder: 'M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16M12 9v4l2 2M5 3 2 6M19 3l3 3',
  'no-show': 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4M10 13l4 4M14 13l-4 4',
  conversation: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
  sla: 'M6 2h12M6 22h12M7 2v4l5 6-5 6v4M17 2v4l-5 6 5 6v4',
  incident: 'M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0M12 9v4M12 17h.01',
  test: 'M9 3h6M10 3v6L4 20h16L14 9V3',
  promotion: 'M3 3h8l10 10-8 8L3 11zM7.5 7.5h.01',
};

/** Outlines of the bell's own buttons, on the same grid. */
export const UI_PATHS = {
  close: 'M18 6 6 18M6 6l12 12',
  archive: 'M3 3h18v5H3zM5 8v13h14V8M10 12h4',
  check: 'M20 6 9 17l-5-5',
  checkAll: 'M18 6 7 17l-5-5M22 10l-7.5 7.5L13 16',
} as const;

/** Draws path data as a decorative inline SVG. */
export function drawIcon(d: string): TemplateResult {
  return html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${d}></path></svg>`;
}

/**
 * How `drawIcon`'s outlines are stroked and sized, for the bell and the console alike (a plain
 * literal, which the bell's build minifies like its own stylesheet).
 */
export const iconStyles = unsafeCSS(`
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
`);
