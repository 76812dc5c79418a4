import type { Severity } from '@aviso/protocol';
import { type CSSResult, unsafeCSS } from 'lit';

/**
 * Aviso's design tokens with their light defaults. A host overrides one with `--aviso-<name>`;
 * components read the resolved value from `--_<name>` (see `themeTokens`). Every severity is a
 * colour token of its own name.
 */
export const LIGHT_TOKENS = {
  bg: '#fff',
  fg: '#1f2328',
  muted: '#59636e',
  border: '#d1d9e0',
  hover: '#f3f5f7',
  accent: '#0b63ce',
  'badge-bg': '#c8102e',
  info: '#0b63ce',
  success: '#1a7f37',
  warning: '#9a6700',
  critical: '#c8102e',
  radius: '10px',
  shadow: '0 8px 28px rgb(0 0 0 / 0.18)',
  font: '14px/1.4 system-ui, sans-serif',
} as const satisfies Record<Severity, string> & Record<string, string>;
export type TokenName = keyof typeof LIGHT_TOKENS;

/** The colours that change under the dark theme. */
export const DARK_TOKENS: Readonly<Partial<Record<TokenName, string>>> = {
  bg: '#1b1f24',
  fg: '#e6edf3',
  muted: '#9198a1',
  border: '#3d444d',
  hover: '#262c36',
  accent: '#4493f8',
  'badge-bg': '#da3633',
  info: '#4493f8',
  success: '#3fb950',
  warning: '#d29922',
  critical: '#f85149',
};

/** The CSS value of a token inside a component that uses `themeTokens`: `var(--_accent)`. */
export function tokenVar(name: TokenName): string {
  return `var(--_${name})`;
}

/** `--_bg:var(--aviso-bg,#fff);…`: each token as a private property the host can override. */
export function tokenDeclarations(tokens: Readonly<Partial<Record<TokenName, string>>>): string {
  return Object.entries(tokens)
    .map(([name, value]) => `--_${name}:var(--aviso-${name},${value})`)
    .join(';');
}

const dark = tokenDeclarations(DARK_TOKENS);

/**
 * The tokens on `:host`: light by default, dark with `theme="dark"`, or with `theme="auto"` when
 * the system prefers dark. Written compact, as the widget ships its CSS as text.
 */
export const themeTokens: CSSResult = unsafeCSS(
  `:host{${tokenDeclarations(LIGHT_TOKENS)}}:host([theme=dark]){${dark}}` +
    `@media (prefers-color-scheme:dark){:host([theme=auto]){${dark}}}`,
);
