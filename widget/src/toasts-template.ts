import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type ItemContext, itemTemplate } from './item-template.ts';
import { type ToastCorner, toastCorner } from './placement.ts';
import type { AvisoStrings } from './strings.ts';
import type { ToastController } from './toast-controller.ts';

/** What the toast stack's template needs from the bell. */
export interface ToastsView {
  host: HTMLElement;
  strings: AvisoStrings;
  stack: ToastController;
  /** A corner, or `auto` for the one away from the bell. */
  position: ToastCorner | 'auto';
  /** The panel is open: the toasts hide under it. */
  hidden: boolean;
  /** Row context, with the toast's dismiss button in the corner. */
  context: ItemContext;
  /** "3 avisos mientras estabas sin conexión", or empty. */
  missed: string;
  openInbox(): void;
}

/** Slides a toast away with a finger (or the mouse): past 80 px it is dismissed. */
function swipe(e: PointerEvent, id: string, stack: ToastController): void {
  const toast = e.currentTarget as HTMLElement;
  const from = e.clientX;
  const move = (m: PointerEvent) => {
    toast.style.transform = `translateX(${m.clientX - from}px)`;
  };
  const end = (u: PointerEvent) => {
    removeEventListener('pointermove', move);
    removeEventListener('pointerup', end);
    removeEventListener('pointercancel', end);
    toast.style.transform = '';
    const far = Math.abs(u.clientX - from);
    // A drag is not a click on whatever the pointer was over.
    if (far > 10) toast.addEventListener('click', (c) => c.stopPropagation(), { capture: true, once: true });
    if (far > 80 && u.type === 'pointerup') stack.dismiss(id);
  };
  addEventListener('pointermove', move);
  addEventListener('pointerup', end);
  addEventListener('pointercancel', end);
}

/**
 * The toast stack: a polite live region that stays in the page (one added later is not
 * announced), its toasts (paused while hovered or focused, swipeable), and a summary line for
 * what did not fit ("+7 más") or arrived while offline, which opens the inbox.
 */
export function toastsTemplate(view: ToastsView): TemplateResult {
  const { stack, strings: t } = view;
  const toasts = view.hidden ? [] : stack.toasts;
  let corner: string = view.position;
  let limit = '';
  if (corner === 'auto' && toasts.length) {
    const auto = toastCorner(view.host);
    corner = auto.corner;
    limit = `max-height:${auto.maxHeight}px`;
  }
  const summary = [view.missed, stack.overflow ? t.more.replace('{count}', String(stack.overflow)) : '']
    .filter(Boolean)
    .join(' · ');
  return html`<section class="toasts ${corner}" style=${limit} aria-live="polite" aria-label=${t.newNotification}>
    ${repeat(
      toasts,
      (toast) => toast.notification.id,
      ({ notification: n }) => html`<div
        class="toast ${n.severity}"
        part="toast"
        @pointerdown=${(e: PointerEvent) => swipe(e, n.id, stack)}
        @mouseenter=${() => stack.pause(n.id)}
        @mouseleave=${(e: MouseEvent) => {
          if (!(e.currentTarget as HTMLElement).matches(':focus-within')) stack.resume(n.id);
        }}
        @focusin=${() => stack.pause(n.id)}
        @focusout=${(e: FocusEvent) => {
          const el = e.currentTarget as HTMLElement;
          if (!el.contains(e.relatedTarget as Node) && !el.matches(':hover')) stack.resume(n.id);
        }}
      >
        ${itemTemplate(n, view.context)}
      </div>`,
    )}
    ${
      toasts.length && summary
        ? html`<button class="sum" part="toast-summary" @click=${view.openInbox}>${summary}</button>`
        : nothing
    }
  </section>`;
}
