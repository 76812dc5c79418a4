import { ICONS } from '@aviso/protocol/catalog';
import { describe, expect, it } from 'vitest';
import { ICON_PATHS, UI_PATHS } from './icons.ts';

// An SVG path: starts with a move-to and holds only path commands and numbers.
const PATH = /^M[\d\s.,MmLlHhVvCcSsQqTtAaZz-]+$/;

describe('icon outlines', () => {
  it('draws every icon name of the catalog and every button, as path data', () => {
    for (const name of ICONS) expect(ICON_PATHS[name], name).toMatch(PATH);
    for (const [name, d] of Object.entries(UI_PATHS)) expect(d, name).toMatch(PATH);
  });
});
