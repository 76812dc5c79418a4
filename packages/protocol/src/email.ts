import { z } from 'zod';
import { safeText } from './safe.ts';

/** How the tenant's emails look: its logo and colour around every notification (its name is always shown). */
export const BrandingSchema = z
  .object({
    /** An https image (PNG, JPEG, SVG…) shown at the top of every email, at most 48 px high. */
    logoUrl: z
      .string()
      .max(2048)
      .refine((u) => {
        try {
          return new URL(u).protocol === 'https:';
        } catch {
          return false;
        }
      }, 'an absolute https URL')
      .nullable(),
    /** The colour of the email's band and button, `#RRGGBB`. */
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #0f766e')
      .nullable(),
  })
  .partial()
  .strict();
export type Branding = z.infer<typeof BrandingSchema>;

const LocalizedTemplate = z.record(safeText(35, 2), safeText(4000, 1));

/**
 * A type's own email texts (LiquidJS, per locale, like its title and message). `subject` replaces
 * the default `[Tenant] Title`; `body` replaces the message in the email (paragraphs separated by a
 * blank line; it may use `{{ notification.title }}`, `{{ notification.message }}` and the data).
 * The layout, the button and the plain-text part stay the hub's.
 */
export const EmailTemplateSchema = z
  .object({ subject: LocalizedTemplate, body: LocalizedTemplate })
  .partial()
  .strict();
export type EmailTemplate = z.infer<typeof EmailTemplateSchema>;

/** What `POST /v1/event-types/:type/preview` shows of the email a person would get. */
export const EmailPreviewSchema = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});
