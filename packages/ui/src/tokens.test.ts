import { SEVERITIES } from '@aviso/protocol';
import { describe, expect, it } from 'vitest';
import { DARK_TOKENS, LIGHT_TOKENS, themeTokens, tokenVar } from './tokens.ts';

describe('themeTokens', () => {
  const css = themeTokens.cssText;

  it('declares every token on :host with its light default, overridable by --aviso-<name>', () => {
    const light = css.slice(0, css.indexOf('}'));
    expect(light.startsWith(':host{')).toBe(true);
    for (const [name, value] of Object.entries(LIGHT_TOKENS)) {
      expect(light).toContain(`--_${name}:var(--aviso-${name},${value})`);
    }
  });

  it('switches every dark colour under theme="dark" and under theme="auto" with a dark system', () => {
    const dark = css.match(/:host\(\[theme=dark\]\)\{([^}]*)\}/)?.[1];
    const auto = css.match(/prefers-color-scheme:dark\)\{:host\(\[theme=auto\]\)\{([^}]*)\}/)?.[1];
    expect(dark).toBeDefined();
    expect(auto).toBe(dark);
    for (const [name, value] of Object.entries(DARK_TOKENS)) {
      expect(dark).toContain(`--_${name}:var(--aviso-${name},${value})`);
    }
  });

  it('has a colour for every severity, in both themes', () => {
    for (const severity of SEVERITIES) {
      expect(tokenVar(severity)).toBe(`var(--_${severity})`);
      expect(DARK_TOKENS[severity]).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});
