/** The shop's colour: the band and button of the emails the hub sends for the demo tenant. */
export const DEMO_BRAND_COLOR = '#c2410c';

/** The shop's logo, served by the demo at `/logo.svg`. */
export const DEMO_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40">
<rect width="40" height="40" rx="8" fill="#ffffff"/>
<path d="M9 15h22l-2 15H11z M14 15a6 6 0 0 1 12 0" fill="none" stroke="${DEMO_BRAND_COLOR}" stroke-width="3" stroke-linejoin="round"/>
<text x="50" y="26" font-family="system-ui, sans-serif" font-size="16" font-weight="700" fill="#ffffff">La Esquina</text>
</svg>`;

/**
 * The demo tenant's email branding (`settings.branding`): its colour always, and its logo when the
 * demo is served over https (the hub only puts https images in an email), beside its page `pageUrl`.
 */
export function demoBranding(pageUrl: string): { color: string; logoUrl: string | null } {
  const logo = new URL('logo.svg', pageUrl);
  return { color: DEMO_BRAND_COLOR, logoUrl: logo.protocol === 'https:' ? logo.href : null };
}
