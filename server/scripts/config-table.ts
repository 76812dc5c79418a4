import type { z } from 'zod';
import { envSchema } from '../src/config.ts';

/** The README's configuration table lives between these two lines. */
export const TABLE_START =
  '<!-- config:start (generated from server/src/config.ts by `pnpm docs:config`) -->';
export const TABLE_END = '<!-- config:end -->';

interface Def {
  type: string;
  in?: z.ZodType;
  innerType?: z.ZodType;
  defaultValue?: unknown;
}

/** The default a variable's schema fills in, found through its pipes and wrappers. */
function schemaDefault(schema: z.ZodType): string | undefined {
  const def = schema._zod.def as Def;
  if (def.type === 'default') return String(def.defaultValue);
  const inner = def.in ?? def.innerType;
  return inner ? schemaDefault(inner) : undefined;
}

/** One Markdown table of every environment variable: name, default, meaning. Columns are padded. */
export function configTable(): string {
  const rows = Object.entries(envSchema.shape).map(([name, schema]) => {
    const meta = (schema.meta() ?? {}) as { default?: string; description?: string };
    const value = schemaDefault(schema);
    const shown = meta.default ?? (value === undefined ? 'unset' : `\`${value}\``);
    return [`\`${name}\``, shown, meta.description ?? ''];
  });
  const head = ['variable', 'default', 'meaning'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `readme` with the text between the table markers replaced by `configTable()`. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${TABLE_START} … ${TABLE_END}`);
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${configTable()}\n\n${readme.slice(end)}`;
}
