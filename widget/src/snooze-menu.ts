import type { html as litHtml, TemplateResult } from 'lit';
import type { SnoozeStrings } from './strings.ts';

// Loaded with `import()` the first time someone presses a row's clock: the choices and their words
// in three languages stay out of the bundle a page loads up front. Like the filter bar, it takes
// Lit's `html` from the bell.

const TEXTS: Record<string, SnoozeStrings> = {
  es: {
    snoozeUntil: 'Posponer hasta',
    snoozeHour: '1 hora',
    snoozeHours: '3 horas',
    snoozeTomorrow: 'Mañana, 9:00',
  },
  en: {
    snoozeUntil: 'Snooze until',
    snoozeHour: '1 hour',
    snoozeHours: '3 hours',
    snoozeTomorrow: 'Tomorrow, 9:00',
  },
  pt: {
    snoozeUntil: 'Adiar até',
    snoozeHour: '1 hora',
    snoozeHours: '3 horas',
    snoozeTomorrow: 'Amanhã, 9:00',
  },
};

/** When each choice ends, from `now`: in an hour, in three hours, tomorrow at 9:00 on this device's clock. */
export function snoozeTimes(now = new Date()): [Date, Date, Date] {
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [new Date(now.getTime() + 3_600_000), new Date(now.getTime() + 3 * 3_600_000), tomorrow];
}

/**
 * The snooze choices of one inbox row, as a labelled group of buttons under it (reachable by Tab,
 * focused when they open). `pick` gets the time the notification comes back.
 */
export function snoozeMenu(
  html: typeof litHtml,
  lang: 'es' | 'en' | 'pt',
  strings: Partial<SnoozeStrings>,
  pick: (until: Date) => void,
): TemplateResult {
  const t = { ...TEXTS[lang]!, ...strings };
  const times = snoozeTimes();
  return html`<style>
      .snooze-menu {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 6px;
      }
      .snooze-menu button {
        padding: 2px 8px;
        border: 1px solid var(--_border);
        border-radius: 6px;
        color: inherit;
      }
    </style>
    <div class="snooze-menu" role="group" part="snooze-menu" aria-label=${t.snoozeUntil}>
      ${[t.snoozeHour, t.snoozeHours, t.snoozeTomorrow].map(
        (label, i) =>
          html`<button
            part="snooze-choice"
            @click=${(e: Event) => {
              e.stopPropagation();
              pick(times[i]!);
            }}
          >
            ${label}
          </button>`,
      )}
    </div>`;
}
