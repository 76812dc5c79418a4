import type { IconName } from '@aviso/protocol/catalog';
import { drawIcon, ICON_PATHS } from '@aviso/ui/icons';
import type { TemplateResult } from 'lit';

// The outlines are shared with the admin console through @aviso/ui; the bell's public API keeps them.
export { drawIcon, ICON_PATHS, UI_PATHS } from '@aviso/ui/icons';

/** A host's icon for an event type or icon name: SVG path data on the 24×24 grid, or any template. */
export type IconOverride = string | TemplateResult;

/** The icon of a notification: the host's override for its type or icon, else the built-in one. */
export function iconFor(
  n: { type: string; icon: string },
  overrides: Readonly<Record<string, IconOverride>> = {},
): TemplateResult {
  const custom = overrides[n.type] ?? overrides[n.icon];
  if (custom !== undefined) return typeof custom === 'string' ? drawIcon(custom) : custom;
  return drawIcon(ICON_PATHS[n.icon as IconName] ?? ICON_PATHS.bell);
}
