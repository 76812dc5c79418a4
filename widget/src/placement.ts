/** A corner of the screen for toasts. */
export type ToastCorner =
  | 'top-right'
  | 'top-left'
  | 'bottom-right'
  | 'bottom-left'
  | 'top-center'
  | 'bottom-center';

const MARGIN = 8;

/**
 * Keeps the open panel on screen: right-aligned under the bell by default (left-aligned with
 * `align="left"`), opening to the right when that would leave the screen (a bell in a left
 * sidebar), clamped to the viewport, and above the bell when there is more room there.
 */
export function placePanel(host: HTMLElement, panel: HTMLElement): void {
  const bell = host.getBoundingClientRect();
  const width = panel.offsetWidth;
  const viewport = document.documentElement.clientWidth;
  let left = host.getAttribute('align') === 'left' ? bell.left : bell.right - width;
  if (left < MARGIN) left = bell.left;
  left = Math.max(MARGIN, Math.min(left, viewport - MARGIN - width));
  const below = innerHeight - bell.bottom - 2 * MARGIN;
  const above = bell.top - 2 * MARGIN;
  const up = below < 320 && above > below;
  Object.assign(panel.style, {
    left: `${left - bell.left}px`,
    right: 'auto',
    top: up ? 'auto' : '',
    bottom: up ? 'calc(100% + 6px)' : '',
    maxHeight: `${Math.min(560, Math.max(160, up ? above : below))}px`,
  });
}

/**
 * Where toasts go when the host did not say: the bottom corner on the bell's side when the bell
 * is in the upper half of the screen, else the top one, so they never cover it; with the
 * stack's height limited to the room between the bell and that edge.
 */
export function toastCorner(host: HTMLElement): { corner: ToastCorner; maxHeight: number } {
  const bell = host.getBoundingClientRect();
  const upper = bell.top + bell.bottom < innerHeight;
  const side = bell.left + bell.right < innerWidth ? 'left' : 'right';
  return {
    corner: `${upper ? 'bottom' : 'top'}-${side}`,
    maxHeight: Math.max(120, (upper ? innerHeight - bell.bottom : bell.top) - 24),
  };
}
